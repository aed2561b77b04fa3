import { spawn } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { portAnswers } from './port-answers.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NGINX = '/usr/sbin/nginx';
export const DEPLOY_CONF = path.join(root, 'deploy', 'nginx.conf');

/** Replaces exactly one match, so a change to deploy/nginx.conf that the tests can no longer follow fails loudly. */
function replaceOnce(text: string, pattern: RegExp, replace: (m: RegExpExecArray) => string, what: string): string {
  const all = [
    ...text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)),
  ];
  if (all.length !== 1) throw new Error(`deploy/nginx.conf: expected one ${what}, found ${all.length}`);
  const m = all[0] as RegExpExecArray;
  return text.slice(0, m.index) + replace(m) + text.slice(m.index + m[0].length);
}

/**
 * deploy/nginx.conf with its upstream servers, listen address and temporary paths swapped for
 * the test's: every other line (routing, retries, timeouts, headers) is the production one.
 */
export function renderNginxConf(opts: { upstreams: string[]; listen: string; dir: string }): string {
  let conf = readFileSync(DEPLOY_CONF, 'utf8');
  conf = replaceOnce(
    conf,
    /^([ \t]*)server app:3000((?: [^;\n]*)?);$/m,
    (m) => opts.upstreams.map((u) => `${m[1]}server ${new URL(u).host}${m[2]};`).join('\n'),
    '`server app:3000 …;` line',
  );
  conf = replaceOnce(conf, /^([ \t]*)listen 80;$/m, (m) => `${m[1]}listen ${opts.listen};`, '`listen 80;` line');
  // The packaged defaults (/var/lib/nginx/…) belong to root; these make nginx runnable by anyone.
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `    ${kind}_temp_path ${path.join(opts.dir, `${kind}_temp`)};`)
    .join('\n');
  conf = replaceOnce(conf, /^http \{$/m, (m) => `${m[0]}\n${temp}`, '`http {` line');
  conf = replaceOnce(
    conf,
    /proxy_cache_path \S+/,
    () => `proxy_cache_path ${path.join(opts.dir, 'cache')}`,
    '`proxy_cache_path` line',
  );
  return conf;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net
      .createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
  });

export interface RunningNginx {
  url: string;
  /** Its access log so far, one line per finished request (deploy/nginx.conf's `upstream` format). */
  accessLog(): string[];
  /** Its error log so far. */
  errors(): string;
  stop(): Promise<void>;
}

/**
 * Debian's nginx on a free loopback port, in front of the given app URLs, run as the current
 * user with its pid, logs and temporary files in a directory of its own.
 */
export async function startNginx(upstreams: string[]): Promise<RunningNginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nginx-'));
  // Run as root, nginx's workers switch to an unprivileged user, which must reach the temp dirs.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, renderNginxConf({ upstreams, listen: `127.0.0.1:${port}`, dir }));
  // The access log goes to /dev/stdout as in a container; here that is a file (nginx cannot
  // open /dev/stdout when it is the socket Node gives a child for 'pipe').
  const accessLog = path.join(dir, 'access.log');
  const out = openSync(accessLog, 'a');
  const child = spawn(
    NGINX,
    ['-p', dir, '-c', conf, '-e', 'stderr', '-g', `daemon off; pid ${path.join(dir, 'nginx.pid')};`],
    {
      stdio: ['ignore', out, 'pipe'],
    },
  );
  closeSync(out);
  let err = '';
  child.once('error', (e) => (err += `${e.message}\n`)); // not installed: spawn fails, exitCode stays null
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
  if (!(await portAnswers(port, child))) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start (is Debian's nginx package installed?):\n${err}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    accessLog: () => readFileSync(accessLog, 'utf8').split('\n').filter(Boolean),
    errors: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => (rmSync(dir, { recursive: true, force: true }), resolve());
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        // SIGTERM is nginx's fast stop; SIGQUIT (graceful) would wait for open websockets to close.
        child.kill('SIGTERM');
      }),
  };
}
