import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { startOutageRadar, type RunningServer } from '../../server/start.ts';
import type { Clock } from '../../server/clock.ts';
import { Service, type ServiceInput } from '../../shared/index.ts';
import { AdminUsers } from '../../server/admin/admin-users.ts';

export const OPERATOR = { username: 'ops', password: 'correct horse battery staple' };

/** A database name of its own, so test files never see each other's data. */
export const freshDatabaseUri = (host = inject('mongoHost')) => `mongodb://${host}/t_${randomBytes(6).toString('hex')}`;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type ManualClock = Clock & {
  set(t: number): void;
  advance(ms: number): void;
  /** That time of day (UTC) on the day the clock started: tests that need a wall-clock time use it. */
  at(hours: number, minutes?: number, seconds?: number): number;
};

/**
 * A clock the test moves by hand. It starts at noon UTC yesterday unless told otherwise: the date
 * follows the real calendar (cookie jars, certificates and the database live in real time), the
 * time of day is the one the tests were written for, and it is never in the future.
 */
export function manualClock(start = Math.floor(Date.now() / DAY) * DAY - DAY + 12 * HOUR): ManualClock {
  let t = start;
  const day = Math.floor(start / DAY) * DAY;
  return {
    now: () => t,
    set: (v) => (t = v),
    advance: (ms) => (t += ms),
    at: (h, m = 0, s = 0) => day + h * HOUR + m * 60_000 + s * 1000,
  };
}

/** Like manualClock(), at another time of day (UTC) on the same yesterday. */
export const manualClockAt = (hours: number, minutes = 0, seconds = 0) => {
  const clock = manualClock();
  clock.set(clock.at(hours, minutes, seconds));
  return clock;
};

/** A service that exists only for one test (probe definitions as written, their defaults filled in). */
export function testService(overrides: Partial<ServiceInput> = {}): Service {
  const id = randomBytes(3).toString('hex');
  return Service.parse({
    slug: `svc-${id}`,
    name: `Test Service ${id}`,
    homepage: 'https://example.com',
    category: 'Test',
    problems: [
      { id: 'login', label: 'Login' },
      { id: 'errors', label: 'Error messages' },
      { id: 'api', label: 'API' },
    ],
    ...overrides,
  });
}

/** Starts the real server (real database, real sockets) on a free port. */
export async function startWorld(
  opts: {
    mongodbUri?: string;
    clock?: Clock;
    services?: ServiceInput[];
    env?: Record<string, string>;
    /** Operators and their passwords; the test operator by default. */
    operators?: Record<string, string>;
  } = {},
): Promise<RunningServer & { mongodbUri: string }> {
  const mongodbUri = opts.mongodbUri ?? freshDatabaseUri();
  // Probes run when a test calls world.prober.tick(), in step with its clock, unless it sets PROBE_TICK_MS.
  // Requests come through loopback, so tests can speak for people elsewhere with X-Forwarded-For (see `person`).
  // Reports are shed only where a test asks for it (SHED_LAG_MS): the server shares its event loop
  // with vitest and the machine with whatever else runs, and a slow moment there is not overload.
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    PROBE_TICK_MS: '3600000',
    TRUST_PROXY: 'loopback',
    SHED_LAG_MS: '5000',
    ...opts.env,
  });
  const server = await startOutageRadar({
    config,
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    mongodbUri,
    clock: opts.clock,
    services: opts.services ?? [],
    adminUsers: await AdminUsers.withPasswords(opts.operators ?? { [OPERATOR.username]: OPERATOR.password }),
  });
  return { ...server, mongodbUri };
}

export type World = Awaited<ReturnType<typeof startWorld>>;

/**
 * One world for the enclosing describe block: started before its first test, closed after its last.
 * The object is filled in by beforeAll, so tests read `world.url` as usual.
 */
export function worldForSuite(opts: Parameters<typeof startWorld>[0] = {}): World {
  const world = {} as World;
  beforeAll(async () => {
    Object.assign(world, await startWorld(opts));
  });
  afterAll(() => world.close?.());
  return world;
}

/** A supertest agent signed in as the test operator (the session cookie rides along). */
export async function signedInOperator(url: string) {
  const agent = request.agent(url);
  await agent.post('/api/admin/session').send(OPERATOR).expect(201);
  return agent;
}

/**
 * Headers of the i-th distinct person, each on an address of a network of their own (IPv4 /24):
 * limits and dedupe key on the address, and incidents need reports from several networks.
 */
export const person = (i: number, tag = 'person') => ({
  'X-Forwarded-For': `10.${(i >> 8) & 255}.${i & 255}.${7 + ((i >> 16) & 127)}`,
  'User-Agent': `${tag}-${i}`,
});

/** Headers of the person called `tag`: the same tag is the same person on the same address, every time. */
export function as(tag: string) {
  let h = 0x811c9dc5;
  for (const ch of tag) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return { 'X-Forwarded-For': `10.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${7 + (h & 127)}`, 'User-Agent': tag };
}
