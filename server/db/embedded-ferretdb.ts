import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where `scripts/setup.mjs` builds FerretDB; version and patch are kept once, in package.json. */
export function ferretdbBinaryPath(): string {
  const { ferretdbVersion, ferretdbPatch } = JSON.parse(
    readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
  ).embeddedDatabase;
  return path.join(repoRoot, '.tools', `ferretdb-${ferretdbVersion}+${ferretdbPatch}`, 'ferretdb');
}

export interface EmbeddedDatabase {
  uri: string;
  port: number;
  /** The running server's process id (it changes when it is started again). */
  pid(): number | undefined;
  /** How many times it was started again after dying. */
  restarts(): number;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseMissing extends Error {
  constructor(binary: string) {
    super(
      `The embedded database (FerretDB) is not built at ${binary}.\n` +
        '  Run `npm run setup` (needs Go: https://go.dev/dl/),\n' +
        '  or point the app at MongoDB: MONGODB_URI=mongodb://host:27017/outage-radar npm start,\n' +
        '  or run everything with Docker: docker compose up',
    );
    this.name = 'EmbeddedDatabaseMissing';
  }
}

/**
 * Starts FerretDB (SQLite backend, a real MongoDB wire-protocol server) as a child process on
 * a free loopback port with its data under `dataDir`, and resolves once it accepts connections.
 * If it dies, it is started again on the same port and data, so the app's connection heals by
 * itself: what was committed is on disk, and nothing waits for a human.
 */
export async function startEmbeddedDatabase(opts: {
  dataDir: string;
  database: string;
  log: Logger;
  binary?: string;
  /** A fixed port (e.g. to restart on the same address); by default a free one is picked. */
  port?: number;
  /** How long to wait before starting it again after it died (doubling while it fails). */
  restartDelayMs?: number;
  /**
   * SQLite's `synchronous` in WAL mode. `normal` (the default) survives any process crash —
   * FerretDB's or the app's, kill -9 included — and may lose the last moment's commits to a power
   * cut, as MongoDB's default journal interval may; it writes about a fifth more reports a second
   * here. `full` syncs every commit to disk.
   */
  sync?: 'normal' | 'full';
}): Promise<EmbeddedDatabase> {
  const binary = opts.binary ?? ferretdbBinaryPath();
  if (!existsSync(binary)) throw new EmbeddedDatabaseMissing(binary);
  const dir = path.join(opts.dataDir, 'ferretdb');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  lockDown(opts.dataDir, dir);

  // A port picked by the OS can be taken again before FerretDB binds it; try a few.
  let first: ChildProcess | undefined;
  let port = 0;
  let lastError: unknown;
  for (let attempt = 0; attempt < 3 && !first; attempt++) {
    port = opts.port ?? (await freePort());
    first = await launch(binary, dir, port, opts.log, opts.sync ?? 'normal').catch((err) => {
      lastError = err;
      return undefined;
    });
  }
  if (!first) throw lastError;

  const log = opts.log.child({ component: 'ferretdb', port });
  let current = first;
  let stopping = false;
  let restarts = 0;
  const killOnExit = () => current.kill('SIGKILL');
  process.once('exit', killOnExit);

  const startAgain = async () => {
    for (let delay = opts.restartDelayMs ?? 100; !stopping; delay = Math.min(delay * 2, 5_000)) {
      await new Promise((r) => setTimeout(r, delay));
      if (stopping) return;
      try {
        const child = await launch(binary, dir, port, opts.log, opts.sync ?? 'normal');
        if (stopping) {
          await stopChild(child);
          return;
        }
        current = child;
        restarts++;
        watch(child);
        log.info({ restarts }, 'embedded FerretDB is back');
        return;
      } catch (err) {
        log.error({ err }, 'embedded FerretDB could not be started again; retrying');
      }
    }
  };
  const watch = (child: ChildProcess) =>
    child.once('exit', (code, signal) => {
      if (stopping) return;
      log.error({ code, signal }, 'embedded FerretDB stopped unexpectedly; starting it again');
      void startAgain();
    });
  watch(first);

  const uri = `mongodb://127.0.0.1:${port}/${opts.database}`;
  // Tools on this machine (npm run simulate) find the running database here.
  const addressFile = path.join(dir, 'address');
  writeFileSync(addressFile, `${uri}\n`, { mode: 0o600 });
  return {
    uri,
    port,
    pid: () => current.pid,
    restarts: () => restarts,
    stop: async () => {
      stopping = true;
      await stopChild(current).finally(() => {
        process.off('exit', killOnExit);
        rmSync(addressFile, { force: true });
      });
    },
  };
}

/** One FerretDB process on `port`, resolved once it accepts connections. */
async function launch(
  binary: string,
  dir: string,
  port: number,
  parentLog: Logger,
  sync: 'normal' | 'full',
): Promise<ChildProcess> {
  // umask 077: every SQLite file FerretDB creates (one per database, at any time) is 0600.
  const child = spawn(
    '/bin/sh',
    [
      '-c',
      'umask 077 && exec "$0" "$@"',
      binary,
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/?_pragma=synchronous(${sync})`,
      `--state-dir=${dir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-', // its debug HTTP listener would clash between instances on :8088
      '--telemetry=disable',
      '--log-level=warn',
      '--log-format=json',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = parentLog.child({ component: 'ferretdb', port });
  const recent: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      logFerretLine(log, line);
    }
  };
  child.stdout!.on('data', onOutput);
  child.stderr!.on('data', onOutput);

  try {
    await waitForPort(port, child, 20_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`FerretDB did not start: ${(err as Error).message}\n${recent.join('\n')}`, { cause: err });
  }
  log.info({ dir }, 'embedded FerretDB started');
  return child;
}

/**
 * The embedded database takes no credentials, so its files are the boundary: only this user may
 * read them (data written by an older version included).
 */
function lockDown(dataDir: string, dir: string): void {
  chmodSync(dataDir, 0o700);
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(path.join(dir, entry.name), 0o600);
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no answer on port ${port} within ${timeoutMs} ms`);
}

/** FerretDB logs JSON lines; pass them on. */
function logFerretLine(log: Logger, line: string): void {
  let entry: { level?: string; msg?: string };
  try {
    entry = JSON.parse(line);
  } catch {
    return log.warn({ line }, 'ferretdb output');
  }
  // Our readiness probe connects and hangs up at once; FerretDB warns about that each start.
  // FerretDB logs every error response it sends (a duplicate key, an unknown command) at WARN;
  // those are answers our code handles, so only its own ERRORs are worth an operator's attention.
  const level = entry.level === 'ERROR' ? 'error' : 'debug';
  log[level]({ ferretdb: entry }, `ferretdb: ${entry.msg ?? ''}`);
}
