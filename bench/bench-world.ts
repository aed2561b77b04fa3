// What every benchmark starts: a FerretDB on a temp dir, and the app as `npm start` runs it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../server/db/embedded-ferretdb.ts';
import { createLogger } from '../server/logger.ts';
import { seedServices } from '../server/catalog/seed-services.ts';
import { cpuSeconds, pidsMatching, startApp, stopProcess, LogTally } from './child-process.ts';

export interface BenchWorld {
  dir: string;
  db: EmbeddedDatabase;
  /** The URI of another database on the same server. */
  uriOf(database: string): string;
  /** The built-in services with their internet probes and status pages switched off (this machine is offline). */
  catalogFile: string;
  ferretdbPids(): number[];
  /** CPU seconds used so far by the given processes together. */
  cpu(pids: number[]): number;
  track(child: ChildProcess): ChildProcess;
  stop(): Promise<void>;
}

export async function startBenchWorld(name: string): Promise<BenchWorld> {
  const dir = mkdtempSync(path.join(tmpdir(), `outage-radar-${name}-`));
  const db = await startEmbeddedDatabase({ dataDir: dir, database: 'bench', log: createLogger('warn') });
  const catalogFile = path.join(dir, 'catalog.json');
  // Probes of the real services would only fail here (no internet) and add noise; `bench:probes` measures probes.
  writeFileSync(
    catalogFile,
    JSON.stringify({ services: seedServices.map((s) => ({ slug: s.slug, probes: [], official: null })) }),
  );
  const children: ChildProcess[] = [];
  return {
    dir,
    db,
    uriOf: (database) => db.uri.replace(/\/[^/?]*(\?|$)/, `/${database}$1`),
    catalogFile,
    ferretdbPids: () => pidsMatching(path.join(dir, 'ferretdb')),
    cpu: (pids) => pids.reduce((s, p) => s + cpuSeconds(p), 0),
    track: (child) => (children.push(child), child),
    stop: async () => {
      await Promise.all(children.map(stopProcess));
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The app on the world's database (or another database on its server), logging warnings into `tally`. */
export async function startBenchApp(world: BenchWorld, tally: LogTally, env: Record<string, string> = {}) {
  // DATA_DIR: the one-time admin password file and such stay in the temp dir, not the repo's data/.
  const app = await startApp(
    world.db.uri,
    { CATALOG_FILE: world.catalogFile, DATA_DIR: path.join(world.dir, 'app-data'), ...env },
    tally,
  );
  world.track(app.child);
  return app;
}
