import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freshDatabaseUri } from '../helpers/world.ts';
import { spawnServer } from '../helpers/spawn-server.ts';

describe('a first start without configured operators', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'outage-radar-first-'));
  let server: Awaited<ReturnType<typeof spawnServer>>;

  beforeAll(async () => {
    server = await spawnServer({ MONGODB_URI: freshDatabaseUri(), DATA_DIR: dataDir, ADMIN_USERS: '' });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'writes the one-time password to a file only this user can read, ' + 'logs its path and never the password',
    async () => {
      const file = path.join(dataDir, 'admin-password.txt');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = /password: (\S+)/.exec(readFileSync(file, 'utf8'))![1]!;
      expect(server.output()).toContain(file);
      expect(server.output()).not.toContain(password);
      await request(server.url).post('/api/admin/session').send({ username: 'admin', password }).expect(201);
    },
  );
});
