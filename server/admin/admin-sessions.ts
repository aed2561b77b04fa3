import { createHash, randomBytes } from 'node:crypto';
import type { Models } from '../db/models.ts';
import type { Clock } from '../clock.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

export type SessionLookup =
  { ok: true; username: string; expiresAt: number } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

/**
 * Sessions live in the database (any process can check them); only a hash of the token is kept.
 * A session counts only while its operator is still configured: removing an operator ends their
 * sessions, and a session document written into the database by anyone else names nobody.
 */
export class AdminSessions {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly isOperator: (username: string) => boolean,
  ) {}

  async create(username: string): Promise<{ token: string; expiresAt: number; ttlMs: number }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = now + this.ttlMs;
    await this.models.AdminSession.create({
      _id: sha256(token),
      username,
      expiresAt: new Date(expiresAt),
      createdAt: new Date(now),
    });
    return { token, expiresAt, ttlMs: this.ttlMs };
  }

  async lookup(token: string | undefined): Promise<SessionLookup> {
    if (!token) return { ok: false, reason: 'missing' };
    const doc = await this.models.AdminSession.findById(sha256(token)).lean();
    if (!doc || typeof doc.username !== 'string' || !this.isOperator(doc.username))
      return { ok: false, reason: 'unknown' };
    if (doc.expiresAt.getTime() <= this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, username: doc.username, expiresAt: doc.expiresAt.getTime() };
  }

  async end(token: string | undefined): Promise<void> {
    if (token) await this.models.AdminSession.deleteOne({ _id: sha256(token) });
  }

  async sweep(): Promise<void> {
    await this.models.AdminSession.deleteMany({ expiresAt: { $lt: new Date(this.clock.now()) } });
  }
}
