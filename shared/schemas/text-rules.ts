import { z } from 'zod';

const LINK = /\bhttps?:\/\/|\bwww\./gi;

export const countLinks = (text: string) => (text.match(LINK) ?? []).length;

/** Trimmed text within limits, with a cap on links (spam rarely comes without them). */
export const userText = (opts: { min: number; max: number; maxLinks: number; what: string }) =>
  z
    .string()
    .trim()
    .min(
      opts.min,
      opts.min === 1 ? `${opts.what} can't be empty` : `${opts.what} needs at least ${opts.min} characters`,
    )
    .max(opts.max, `${opts.what} is at most ${opts.max} characters`)
    .refine((t) => countLinks(t) <= opts.maxLinks, {
      message:
        opts.maxLinks === 0
          ? `${opts.what} can't contain links`
          : `${opts.what} can contain at most ${opts.maxLinks} link${opts.maxLinks === 1 ? '' : 's'}`,
    });

/**
 * Fields every public form sends so simple bots can be told apart: a honeypot field people
 * never see (it must stay empty) and how long the form was open before it was sent.
 */
export const HumanCheck = z.object({
  website: z.string().max(200).optional(),
  elapsedMs: z.number().int().nonnegative().max(86_400_000).optional(),
});

export const ObjectIdString = z.string().regex(/^[a-f0-9]{24}$/, 'not a valid id');
