import { createHmac, randomBytes } from 'node:crypto';
import type { Models } from '../db/models.ts';
import { isDuplicateKey } from '../db/database-errors.ts';

/**
 * Raw addresses are never stored. A client is an HMAC of its address and User-Agent under a
 * secret salt, so the same person maps to the same key for dedupe and rate limits, but the
 * stored value cannot be reversed by hashing the IPv4 space without the salt.
 */
export function clientHash(salt: string, ip: string, userAgent: string): string {
  return createHmac('sha256', salt).update(ip).update('\n').update(userAgent).digest('base64url').slice(0, 22);
}

/** The salt comes from config, or is generated once and shared by every process via the database. */
export async function loadClientHashSalt(models: Models, configured?: string): Promise<string> {
  if (configured) return configured;
  const generated = randomBytes(32).toString('base64url');
  const doc = await models.Setting.findOneAndUpdate(
    { _id: 'client-hash-salt' },
    { $setOnInsert: { value: generated } },
    { upsert: true, returnDocument: 'after' },
  )
    .lean()
    .catch(async (err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
      return models.Setting.findById('client-hash-salt').lean();
    });
  return String(doc!.value);
}
