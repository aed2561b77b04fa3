/** Time is passed in, never read from a global, so tests can run the server on a chosen clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
