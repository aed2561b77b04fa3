import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Parsers written as generators that `yield` at points where stopping is cheap (after a chunk
 * of input, after an item). The same steps then run two ways: all at once for pure callers and
 * tests, or in slices for the server, where one large page must not hold up every request and
 * socket for the whole time it takes to read.
 */
export type Steps<T> = Generator<void, T, void>;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps, giving the event loop a turn whenever `sliceMs` of work has passed without one.
 * The first slice waits for a turn too: called from an I/O callback (a response just read), a
 * slice would otherwise run back to back with that callback and with the slice after it, since
 * setImmediate callbacks run right after I/O in the same loop iteration.
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = 5): Promise<T> {
  for (;;) {
    await nextTurn();
    const sliceStart = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - sliceStart >= sliceMs) break;
    }
  }
}
