import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, databaseUnavailable } from '../errors.ts';
import { fieldErrors, type ErrorBody } from '../../shared/index.ts';
import type { Logger } from '../logger.ts';
import { isDatabaseError } from '../db/database-errors.ts';

/** zlib's errors carry a `Z_…` code; brotli's carry `ERR__ERROR_…` (its decoder's error names). */
const isDecompressionError = (err: { code?: unknown; errno?: unknown }) =>
  typeof err.errno === 'number' &&
  typeof err.code === 'string' &&
  (err.code.startsWith('Z_') || err.code.startsWith('ERR__ERROR_'));

/**
 * What Express's router and body parser throw when a request cannot be read. They mark the
 * client's faults the http-errors way (`expose`, a 4xx `status`) and name the kind in `type`; a
 * URL whose percent-encoding does not decode arrives as the URIError `decodeURIComponent` threw.
 */
function unreadableRequest(err: unknown): AppError | undefined {
  if (err instanceof URIError) {
    return new AppError(
      400,
      'bad_url',
      'The address has a broken percent-encoding (a "%" not followed by valid UTF-8). Check the link.',
    );
  }
  const e = err as { expose?: unknown; status?: unknown; type?: unknown; code?: unknown; errno?: unknown } | null;
  if (!e || e.expose !== true || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  switch (e.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new AppError(413, 'too_large', 'The request body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(
        415,
        'unsupported_encoding',
        'Send the body as UTF-8 JSON (Content-Encoding gzip, deflate or br, or none).',
      );
    case 'request.aborted':
      return new AppError(400, 'aborted', 'The request was cut off before its body arrived.');
    case 'request.size.invalid':
      return new AppError(400, 'bad_length', 'The request body is not as long as its Content-Length says.');
  }
  if (isDecompressionError(e)) {
    return new AppError(
      400,
      'undecodable_body',
      'The request body could not be decoded: it is not valid data for its Content-Encoding.',
    );
  }
  return new AppError(e.status, 'bad_request', 'The request could not be read.');
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/**
 * The one place an error becomes a response; everything answers `{ error: { code, message,
 * fields? } }`. Used by Express's error handler and by the fast paths in front of Express.
 */
export function errorResponse(err: unknown, log: Logger, where: { method?: string; url?: string }): ErrorResponse {
  let appError: AppError;
  if (err instanceof AppError) appError = err;
  else if (err instanceof ZodError)
    appError = new AppError(400, 'invalid_request', 'Some fields are missing or not valid.', fieldErrors(err));
  else if (isDatabaseError(err)) appError = databaseUnavailable(err);
  else
    appError =
      unreadableRequest(err) ??
      new AppError(500, 'internal', 'Something went wrong on our side. It has been logged; try again shortly.');

  // A 503 is the server doing what it should (shedding load, the database away, which is
  // logged where it is noticed); a line per refused request would flood the log on outage day.
  if (appError.status >= 500 && appError.status !== 503)
    log.error({ err: appError.cause ?? err, ...where }, appError.message);
  return {
    status: appError.status,
    body: {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.fields ? { fields: appError.fields } : {}),
      },
    },
    headers: { ...(appError.status === 503 ? { 'Retry-After': '30' } : {}), ...appError.headers },
  };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    // Part of an answer is already on the wire: Express can only end the connection.
    if (res.headersSent) {
      log.error({ err, method: req.method, url: req.originalUrl }, 'failed after the answer had begun');
      return next(err);
    }
    const answer = errorResponse(err, log, { method: req.method, url: req.originalUrl });
    res.set(answer.headers).status(answer.status).json(answer.body);
  };
}

export const apiNotFound: RequestHandler = (req, _res, next) =>
  next(new AppError(404, 'not_found', `No API endpoint ${req.method} ${req.path}.`));
