#!/usr/bin/env node
// Idempotent setup run before `npm start` (mode "app") and `npm test` (mode "test").
// Plain Node with no dependencies: it runs before anything else is known to work.
//   app:  FerretDB (unless MONGODB_URI is set) + the client bundle
//   test: the above + Debian's chromium, redis-server and nginx
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  cpSync,
  writeFileSync,
  chmodSync,
  renameSync,
  rmSync,
  statSync,
  readdirSync,
  mkdtempSync,
  readFileSync,
} from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { applyPatches, PATCH_LABEL } from './ferretdb-patches.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'app';
// Version and patch label live in package.json ("embeddedDatabase") so the server's launcher finds the same path.
const { ferretdbVersion: FERRETDB_VERSION, ferretdbPatch: PATCH } = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
).embeddedDatabase;
if (PATCH !== PATCH_LABEL) throw new Error(`package.json embeddedDatabase.ferretdbPatch should be "${PATCH_LABEL}"`);
const ferretdbBin = join(root, '.tools', `ferretdb-${FERRETDB_VERSION}+${PATCH}`, 'ferretdb');

const log = (msg) => console.log(`[setup] ${msg}`);

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

// `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a binary that panics
// at start ("Invalid build/version/version.txt"): the release process generates that embedded
// file, and a module download does not carry it. So we fetch the very same module through
// the Go module proxy, write version.txt, and build its own cmd/ferretdb.
//
// Two bugs are patched on the way (scripts/ferretdb-patches.mjs): the SQLite backend never
// used its _id index, and `update` was not atomic.

function ensureFerretDB() {
  if (process.env.MONGODB_URI) {
    log('MONGODB_URI is set: using that server, not building FerretDB.');
    return;
  }
  if (existsSync(ferretdbBin)) return;
  if (!has('go')) {
    console.error(
      '[setup] Cannot build the embedded database: Go is not installed and MONGODB_URI is not set.\n' +
        '  Either install Go (https://go.dev/dl/) and run this again,\n' +
        '  or run MongoDB yourself and set MONGODB_URI=mongodb://host:27017/outage-radar,\n' +
        '  or run everything with Docker: docker compose up',
    );
    process.exit(1);
  }
  log(`building FerretDB ${FERRETDB_VERSION} (SQLite backend, patched: ${PATCH}) into .tools/ — about a minute, once`);
  const env = { ...process.env, GOFLAGS: '-buildvcs=false', CGO_ENABLED: '0' };
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const src = mkdtempSync(join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(info.Dir, src, { recursive: true });
    makeWritable(src);
    writeFileSync(join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    applyPatches(src);
    const out = `${ferretdbBin}.tmp-${process.pid}`;
    mkdirSync(dirname(ferretdbBin), { recursive: true });
    execFileSync('go', ['build', '-trimpath', '-o', out, './cmd/ferretdb'], { cwd: src, env, stdio: 'inherit' });
    renameSync(out, ferretdbBin); // atomic: a half-built binary is never at the final path
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
  log(`FerretDB ready at ${ferretdbBin}`);
}

function makeWritable(dir) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644);
  }
}

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p))
        if (e !== 'dist' && e !== 'dist-server' && e !== 'node_modules') visit(join(p, e));
    } else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

// Two builds of one client: the browser bundle, and the module the server renders pages with.
// Each is rebuilt only when a source is newer than its output.
const CLIENT_BUILDS = [
  { name: 'the client bundle', output: join(root, 'client', 'dist', 'index.html'), args: [] },
  {
    name: 'the server-rendering module',
    output: join(root, 'client', 'dist-server', 'entry-server.js'),
    args: ['--ssr', 'src/entry-server.ts'],
  },
];

function ensureClientBuild() {
  const sources = newestMtime([join(root, 'client'), join(root, 'shared'), join(root, 'package-lock.json')]);
  for (const build of CLIENT_BUILDS) {
    if (existsSync(build.output) && statSync(build.output).mtimeMs >= sources) continue;
    log(`building ${build.name}`);
    execFileSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn', ...build.args], {
      cwd: root,
      stdio: 'inherit',
    });
  }
}

// Debian packages the tests drive for real. Installed only when missing.
function ensureDebianPackages() {
  const wanted = [
    ['/usr/bin/chromium', 'chromium'],
    ['/usr/bin/redis-server', 'redis-server'],
    // The load-balancer tests run it on deploy/nginx.conf, as the current user, on a free port.
    ['/usr/sbin/nginx', 'nginx'],
  ].filter(([bin]) => !existsSync(bin));
  if (wanted.length === 0) return;
  const pkgs = wanted.map(([, pkg]) => pkg);
  log(`installing Debian packages: ${pkgs.join(', ')}`);
  const asRoot = process.getuid?.() === 0 ? (args) => args : (args) => ['sudo', ...args];
  const run = (args) => {
    const [cmd, ...rest] = asRoot(args);
    execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...pkgs]);
}

ensureFerretDB();
ensureClientBuild();
if (mode === 'test') {
  // Tests always use the embedded FerretDB, even when MONGODB_URI is set for the app.
  if (process.env.MONGODB_URI && !existsSync(ferretdbBin)) {
    delete process.env.MONGODB_URI;
    ensureFerretDB();
  }
  ensureDebianPackages();
}
