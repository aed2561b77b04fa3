/**
 * The one error class the server throws on purpose. It carries its HTTP status and a
 * stable code; the message is written for the person who will read it.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
    override readonly cause?: unknown,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found.`);

export const databaseUnavailable = (cause?: unknown) =>
  new AppError(
    503,
    'database_unavailable',
    'Reports could not be saved right now (database unreachable). Nothing was counted — try again in a minute.',
    undefined,
    cause,
  );

export const tooManyRequests = (what: string, retryAfterSeconds: number) =>
  new AppError(
    429,
    'rate_limited',
    `${what} Try again in ` +
      `${retryAfterSeconds < 90 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`}.`,
    undefined,
    undefined,
    { 'Retry-After': String(retryAfterSeconds) },
  );
