import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The server as a separate OS process, exactly as `npm start` runs it, for tests about several
 * processes sharing one database (and one Redis).
 */
export async function spawnServer(
  env: Record<string, string>,
): Promise<{ url: string; stop(): Promise<void>; child: ChildProcess; output(): string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
    cwd: root,
    // As in startWorld: reports are shed only where a test asks (a busy test machine is not
    // overload), and probes run only where a test drives them (the built-in catalog's 350 probes
    // would otherwise all fall due at start, in every spawned process, on the shared database).
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      SERVE_CLIENT: '0',
      TRUST_PROXY: 'loopback',
      SHED_LAG_MS: '5000',
      PROBE_TICK_MS: '3600000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // A server that never says it listens is killed: left running, it would load the database for the tests after.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const m = /"url":"(http:[^"]+)","msg":"Outage radar is listening"/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    /** Everything it printed so far, standard output and error. */
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
