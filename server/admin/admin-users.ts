import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword, isPasswordHash, verifyPassword } from './password-hash.ts';
import type { Logger } from '../logger.ts';

/** Where the one-time password is written when no operators are configured. */
export const oneTimePasswordFile = (dataDir: string) => path.join(dataDir, 'admin-password.txt');

/**
 * Operators from configuration: `ADMIN_USERS=alice:scrypt$…,bob:scrypt$…` (make a hash with
 * `npm run admin:hash-password`). With none configured, one `admin` account gets a random
 * password, written to a file only this user can read (its path is logged, the password never
 * is: logs are shipped and kept), so a fresh install is usable and never open.
 */
export class AdminUsers {
  private constructor(private readonly hashes: Map<string, string>) {}

  static async fromConfig(spec: string | undefined, log: Logger, dataDir: string): Promise<AdminUsers> {
    const hashes = new Map<string, string>();
    for (const entry of (spec ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const i = entry.indexOf(':');
      const [name, hash] = [entry.slice(0, i), entry.slice(i + 1)];
      if (i <= 0 || !isPasswordHash(hash))
        throw new Error(`ADMIN_USERS: "${entry.slice(0, 20)}…" is not name:scrypt$… (see npm run admin:hash-password)`);
      hashes.set(name, hash);
    }
    if (hashes.size === 0) {
      const password = randomBytes(12).toString('base64url');
      hashes.set('admin', await hashPassword(password));
      const file = oneTimePasswordFile(dataDir);
      try {
        mkdirSync(dataDir, { recursive: true, mode: 0o700 });
        writeFileSync(file, `username: admin\npassword: ${password}\n`, { mode: 0o600 });
        chmodSync(file, 0o600); // writeFileSync's mode applies only to a new file
        log.warn(
          { username: 'admin', file },
          `No ADMIN_USERS configured: sign in at /admin as admin with the one-time password in ${file} (it ` +
            'changes at every start)',
        );
      } catch (err) {
        // Unwritable data directory (a read-only container): the terminal, not the log, gets it.
        log.warn(
          { err, username: 'admin' },
          `No ADMIN_USERS configured and ${file} could not be written; the one-time password is on standard error`,
        );
        process.stderr.write(`Outage radar one-time operator password (user admin): ${password}\n`);
      }
    }
    return new AdminUsers(hashes);
  }

  static async withPasswords(users: Record<string, string>): Promise<AdminUsers> {
    const hashes = new Map<string, string>();
    for (const [name, password] of Object.entries(users)) hashes.set(name, await hashPassword(password));
    return new AdminUsers(hashes);
  }

  has(username: string): boolean {
    return this.hashes.has(username);
  }

  /** Same work whether or not the user exists, so timing does not reveal names. */
  async verify(username: string, password: string): Promise<boolean> {
    const hash = this.hashes.get(username);
    const ok = await verifyPassword(password, hash ?? DUMMY_HASH);
    return ok && hash !== undefined;
  }
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
