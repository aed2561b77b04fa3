import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import {
  StatuspageIncidentsResponse,
  StatuspageMaintenancesResponse,
  StatuspageSummary,
  type ServiceDetail,
} from '../../shared/index.ts';
import { parseStatuspageSummary } from '../../server/status/official/statuspage-v2.ts';
import { manualClockAt, signedInOperator, startWorld, testService } from '../helpers/world.ts';
import { openIncident, resolveIncident, worldWithHistory } from '../helpers/crowd-incident.ts';

const MINUTE = 60_000;
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/statuspage/github-operational.summary.json', import.meta.url), 'utf8'),
);

describe('the Statuspage v2 API', () => {
  const clock = manualClockAt(14, 0, 5);
  const pay = testService({ name: 'Acme Pay', category: 'Payments' });
  const chat = testService({ name: 'Chat Co', category: 'Messaging' });
  let world: Awaited<ReturnType<typeof worldWithHistory>>;

  beforeAll(async () => {
    world = await worldWithHistory({ clock, services: [pay, chat] });
  });
  afterAll(() => world?.close());

  /** What a Statuspage client gets from us, over HTTP, read by the parser the prober uses on vendors' pages. */
  const read = async () => {
    const body = (await request(world.url).get('/api/v2/summary.json').expect(200)).body;
    return {
      body: StatuspageSummary.parse(body),
      parsed: parseStatuspageSummary(body, new Date(clock.now()).toISOString()),
    };
  };

  it('answers a quiet time as all systems operational, in the fields real pages have', async () => {
    const { body, parsed } = await read();
    expect(body.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    expect(body.page).toMatchObject({ name: 'Outage radar', url: world.url, time_zone: 'Etc/UTC' });
    expect(Object.keys(body.page).sort()).toEqual(Object.keys(fixture.page).sort());
    const member = body.components.find((c) => c.name === 'Acme Pay')!;
    for (const key of Object.keys(fixture.components[0])) expect(member).toHaveProperty(key);
    const group = body.components.find((c) => c.name === 'Payments')!;
    expect(group).toMatchObject({ group: true, components: [member.id] });
    expect(member.group_id).toBe(group.id);
    expect(parsed).toMatchObject({
      level: 'operational',
      description: 'All Systems Operational',
      incidents: [],
      maintenances: [],
    });
    expect(parsed.components).toEqual([
      { name: 'Chat Co', level: 'operational', group: 'Messaging' },
      { name: 'Acme Pay', level: 'operational', group: 'Payments' },
    ]);
    expect(parsed.notes).toBeUndefined();

    const status = (await request(world.url).get('/api/v2/status.json').expect(200)).body;
    expect(status).toEqual({ page: body.page, status: body.status });
    const components = (await request(world.url).get('/api/v2/components.json').expect(200)).body;
    expect(components.components.map((c: { id: string }) => c.id)).toEqual(body.components.map((c) => c.id));
  });

  it(
    'links to the address the request came to, ' + 'as a trusted proxy forwards it, and never to a made-up host',
    async () => {
      const viaProxy = await request(world.url)
        .get('/api/v2/status.json')
        .set({ 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'Status.Example.org' })
        .expect(200);
      expect(viaProxy.body.page.url).toBe('https://status.example.org');
      const forged = await request(world.url)
        .get('/api/v2/status.json')
        .set('X-Forwarded-Host', 'x"><script>alert(1)</script>')
        .expect(200);
      expect(forged.body.page.url).toBe('http://localhost');
    },
  );

  it('gives components the same ids in every process and after a restart', async () => {
    const other = await startWorld({ mongodbUri: world.mongodbUri, clock, services: [pay, chat] });
    try {
      const ids = async (url: string) =>
        (await request(url).get('/api/v2/components.json').expect(200)).body.components.map(
          (c: { id: string; name: string }) => `${c.name}:${c.id}`,
        );
      expect(await ids(other.url)).toEqual(await ids(world.url));
    } finally {
      await other.close();
    }
  });

  it('answers a reader that has the current summary with 304, and lets widgets poll it from any site', async () => {
    const first = await request(world.url).get('/api/v2/summary.json').expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=5, stale-while-revalidate=30');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    await request(world.url).get('/api/v2/summary.json').set('If-None-Match', first.headers.etag!).expect(304);
  });

  it(
    'shows an open incident with the detection as its ' + "first update and the operator's update as its latest",
    async () => {
      const incident = await openIncident(world, clock, pay.slug);
      const ops = await signedInOperator(world.url);
      await ops
        .post(`/api/admin/incidents/${incident.id}/updates`)
        .send({ status: 'identified', body: 'A card processor is failing; we are switching to another.' })
        .expect(201);

      const { body, parsed } = await read();
      expect(body.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
      expect(parsed.level).toBe('partial_outage');
      expect(parsed.components).toContainEqual({ name: 'Acme Pay', level: 'partial_outage', group: 'Payments' });
      expect(parsed.incidents).toEqual([
        {
          name: 'Acme Pay: problems with Error messages reported by users',
          status: 'identified',
          impact: 'major',
          url: `${world.url}/incidents/${incident.id}`,
          updatedAt: expect.any(String),
          latestUpdate: 'A card processor is failing; we are switching to another.',
        },
      ]);
      const [latest, first] = body.incidents[0]!.incident_updates;
      expect(latest).toMatchObject({ status: 'identified', incident_id: incident.id });
      expect(first).toMatchObject({ status: 'investigating', display_at: incident.openedAt });
      expect(first!.body).toMatch(
        new RegExp(
          '^Users are reporting problems with Acme Pay\\. .*reports in the last .* ' +
            'Most reported: Error messages \\(\\d+%\\)(, Login \\(\\d+%\\))?\\.$',
        ),
      );
      expect(body.incidents[0]!.components.map((c) => c.name)).toEqual(['Acme Pay']);

      const unresolved = StatuspageIncidentsResponse.parse(
        (await request(world.url).get('/api/v2/incidents/unresolved.json').expect(200)).body,
      );
      expect(unresolved.incidents.map((i) => i.id)).toEqual([incident.id]);
    },
  );

  it("is read by another world's prober as the official status page of a service", async () => {
    const watcher = testService({
      name: 'Our radar',
      official: { kind: 'statuspage', url: `${world.url}/api/v2/summary.json` },
    });
    const theirClock = manualClockAt(15, 0);
    const other = await startWorld({ clock: theirClock, services: [watcher], env: { PROBE_ALLOW_PRIVATE: '1' } });
    try {
      theirClock.advance(61_000);
      await other.prober.tick();
      const detail = (await request(other.url).get(`/api/services/${watcher.slug}`).expect(200)).body as ServiceDetail;
      expect(detail.official!.error).toBeUndefined();
      expect(detail.official!.latest).toMatchObject({
        source: 'statuspage',
        level: 'partial_outage',
        description: 'Partial System Outage',
      });
      expect(detail.official!.latest!.components).toContainEqual({
        name: 'Acme Pay',
        level: 'partial_outage',
        group: 'Payments',
      });
      expect(detail.official!.latest!.incidents.map((i) => i.latestUpdate)).toEqual([
        'A card processor is failing; we are switching to another.',
      ]);
      expect(detail.status.level).toBe('partial_outage');
    } finally {
      await other.close();
    }
  });

  it('lists a declared maintenance window as a scheduled maintenance, in progress once it starts', async () => {
    const ops = await signedInOperator(world.url);
    const start = new Date(clock.now() + 30 * MINUTE).toISOString();
    const end = new Date(clock.now() + 90 * MINUTE).toISOString();
    await ops
      .post(`/api/admin/services/${chat.slug}/maintenance`)
      .send({ title: 'Database upgrade', description: 'Messages may be delayed.', start, end })
      .expect(201);

    // Polled documents are rebuilt at most once a second unless an incident or a verdict changed.
    await expect.poll(async () => (await read()).body.scheduled_maintenances.length).toBe(1);
    const scheduled = await read();
    const { body } = scheduled;
    let { parsed } = scheduled;
    expect(body.scheduled_maintenances).toEqual([
      expect.objectContaining({
        name: 'Chat Co: Database upgrade',
        status: 'scheduled',
        scheduled_for: start,
        scheduled_until: end,
        impact: 'maintenance',
      }),
    ]);
    expect(body.scheduled_maintenances[0]!.incident_updates.map((u) => [u.status, u.body])).toEqual([
      ['scheduled', 'Messages may be delayed.'],
    ]);
    expect(parsed.maintenances).toEqual([
      { name: 'Chat Co: Database upgrade', status: 'scheduled', scheduledFor: start, scheduledUntil: end },
    ]);
    const upcoming = StatuspageMaintenancesResponse.parse(
      (await request(world.url).get('/api/v2/scheduled-maintenances/upcoming.json').expect(200)).body,
    );
    expect(upcoming.scheduled_maintenances).toHaveLength(1);

    clock.advance(31 * MINUTE);
    await world.detection.tick();
    await world.refresh();
    await expect.poll(async () => (await read()).body.scheduled_maintenances[0]?.status).toBe('in_progress');
    ({ parsed } = await read());
    expect(parsed.components).toContainEqual({ name: 'Chat Co', level: 'under_maintenance', group: 'Messaging' });
    expect(parsed.maintenances).toEqual([expect.objectContaining({ status: 'in_progress' })]);
    const active = StatuspageMaintenancesResponse.parse(
      (await request(world.url).get('/api/v2/scheduled-maintenances/active.json').expect(200)).body,
    );
    expect(active.scheduled_maintenances.map((m) => m.name)).toEqual(['Chat Co: Database upgrade']);
  });

  it(
    'keeps a resolved incident in incidents.json with its resolution, ' + 'and takes it off the unresolved list',
    async () => {
      await resolveIncident(world, clock, pay.slug);
      const all = StatuspageIncidentsResponse.parse(
        (await request(world.url).get('/api/v2/incidents.json').expect(200)).body,
      );
      expect(all.incidents).toHaveLength(1);
      expect(all.incidents[0]).toMatchObject({ status: 'resolved', resolved_at: expect.any(String) });
      expect(all.incidents[0]!.incident_updates.map((u) => u.status)).toEqual([
        'resolved',
        'identified',
        'investigating',
      ]);
      expect((await request(world.url).get('/api/v2/incidents/unresolved.json').expect(200)).body.incidents).toEqual(
        [],
      );
      expect((await read()).parsed.incidents).toEqual([]);
    },
  );
});
