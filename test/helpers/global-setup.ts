import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../../server/db/embedded-ferretdb.ts';
import { createLogger } from '../../server/logger.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** host:port of the FerretDB all integration tests share; each test file uses its own database. */
    mongoHost: string;
  }
}

/** One real FerretDB for the whole run, on a temp dir that is removed afterwards. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'outage-radar-test-'));
  const db = await startEmbeddedDatabase({ dataDir, database: 'unused', log: createLogger('warn') });
  project.provide('mongoHost', `127.0.0.1:${db.port}`);
  return async () => {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
