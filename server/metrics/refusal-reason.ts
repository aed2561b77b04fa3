import { ZodError } from 'zod';
import { AppError } from '../errors.ts';
import { isDatabaseError } from '../db/database-errors.ts';
import type { RefusalReason } from './metric-hooks.ts';

/** The label for an error a report was refused with, from its status and code (never its message). */
export function refusalReason(err: unknown): RefusalReason {
  if (err instanceof ZodError) return 'invalid';
  if (isDatabaseError(err)) return 'unavailable';
  if (!(err instanceof AppError))
    return err instanceof SyntaxError || err instanceof URIError ? 'invalid' : 'unavailable';
  if (err.status === 404) return 'unknown_service';
  if (err.status === 429) return 'rate_limited';
  if (err.code === 'overloaded') return 'shed';
  if (err.status >= 500) return 'unavailable';
  return 'invalid';
}
