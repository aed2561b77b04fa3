import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, databaseUnavailable } from '../errors.ts';
import type { ErrorBody } from '../../shared/index.ts';
import type { Logger } from '../logger.ts';

/** Zod issues as `{ "comment": ["a comment is at most 280 characters"] }`. */
export function fieldErrors(err: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of err.issues) {
    const key = issue.path.length ? issue.path.join('.') : '(body)';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function isDatabaseError(err: unknown): boolean {
  const name = (err as { name?: string })?.name ?? '';
  return name.startsWith('Mongo') || name === 'MongooseServerSelectionError';
}

/** The one place an error becomes a response; everything answers `{ error: { code, message, fields? } }`. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let appError: AppError;
    if (err instanceof AppError) appError = err;
    else if (err instanceof ZodError)
      appError = new AppError(400, 'invalid_request', 'Some fields are missing or not valid.', fieldErrors(err));
    else if (err?.type === 'entity.parse.failed')
      appError = new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
    else if (err?.type === 'entity.too.large')
      appError = new AppError(413, 'too_large', 'The request body is too large.');
    else if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported')
      appError = new AppError(415, 'unsupported_encoding', 'Send the body as UTF-8 JSON.');
    else if (isDatabaseError(err)) appError = databaseUnavailable(err);
    else appError = new AppError(500, 'internal', 'Something went wrong on our side. It has been logged; try again shortly.');

    if (appError.status >= 500) log.error({ err: appError.cause ?? err, method: req.method, url: req.originalUrl }, appError.message);
    const body: ErrorBody = {
      error: { code: appError.code, message: appError.message, ...(appError.fields ? { fields: appError.fields } : {}) },
    };
    if (appError.status === 503) res.set('Retry-After', '30');
    if (appError.headers) res.set(appError.headers);
    res.status(appError.status).json(body);
  };
}

export const apiNotFound: RequestHandler = (req, _res, next) =>
  next(new AppError(404, 'not_found', `No API endpoint ${req.method} ${req.path}.`));
