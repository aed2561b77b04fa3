import { z } from 'zod';
import { fieldErrors } from '../../../shared/schemas/error.ts';
import { ApiError } from './api.ts';

/**
 * Checks a form's body with the schema the server parses it with, before it is sent. What fails
 * is thrown as the very ApiError the server's 400 would have become, so a form shows its own
 * check's messages and the server's the same way (`formErrors`), without a round trip.
 */
export function checked<T>(schema: z.ZodType, body: T): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new ApiError(400, 'invalid_request', 'Some fields are missing or not valid.', fieldErrors(result.error));
  return body;
}

/** A string field's length limit as its schema states it, for the input's `maxlength` and hints. */
export function lengthLimit(schema: z.ZodType, limit: 'minLength' | 'maxLength'): number | undefined {
  if (schema instanceof z.ZodString) return schema[limit] ?? undefined;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault)
    return lengthLimit(schema.unwrap() as z.ZodType, limit);
  if (schema instanceof z.ZodPipe)
    return lengthLimit(schema.in as z.ZodType, limit) ?? lengthLimit(schema.out as z.ZodType, limit);
  return undefined;
}
