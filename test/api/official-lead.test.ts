import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type net from 'node:net';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import type { Incident, ServiceDetail } from '../../shared/index.ts';
import { manualClock, testService } from '../helpers/world.ts';
import { openIncident, worldWithHistory } from '../helpers/crowd-incident.ts';

/** Past the official page's poll interval (60 s, ±10%). */
const NEXT_READ = 70_000;

/** A local Statuspage-like page whose GitHub Actions component the test breaks and mends. */
async function officialPage(): Promise<{ url: string; set(status: string): void; close(): Promise<void> }> {
  const summary = JSON.parse(
    readFileSync(new URL('../fixtures/statuspage/github-operational.summary.json', import.meta.url), 'utf8'),
  );
  const actions = summary.components.find((c: { name: string }) => c.name === 'GitHub Actions');
  const server = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(summary)),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/api/v2/summary.json`,
    set: (status) => (actions.status = status),
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

describe('since when, compared with the official page', () => {
  const clock = manualClock();
  let late: Awaited<ReturnType<typeof officialPage>>;
  let early: Awaited<ReturnType<typeof officialPage>>;
  let world: Awaited<ReturnType<typeof worldWithHistory>>;
  const behind = testService();
  const ahead = testService();

  beforeAll(async () => {
    [late, early] = await Promise.all([officialPage(), officialPage()]);
    behind.official = { kind: 'statuspage', url: late.url };
    ahead.official = { kind: 'statuspage', url: early.url };
    early.set('partial_outage');
    world = await worldWithHistory({ clock, services: [behind, ahead], env: { PROBE_ALLOW_PRIVATE: 'true' } });
  });
  afterAll(async () => {
    await world?.close();
    await Promise.all([late?.close(), early?.close()]);
  });

  const incidentOf = async (id: string): Promise<Incident> =>
    (await request(world.url).get(`/api/incidents/${id}`).expect(200)).body;

  it('records how long after our detection the official page turned, once, and announces it', async () => {
    clock.advance(NEXT_READ);
    await world.prober.tick();
    const opened = await openIncident(world, clock, behind.slug);
    expect(opened.official).toBeNull();
    const updates: Incident[] = [];
    world.events.on((e) => void (e.type === 'incident.updated' && updates.push(e.incident)));

    clock.advance(5 * 60_000);
    late.set('major_outage');
    await world.prober.tick();
    const acknowledgedAt = new Date(clock.now()).toISOString();
    const leadSeconds = Math.round((clock.now() - Date.parse(opened.openedAt)) / 1000);
    await expect
      .poll(async () => (await incidentOf(opened.id)).official, { timeout: 5_000 })
      .toEqual({ acknowledgedAt, leadSeconds });
    expect(leadSeconds).toBe(300);
    expect(updates.filter((u) => u.id === opened.id && u.official)).toHaveLength(1);

    // A later read leaves the first acknowledgement as it was.
    clock.advance(NEXT_READ);
    await world.prober.tick();
    await world.refresh();
    expect((await incidentOf(opened.id)).official).toEqual({ acknowledgedAt, leadSeconds });
    const detail: ServiceDetail = (await request(world.url).get(`/api/services/${behind.slug}`).expect(200)).body;
    expect(detail.incident?.official).toEqual({ acknowledgedAt, leadSeconds });
    expect(detail.officialLead).toEqual({ medianSeconds: leadSeconds, incidents: 1 });
  });

  it('gives a negative lead when the official page showed the trouble before we opened', async () => {
    clock.advance(NEXT_READ);
    await world.prober.tick();
    const shownSince = clock.now();
    clock.advance(NEXT_READ);
    await world.prober.tick();
    const opened = await openIncident(world, clock, ahead.slug);
    await expect
      .poll(async () => (await incidentOf(opened.id)).official?.leadSeconds, { timeout: 5_000 })
      .toBeLessThan(0);
    const official = (await incidentOf(opened.id)).official!;
    expect(Date.parse(official.acknowledgedAt)).toBeLessThanOrEqual(shownSince);
    expect(official.leadSeconds).toBe(
      Math.round((Date.parse(official.acknowledgedAt) - Date.parse(opened.openedAt)) / 1000),
    );
  });
});
