import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Starts a Node process from the repo root and resolves with the URL it prints once ready.
 * `onLine` sees every line it prints on standard output (e.g. the app's JSON log lines).
 */
export function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  onLine?: (line: string) => void,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let partial = '';
  let started = false;
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      if (onLine) {
        const lines = (partial + c).split('\n');
        partial = lines.pop()!;
        lines.forEach(onLine);
      }
      if (started) return;
      out += c;
      if (out.length > 100_000) out = out.slice(-10_000);
      const m = ready.exec(out);
      if (m) {
        started = true;
        out = '';
        resolve({ child, url: m[1]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out.slice(-2_000)}`)));
  });
}

export const stopProcess = (c: ChildProcess) =>
  new Promise<void>((r) =>
    c.exitCode !== null || c.signalCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM')),
  );

/** What `server/main.ts` prints once it listens (JSON logs). */
export const SERVER_READY = /"url":"(http:[^"]+)","msg":"Outage radar is listening"/;

/** What the app logged at warn level or above, by level and message, for "what did the server say under load". */
export class LogTally {
  readonly counts = new Map<string, number>();
  readonly line = (line: string) => {
    if (!line.startsWith('{')) return;
    try {
      const entry = JSON.parse(line) as {
        level?: number;
        msg?: string;
        err?: { message?: string };
        status?: number;
        url?: string;
        res?: { statusCode?: number };
      };
      if ((entry.level ?? 0) < 40) return;
      const name = entry.level! >= 50 ? 'error' : 'warn';
      const status = entry.status ?? entry.res?.statusCode;
      const cause = entry.err?.message && entry.err.message !== entry.msg ? `: ${entry.err.message.slice(0, 120)}` : '';
      const what = status
        ? `${entry.msg ?? 'HTTP'} ${status}${entry.url ? ` ${entry.url.split('?')[0]}` : ''}`
        : `${entry.msg ?? ''}${cause}`;
      const key = `${name} ${what}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    } catch {
      // not a log line
    }
  };
  summary(): string {
    return [...this.counts].map(([k, n]) => `${n} × ${k}`).join('\n') || '(none)';
  }
}

/**
 * The app as `npm start` runs it, on a given database, without the client bundle. LOG_LEVEL=info
 * because the "listening" line that tells its URL is an info line; 2xx answers log at debug.
 */
export async function startApp(
  mongodbUri: string,
  env: Record<string, string> = {},
  tally?: LogTally,
): Promise<{ child: ChildProcess; url: string }> {
  // Start-up notices (no ADMIN_USERS, say) are not what the app said under load.
  let listening = false;
  const app = await startProcess(
    ['--import', 'tsx', 'server/main.ts'],
    {
      MONGODB_URI: mongodbUri,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      SERVE_CLIENT: '0',
      ...env,
    },
    SERVER_READY,
    tally && ((line) => listening && tally.line(line)),
  );
  listening = true;
  return app;
}

/** Resident memory of a process, in bytes (VmRSS in /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** CPU seconds a process has used so far (user + system, from /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** Processes whose command line contains `needle` (e.g. FerretDB by its data directory). */
export function pidsMatching(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
