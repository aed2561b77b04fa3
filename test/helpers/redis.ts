import { spawn } from 'node:child_process';
import net from 'node:net';
import { portAnswers } from './port-answers.ts';

/** A throwaway Debian redis-server on a free loopback port, without persistence. */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
  // Redis keeps the real time: under libfaketime (the suite is run a year ahead to prove it does
  // not depend on the date) its allocator recurses into clock_gettime and it never starts; what
  // is checked for dates is our code, as with FerretDB (a Go binary, which libfaketime misses).
  const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
      env,
    },
  );
  if (!(await portAnswers(port, child)))
    throw new Error('redis-server did not start (is the redis-server package installed?)');
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
