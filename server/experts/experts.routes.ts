import { Router, type Request, type RequestHandler } from 'express';
import {
  ExpertRequest,
  ExpertSignInRequest,
  ObjectIdString,
  type Expert,
  type ExpertSession,
  type ExpertSignInCode,
} from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import type { ExpertDoc } from '../db/models/expert.model.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Clock } from '../clock.ts';
import type { Audit } from '../moderation/audit.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ClientOf } from '../http/client-identity.ts';
import { AppError, notFound } from '../errors.ts';
import { adminOf } from '../admin/require-admin.ts';
import { baseUrlOf } from '../pages/base-url.ts';
import type { ExpertCredentials } from './expert-credentials.ts';
import { EXPERT_COOKIE, expertToken } from './require-expert.ts';

export function toExpert(d: ExpertDoc & { _id: unknown }): Expert {
  return {
    id: String(d._id),
    name: d.name,
    role: d.role,
    ...(d.affiliation ? { affiliation: d.affiliation } : {}),
    services: d.services ?? [],
    status: d.status,
    createdAt: d.createdAt.toISOString(),
    createdBy: d.createdBy,
    ...(d.revokedAt ? { revokedAt: d.revokedAt.toISOString() } : {}),
  };
}

/** Operators verify, list and revoke experts; experts trade a one-time code for a session. */
export function expertsRoutes(deps: {
  models: Models;
  catalog: ServiceCatalog;
  clock: Clock;
  audit: Audit;
  limiter: RateLimiter;
  clientOf: ClientOf;
  credentials: ExpertCredentials;
  admin: RequestHandler;
  publicUrl: string | undefined;
  secureCookies: boolean;
}): Router {
  const router = Router();
  const { Expert } = deps.models;

  const signInCode = async (req: Request, expertId: string): Promise<ExpertSignInCode> => {
    const { code, expiresAt } = await deps.credentials.issueCode(expertId);
    return {
      code,
      url: `${baseUrlOf(req, deps.publicUrl)}/experts/sign-in#code=${code}`,
      expiresAt: new Date(expiresAt).toISOString(),
    };
  };
  const findExpert = async (id: string) => {
    const doc = await Expert.findById(ObjectIdString.parse(id)).lean();
    if (!doc) throw notFound('That expert');
    return doc;
  };

  router.post('/api/admin/experts', deps.admin, async (req, res) => {
    const body = ExpertRequest.parse(req.body);
    const services = [...new Set(body.services ?? [])];
    const unknown = services.filter((s) => !deps.catalog.get(s));
    if (unknown.length) {
      throw new AppError(400, 'invalid_request', 'Some fields are missing or not valid.', {
        services: unknown.map((s) => `no service has the slug "${s}"`),
      });
    }
    const doc = await Expert.create({
      name: body.name,
      role: body.role,
      ...(body.affiliation ? { affiliation: body.affiliation } : {}),
      services,
      createdAt: new Date(deps.clock.now()),
      createdBy: adminOf(res),
    });
    const id = String(doc._id);
    await deps.audit.record(adminOf(res), 'verify_expert', { type: 'expert', id }, `${body.name}, ${body.role}`);
    res.status(201).json({ expert: toExpert(doc.toObject()), signIn: await signInCode(req, id) });
  });

  router.get('/api/admin/experts', deps.admin, async (_req, res) => {
    const docs = await Expert.find().sort({ createdAt: -1, _id: -1 }).limit(500).lean();
    res.json({ experts: docs.map(toExpert) });
  });

  router.post('/api/admin/experts/:id/sign-in-codes', deps.admin, async (req, res) => {
    const expert = await findExpert(req.params.id as string);
    if (expert.status !== 'active')
      throw new AppError(409, 'expert_revoked', 'This expert was revoked: verify them again as a new expert instead.');
    const id = String(expert._id);
    const code = await signInCode(req, id);
    await deps.audit.record(adminOf(res), 'issue_expert_sign_in', { type: 'expert', id });
    res.status(201).json(code);
  });

  router.post('/api/admin/experts/:id/revoke', deps.admin, async (req, res) => {
    const expert = await findExpert(req.params.id as string);
    if (expert.status === 'revoked') throw new AppError(409, 'already_revoked', 'This expert was already revoked.');
    const now = new Date(deps.clock.now());
    const after = await Expert.findOneAndUpdate(
      { _id: expert._id, status: 'active' },
      { $set: { status: 'revoked', revokedAt: now, revokedBy: adminOf(res) } },
      { returnDocument: 'after' },
    ).lean();
    if (!after) throw new AppError(409, 'already_revoked', 'This expert was already revoked.');
    await deps.credentials.dropCodes(String(expert._id));
    await deps.audit.record(adminOf(res), 'revoke_expert', { type: 'expert', id: String(expert._id) });
    res.json(toExpert(after));
  });

  router.post('/api/experts/session', async (req, res) => {
    // A code that cannot be one is no guess; every well-formed one counts before it is checked,
    // like operators' sign-ins, so guesses in parallel count too.
    const { code } = ExpertSignInRequest.parse(req.body);
    const refund = await deps.limiter.consume('login', deps.clientOf(req).address);
    const session = await deps.credentials.redeem(code);
    if (!session)
      throw new AppError(
        401,
        'bad_code',
        'That sign-in code is not valid: it may have been used already or expired. Ask an operator for a new one.',
      );
    await refund();
    await deps.audit.record(`expert:${String(session.expert._id)}`, 'expert_sign_in', {
      type: 'expert',
      id: String(session.expert._id),
    });
    res.cookie(EXPERT_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure || deps.secureCookies,
      path: '/api',
      maxAge: session.expiresAt - deps.clock.now(),
    });
    res.status(201).json(sessionBody(session.expert, session.expiresAt));
  });

  router.get('/api/experts/session', async (req, res) => {
    const s = await deps.credentials.lookup(expertToken(req));
    const body: ExpertSession = s.ok
      ? sessionBody(s.expert, s.expiresAt)
      : { signedIn: false, ...(s.reason === 'revoked' ? { revoked: true } : {}) };
    res.json(body);
  });

  router.delete('/api/experts/session', async (req, res) => {
    await deps.credentials.end(expertToken(req));
    res.clearCookie(EXPERT_COOKIE, { path: '/api' });
    res.status(204).end();
  });

  return router;
}

function sessionBody(e: ExpertDoc & { _id: unknown }, expiresAt: number): ExpertSession {
  return {
    signedIn: true,
    expert: { id: String(e._id), name: e.name, role: e.role, ...(e.affiliation ? { affiliation: e.affiliation } : {}) },
    expiresAt: new Date(expiresAt).toISOString(),
  };
}
