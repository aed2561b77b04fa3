import { randomBytes } from 'node:crypto';
import { hashPassword, isPasswordHash, verifyPassword } from './password-hash.ts';
import type { Logger } from '../logger.ts';

/**
 * Operators from configuration: `ADMIN_USERS=alice:scrypt$…,bob:scrypt$…` (make a hash with
 * `npm run admin:hash-password`). With none configured, one `admin` account gets a random
 * password, printed once at start, so a fresh install is usable and never open.
 */
export class AdminUsers {
  private constructor(private readonly hashes: Map<string, string>) {}

  static async fromConfig(spec: string | undefined, log: Logger): Promise<AdminUsers> {
    const hashes = new Map<string, string>();
    for (const entry of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      const i = entry.indexOf(':');
      const [name, hash] = [entry.slice(0, i), entry.slice(i + 1)];
      if (i <= 0 || !isPasswordHash(hash)) throw new Error(`ADMIN_USERS: "${entry.slice(0, 20)}…" is not name:scrypt$… (see npm run admin:hash-password)`);
      hashes.set(name, hash);
    }
    if (hashes.size === 0) {
      const password = randomBytes(12).toString('base64url');
      hashes.set('admin', await hashPassword(password));
      log.warn({ username: 'admin', password }, 'No ADMIN_USERS configured: sign in at /admin with this one-time password (it changes at every start)');
    }
    return new AdminUsers(hashes);
  }

  static async withPasswords(users: Record<string, string>): Promise<AdminUsers> {
    const hashes = new Map<string, string>();
    for (const [name, password] of Object.entries(users)) hashes.set(name, await hashPassword(password));
    return new AdminUsers(hashes);
  }

  /** Same work whether or not the user exists, so timing does not reveal names. */
  async verify(username: string, password: string): Promise<boolean> {
    const hash = this.hashes.get(username);
    const ok = await verifyPassword(password, hash ?? DUMMY_HASH);
    return ok && hash !== undefined;
  }
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
