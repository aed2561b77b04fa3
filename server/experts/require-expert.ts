import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors.ts';
import type { ExpertDoc } from '../db/models/expert.model.ts';
import type { ExpertCredentials } from './expert-credentials.ts';

/** Its own cookie, apart from the operators': an expert session never opens an operator route. */
export const EXPERT_COOKIE = 'or_expert';

export function expertToken(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== EXPERT_COOKIE) continue;
    try {
      return decodeURIComponent(v.join('=')) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const originHost = (origin: string): string | undefined => {
  try {
    return new URL(origin).host || undefined;
  } catch {
    return undefined;
  }
};

/**
 * A live session of a still-verified expert; changes must come from our own origin (SameSite=Strict
 * stops other sites in today's browsers; this covers the rest, as for operators).
 */
export function requireExpert(credentials: ExpertCredentials): RequestHandler {
  return async (req, res, next) => {
    const session = await credentials.lookup(expertToken(req));
    if (!session.ok) {
      if (session.reason === 'revoked')
        return next(
          new AppError(
            403,
            'expert_revoked',
            'Your verification as an expert was withdrawn by an operator, so you can no longer post.',
          ),
        );
      const expired = session.reason === 'expired';
      return next(
        new AppError(
          401,
          expired ? 'session_expired' : 'unauthenticated',
          expired
            ? 'Your expert session has expired. Ask an operator for a new sign-in code.'
            : 'Sign in as a verified expert to do this.',
        ),
      );
    }
    const origin = req.get('origin');
    if (origin !== undefined && originHost(origin) !== req.get('host')) {
      return next(new AppError(403, 'cross_origin', 'This request came from another site and was refused.'));
    }
    res.locals.expert = session.expert;
    next();
  };
}

export const expertOf = (res: Response) => res.locals.expert as ExpertDoc & { _id: unknown };
