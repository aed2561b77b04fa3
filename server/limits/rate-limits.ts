/** How much one client may do; generous for people, tight for scripts. */
export const RATE_LIMITS = {
  comment: { max: 5, windowMs: 10 * 60_000, what: 'You have posted several comments in a short time.' },
  story: { max: 3, windowMs: 60 * 60_000, what: 'You have shared several stories in the last hour.' },
  flag: { max: 20, windowMs: 60 * 60_000, what: 'You have flagged many items in the last hour.' },
  helpful: { max: 60, windowMs: 60 * 60_000, what: 'You have marked many stories helpful in the last hour.' },
  /** Keyed by the expert, not the address: a leaked session cannot flood a page. */
  insight: { max: 10, windowMs: 60 * 60_000, what: 'You have posted several insights in the last hour.' },
  suggest: { max: 5, windowMs: 60 * 60_000, what: 'You have suggested several services in the last hour.' },
  login: { max: 10, windowMs: 15 * 60_000, what: 'Too many sign-in attempts from here.' },
  subscribe: {
    max: 10,
    windowMs: 60 * 60_000,
    what: 'You have asked for several email subscriptions in the last hour.',
  },
  /** Keyed by the email address: nobody can use the form to flood someone's inbox. */
  subscribeMail: {
    max: 3,
    windowMs: 24 * 60 * 60_000,
    what: 'Several emails were sent to this address today already: check your inbox and spam folder.',
  },
} as const;

export type RateAction = keyof typeof RATE_LIMITS;

/** The window a moment falls in, and when it ends: fixed windows aligned to the clock. */
export function windowOf(now: number, windowMs: number): { start: number; end: number } {
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, end: start + windowMs };
}
