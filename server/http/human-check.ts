import { AppError } from '../errors.ts';

/**
 * Simple bots fill every field and send at once. People never see the honeypot field and take
 * a few seconds to write. A failed check gets a clear 400, not a silent drop.
 */
export function assertHuman(body: { website?: string; elapsedMs?: number }, minMs: number): void {
  if (body.website) {
    throw new AppError(
      400,
      'looks_automated',
      'This form was filled in automatically, so it was not posted. If you are a person, reload the page ' +
        'and try again.',
    );
  }
  if (body.elapsedMs === undefined || body.elapsedMs < minMs) {
    throw new AppError(
      400,
      'too_fast',
      `That was sent faster than a person types. Take a few seconds (at least ${Math.ceil(minMs / 1000)}) ` +
        'and send it again.',
    );
  }
}
