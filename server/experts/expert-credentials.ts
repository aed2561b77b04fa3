import { createHash, randomBytes } from 'node:crypto';
import type { Models } from '../db/models.ts';
import type { Clock } from '../clock.ts';
import type { ExpertDoc } from '../db/models/expert.model.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
/** 32 random bytes, base64url: 43 characters, what ExpertSignInRequest accepts. */
const secret = () => randomBytes(32).toString('base64url');

/** A code is handed over by hand (mail, chat): three days to use it, once. */
export const CODE_TTL_MS = 3 * 24 * 3_600_000;
/** Experts post now and then, during outages: a month between sign-ins. */
export const EXPERT_SESSION_TTL_MS = 30 * 24 * 3_600_000;

export type ExpertLookup =
  | { ok: true; expert: ExpertDoc & { _id: unknown }; expiresAt: number }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'revoked' };

/**
 * Experts have no password: an operator issues a one-time code, the expert trades it for a
 * session. Both live in the database as hashes only (any process can check them, a leaked
 * database signs nobody in). A session counts only while its expert is still verified.
 */
export class ExpertCredentials {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  async issueCode(expertId: string): Promise<{ code: string; expiresAt: number }> {
    const code = secret();
    const now = this.clock.now();
    const expiresAt = now + CODE_TTL_MS;
    // A new code replaces any earlier one not yet used: only the latest handed-over code works.
    await this.models.ExpertCredential.deleteMany({ expertId, kind: 'code' });
    await this.models.ExpertCredential.create({
      _id: sha256(code),
      kind: 'code',
      expertId,
      expiresAt: new Date(expiresAt),
      createdAt: new Date(now),
    });
    return { code, expiresAt };
  }

  /** Trades a code for a session; undefined for a code that is unknown, used, expired or whose expert was revoked. */
  async redeem(
    code: string,
  ): Promise<{ token: string; expiresAt: number; expert: ExpertDoc & { _id: unknown } } | undefined> {
    const now = this.clock.now();
    const taken = await this.models.ExpertCredential.findOneAndDelete({ _id: sha256(code), kind: 'code' }).lean();
    if (!taken || taken.expiresAt.getTime() <= now) return undefined;
    const expert = await this.models.Expert.findById(taken.expertId).lean();
    if (!expert || expert.status !== 'active') return undefined;
    const token = secret();
    const expiresAt = now + EXPERT_SESSION_TTL_MS;
    await this.models.ExpertCredential.create({
      _id: sha256(token),
      kind: 'session',
      expertId: taken.expertId,
      expiresAt: new Date(expiresAt),
      createdAt: new Date(now),
    });
    return { token, expiresAt, expert };
  }

  async lookup(token: string | undefined): Promise<ExpertLookup> {
    if (!token) return { ok: false, reason: 'missing' };
    const doc = await this.models.ExpertCredential.findOne({ _id: sha256(token), kind: 'session' }).lean();
    if (!doc) return { ok: false, reason: 'unknown' };
    if (doc.expiresAt.getTime() <= this.clock.now()) return { ok: false, reason: 'expired' };
    const expert = await this.models.Expert.findById(doc.expertId).lean();
    if (!expert) return { ok: false, reason: 'unknown' };
    if (expert.status !== 'active') return { ok: false, reason: 'revoked' };
    return { ok: true, expert, expiresAt: doc.expiresAt.getTime() };
  }

  async end(token: string | undefined): Promise<void> {
    if (token) await this.models.ExpertCredential.deleteOne({ _id: sha256(token), kind: 'session' });
  }

  /** Unused codes of a revoked expert go; sessions stay so their next request is told why (403), not just 401. */
  async dropCodes(expertId: string): Promise<void> {
    await this.models.ExpertCredential.deleteMany({ expertId, kind: 'code' });
  }

  async sweep(): Promise<void> {
    await this.models.ExpertCredential.deleteMany({ expiresAt: { $lt: new Date(this.clock.now()) } });
  }
}
