import { Router } from 'express';
import { LoginRequest } from '../../shared/index.ts';
import { AppError } from '../errors.ts';
import type { AdminUsers } from './admin-users.ts';
import type { AdminSessions } from './admin-sessions.ts';
import { requireAdmin, sessionToken, SESSION_COOKIE, adminOf } from './require-admin.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ClientOf } from '../http/client-identity.ts';
import type { Audit } from '../moderation/audit.ts';

export function adminRoutes(deps: {
  users: AdminUsers;
  sessions: AdminSessions;
  limiter: RateLimiter;
  clientOf: ClientOf;
  audit: Audit;
}): Router {
  const router = Router();

  router.post('/api/admin/session', async (req, res) => {
    await deps.limiter.consume('login', deps.clientOf(req));
    const { username, password } = LoginRequest.parse(req.body);
    if (!(await deps.users.verify(username, password))) {
      throw new AppError(401, 'bad_credentials', 'That username and password do not match an operator account.');
    }
    const { token, expiresAt } = await deps.sessions.create(username);
    await deps.audit.record(username, 'sign_in', { type: 'operator', id: username });
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/api',
      expires: new Date(expiresAt),
    });
    // The token travels only in the HttpOnly cookie (scripts may send the same value as a Bearer token).
    res.status(201).json({ username, expiresAt: new Date(expiresAt).toISOString() });
  });

  router.get('/api/admin/session', requireAdmin(deps.sessions), async (req, res) => {
    const s = await deps.sessions.lookup(sessionToken(req));
    res.json({ username: adminOf(res), expiresAt: new Date(s.ok ? s.expiresAt : 0).toISOString() });
  });

  router.delete('/api/admin/session', async (req, res) => {
    await deps.sessions.end(sessionToken(req));
    res.clearCookie(SESSION_COOKIE, { path: '/api' });
    res.status(204).end();
  });

  return router;
}
