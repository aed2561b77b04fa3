import { Router } from 'express';
import { LoginRequest, type AdminSession } from '../../shared/index.ts';
import { AppError } from '../errors.ts';
import type { AdminUsers } from './admin-users.ts';
import type { AdminSessions } from './admin-sessions.ts';
import { sessionToken, SESSION_COOKIE } from './require-admin.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ClientOf } from '../http/client-identity.ts';
import type { Audit } from '../moderation/audit.ts';

export function adminRoutes(deps: {
  users: AdminUsers;
  sessions: AdminSessions;
  limiter: RateLimiter;
  clientOf: ClientOf;
  audit: Audit;
  /** Secure cookies even when the request does not look like TLS (a proxy the app is not told about). */
  secureCookies: boolean;
}): Router {
  const router = Router();

  router.post('/api/admin/session', async (req, res) => {
    // Every attempt counts before the password is checked, so parallel guesses are counted too;
    // one that succeeds is taken back. Keyed by address: a new User-Agent is not a new guesser.
    const refund = await deps.limiter.consume('login', deps.clientOf(req).address);
    const { username, password } = LoginRequest.parse(req.body);
    if (!(await deps.users.verify(username, password))) {
      throw new AppError(401, 'bad_credentials', 'That username and password do not match an operator account.');
    }
    await refund();
    const { token, expiresAt, ttlMs } = await deps.sessions.create(username);
    await deps.audit.record(username, 'sign_in', { type: 'operator', id: username });
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure || deps.secureCookies,
      path: '/api',
      // Max-Age, not an Expires computed from our clock: a browser whose clock disagrees with
      // ours would otherwise drop the cookie at once (or keep it too long).
      maxAge: ttlMs,
    });
    // The token travels only in the HttpOnly cookie (scripts may send the same value as a Bearer token).
    const body: AdminSession = { signedIn: true, username, expiresAt: new Date(expiresAt).toISOString() };
    res.status(201).json(body);
  });

  // Answers 200 whether or not someone is signed in: the admin page asks on every visit.
  router.get('/api/admin/session', async (req, res) => {
    const s = await deps.sessions.lookup(sessionToken(req));
    const body: AdminSession = s.ok
      ? { signedIn: true, username: s.username, expiresAt: new Date(s.expiresAt).toISOString() }
      : { signedIn: false, expired: s.reason === 'expired' };
    res.json(body);
  });

  router.delete('/api/admin/session', async (req, res) => {
    await deps.sessions.end(sessionToken(req));
    res.clearCookie(SESSION_COOKIE, { path: '/api' });
    res.status(204).end();
  });

  return router;
}
