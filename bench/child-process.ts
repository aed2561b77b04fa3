import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Starts a Node process from the repo root and resolves with the URL it prints once ready. */
export function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      if (out.length > 100_000) out = out.slice(-10_000);
      const m = ready.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out.slice(-2_000)}`)));
  });
}

export const stopProcess = (c: ChildProcess) =>
  new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM'))));

/** What `server/main.ts` prints once it listens (JSON logs). */
export const SERVER_READY = /"url":"(http:[^"]+)","msg":"Outage radar is listening"/;
