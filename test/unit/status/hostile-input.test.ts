import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfficialStatus } from '../../../shared/schemas/official-status.ts';
import { fetchOfficial, type FetchOfficialDeps } from '../../../server/status/official/fetch-official.ts';
import { parseIncidentFeed } from '../../../server/status/official/incident-feed.ts';
import { parseStatuspageSummary } from '../../../server/status/official/statuspage-v2.ts';
import { HOSTILE_SIZE, hostileFeeds, hostileSummaries } from './hostile-inputs.ts';

// The limits the issue sets: a 2 MB hostile page is read in under 200 ms, and the event loop
// is never blocked for more than 50 ms while it is.
const PARSE_LIMIT_MS = 200;
const BLOCK_LIMIT_MS = 50;

const NOW = Date.parse('2025-03-04T15:00:00Z');
const FETCHED = new Date(NOW).toISOString();

/**
 * The best of up to `tries` measurements, stopping at the first under `limit`: on a busy
 * two-core machine another process can slow one run, but seldom every run. A first run that
 * misses also serves as the warm-up.
 */
async function best(limit: number, measure: () => Promise<number> | number, tries = 5): Promise<number> {
  let lowest = Infinity;
  for (let i = 0; i < tries && lowest >= limit; i++) lowest = Math.min(lowest, await measure());
  return lowest;
}

/**
 * What a synchronous run cost, in ms: the wall time, or the process's CPU time when that is
 * less — time spent descheduled while other processes ran is not the parser's cost.
 */
const costMs = (run: () => unknown) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return Math.min(wall, (used.user + used.system) / 1_000);
};

/** The longest the event loop waited while `work` ran, in ms. */
async function longestBlockMs(work: () => Promise<unknown>): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  try {
    await work();
  } finally {
    delay.disable();
  }
  return delay.max / 1e6;
}

/** A hostile page must still give a result people can be shown: no field grows with the input. */
function longestText(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return Math.max(0, ...value.map(longestText));
  if (value && typeof value === 'object') return Math.max(0, ...Object.values(value).map(longestText));
  return 0;
}
function expectBounded(status: OfficialStatus) {
  OfficialStatus.parse(status);
  expect(longestText(status)).toBeLessThanOrEqual(5_000);
  expect(status.incidents.length + status.maintenances.length).toBeLessThanOrEqual(200);
  expect(status.components.length).toBeLessThanOrEqual(1_000);
  expect(status.notes?.length ?? 0).toBeLessThanOrEqual(25);
}

const feeds = Object.entries(hostileFeeds);
const summaries = Object.entries(hostileSummaries);

describe('a hostile status page', () => {
  it('is about 2 MB in every shape, so the tests measure what the issue asks', () => {
    for (const [, text] of [...feeds, ...summaries]) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(HOSTILE_SIZE);
    for (const [, text] of feeds) expect(text.length).toBeGreaterThan(2_000_000);
  });

  it.each(feeds)(`is read in under ${PARSE_LIMIT_MS} ms when it is a feed of %s`, async (_, xml) => {
    const ms = await best(PARSE_LIMIT_MS, () => costMs(() => parseIncidentFeed(xml, { fetchedAt: FETCHED, now: NOW })));
    expect(ms).toBeLessThan(PARSE_LIMIT_MS);
    expectBounded(parseIncidentFeed(xml, { fetchedAt: FETCHED, now: NOW }));
  });

  it.each(summaries)(`is read in under ${PARSE_LIMIT_MS} ms when it is a summary with %s`, async (_, json) => {
    const ms = await best(PARSE_LIMIT_MS, () => costMs(() => parseStatuspageSummary(JSON.parse(json), FETCHED)));
    expect(ms).toBeLessThan(PARSE_LIMIT_MS);
    expectBounded(parseStatuspageSummary(JSON.parse(json), FETCHED));
  });
});

describe('fetching a hostile status page', () => {
  let server: http.Server;
  let base: string;
  const deps: FetchOfficialDeps = { now: () => NOW, allowPrivate: true, timeoutMs: 5_000 };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const [, kind, index] = (req.url ?? '').split('/');
      const body = (kind === 'feed' ? feeds : summaries)[Number(index)]?.[1];
      res.writeHead(body ? 200 : 404, { 'content-type': kind === 'feed' ? 'application/rss+xml' : 'application/json' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => (server.closeAllConnections(), new Promise((r) => server.close(r))));

  const cases = [
    ...feeds.map(([name], i) => ({ name: `a feed of ${name}`, path: `/feed/${i}`, kind: 'feed' as const })),
    ...summaries.map(([name], i) => ({
      name: `a summary with ${name}`,
      path: `/summary/${i}`,
      kind: 'statuspage' as const,
    })),
  ];

  it.each(cases)(`never blocks the event loop for ${BLOCK_LIMIT_MS} ms or more: $name`, async ({ path, kind }) => {
    let result: Awaited<ReturnType<typeof fetchOfficial>> | undefined;
    const blocked = await best(BLOCK_LIMIT_MS, () =>
      longestBlockMs(async () => (result = await fetchOfficial(`${base}${path}`, kind, deps))),
    );
    expect(blocked).toBeLessThan(BLOCK_LIMIT_MS);
    // Read, or refused for its shape — never cut off for its size, which would make this test moot.
    if (result?.ok) expectBounded(result.status);
    else expect(result?.error.code).toBe('unexpected_shape');
  });
});
