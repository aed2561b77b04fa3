import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors.ts';
import type { AdminSessions } from './admin-sessions.ts';

export const SESSION_COOKIE = 'or_admin';

const bearerToken = (req: Request): string | undefined => {
  const auth = req.get('authorization');
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() || undefined : undefined;
};

/** A cookie value as sent; one that does not percent-decode is no token (we only set base64url ones). */
const cookieValue = (raw: string): string | undefined => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
};

/** The session token from the cookie the admin page uses, or a Bearer token for scripts. */
export function sessionToken(req: Request): string | undefined {
  const bearer = bearerToken(req);
  if (bearer) return bearer;
  // Setting the cookie is Express's res.cookie, which serialises with this same package.
  return parseCookies(req.get('cookie') ?? '', { decode: cookieValue })[SESSION_COOKIE];
}

/** The host an Origin header names; undefined for `null` (sandboxed frames, file: pages) or anything not a URL. */
const originHost = (origin: string): string | undefined => {
  try {
    return new URL(origin).host || undefined;
  } catch {
    return undefined;
  }
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Admin routes need a live session. Cookie-authenticated changes must also come from our own
 * origin (SameSite=Strict already stops other sites; this covers old browsers and proxies). An
 * Origin we cannot read as our own host is refused like another site's.
 */
export function requireAdmin(sessions: AdminSessions): RequestHandler {
  return async (req, res: Response, next) => {
    const session = await sessions.lookup(sessionToken(req));
    if (!session.ok) {
      const message =
        session.reason === 'expired'
          ? 'Your session has expired. Sign in again.'
          : 'Sign in as an operator to do this.';
      return next(new AppError(401, session.reason === 'expired' ? 'session_expired' : 'unauthenticated', message));
    }
    const usesCookie = !bearerToken(req);
    const origin = req.get('origin');
    if (usesCookie && !SAFE.has(req.method) && origin !== undefined && originHost(origin) !== req.get('host')) {
      return next(new AppError(403, 'cross_origin', 'This request came from another site and was refused.'));
    }
    res.locals.admin = session.username;
    next();
  };
}

export const adminOf = (res: Response): string => res.locals.admin as string;
