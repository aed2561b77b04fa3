import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type net from 'node:net';
import request from 'supertest';
import { CaseStudy, ServiceDetail, type Incident } from '../../shared/index.ts';
import { manualClock, signedInOperator, startWorld, testService } from '../helpers/world.ts';
import { subscribedClient } from '../helpers/live-client.ts';

/** Past any probe's next run: 15 s intervals land within ±10%. */
const STEP = 17_000;

/** A local service whose HTTP status the test sets. */
async function site(): Promise<{ url: string; status: number; close(): Promise<void> }> {
  const state = { status: 200, url: '' };
  const server = http.createServer((_req, res) => res.writeHead(state.status).end(`status ${state.status}`));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;
  return Object.assign(state, { close: () => new Promise<void>((r) => server.close(() => r())) });
}

describe('the likely cause, what to do, and how an incident diagnosis changed', () => {
  const clock = manualClock();
  let target: Awaited<ReturnType<typeof site>>;
  let world: Awaited<ReturnType<typeof startWorld>>;
  let svc: ReturnType<typeof testService>;
  const detail = async () =>
    ServiceDetail.parse((await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body);
  const probeNow = async () => {
    clock.advance(STEP);
    await world.prober.tick();
  };

  beforeAll(async () => {
    target = await site();
    const probe = (id: string, name: string) => ({
      kind: 'http' as const,
      id,
      name,
      url: `${target.url}${id}`,
      intervalSeconds: 15,
      timeoutMs: 2_000,
    });
    svc = testService({
      category: 'AI',
      probes: [probe('home', 'Homepage'), probe('api', 'API'), probe('login', 'Login page')],
    });
    world = await startWorld({ clock, services: [svc], env: { PROBE_ALLOW_PRIVATE: '1' } });
  });
  afterAll(async () => {
    await world?.close();
    await target?.close();
  });

  it('claims nothing and advises nothing while all is well', async () => {
    await probeNow();
    const now = await detail();
    expect(now.status.level).toBe('operational');
    expect(now.diagnosis).toBeNull();
    expect(now.guidance).toEqual([]);
  });

  it('names server errors from the probes, with the evidence, on the page and live', async () => {
    const { socket, updates } = await subscribedClient(world.url, svc.slug);
    try {
      target.status = 503;
      await probeNow();
      await expect.poll(() => updates.at(-1)?.diagnosis?.cause, { timeout: 5_000 }).toBe('server-errors');
      const now = await detail();
      expect(now.diagnosis).toMatchObject({
        cause: 'server-errors',
        summary: expect.stringMatching(/^Their servers are answering with errors: .*HTTP 503/),
      });
      expect(now.diagnosis!.confidence).toBeGreaterThan(0.5);
      expect(now.diagnosis!.evidence).toContainEqual({
        supports: true,
        text: expect.stringMatching(/3 HTTP probes get HTTP 503/),
      });
      expect(now.guidance.length).toBeGreaterThan(0);
      expect(now.guidance[0]!.steps.length).toBeGreaterThan(0);
      // Live updates carry the guidance when it changes, and leave it out while it stays the same.
      expect(updates.findLast((u) => u.guidance !== undefined)?.guidance).toEqual(now.guidance);
      const seen = updates.length;
      await probeNow();
      await expect.poll(() => updates.length, { timeout: 5_000 }).toBeGreaterThan(seen);
      expect(updates.at(-1)!.guidance).toBeUndefined();
    } finally {
      socket.disconnect();
    }
  });

  it("lets operators replace the category's advice for a service, and go back to it", async () => {
    const ops = await signedInOperator(world.url);
    const defaults = (await detail()).guidance;
    const mine = [
      {
        title: 'While the assistant is down',
        steps: ['Use the desktop app: it keeps your drafts.', 'Follow @ourstatus for updates.'],
      },
    ];
    const set = await ops.put(`/api/admin/services/${svc.slug}/guidance`).send({ guidance: mine }).expect(200);
    expect(set.body).toMatchObject({
      override: mine,
      defaults: expect.arrayContaining([expect.objectContaining({ title: expect.any(String) })]),
    });
    await expect.poll(async () => (await detail()).guidance, { timeout: 5_000 }).toEqual(mine);

    const bad = await ops
      .put(`/api/admin/services/${svc.slug}/guidance`)
      .send({ guidance: [{ title: '', steps: [] }] })
      .expect(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(
      expect.arrayContaining(['guidance.0.title', 'guidance.0.steps']),
    );
    await request(world.url).put(`/api/admin/services/${svc.slug}/guidance`).send({ guidance: [] }).expect(401);

    await ops.put(`/api/admin/services/${svc.slug}/guidance`).send({ guidance: [] }).expect(200);
    await expect.poll(async () => (await detail()).guidance, { timeout: 5_000 }).toEqual(defaults);
    const audit = (await ops.get('/api/admin/audit').expect(200)).body;
    expect(JSON.stringify(audit)).toContain('set_guidance');
  });

  it('keeps how the diagnosis changed while the incident was open, for its case study and the history', async () => {
    const ops = await signedInOperator(world.url);
    const incident: Incident = (
      await ops
        .post(`/api/admin/services/${svc.slug}/incidents`)
        .send({ title: 'Errors everywhere', body: 'We are looking into it.' })
        .expect(201)
    ).body;
    await expect
      .poll(async () => (await detail()).incident?.diagnosis?.cause, { timeout: 10_000, interval: 200 })
      .toBe('server-errors');

    target.status = 429;
    await probeNow();
    await expect.poll(async () => (await detail()).diagnosis?.cause, { timeout: 5_000 }).toBe('overload');
    await world.refresh();
    await expect
      .poll(async () => (await detail()).incident?.diagnosis?.cause, { timeout: 10_000, interval: 200 })
      .toBe('overload');

    // Overload then held for ten minutes, server errors for one probe interval: the incident is put down to overload.
    clock.advance(10 * 60_000);
    await ops.post(`/api/admin/incidents/${incident.id}/resolve`).send({ body: 'Capacity was added.' }).expect(200);
    const study = CaseStudy.parse(
      (await request(world.url).get(`/api/incidents/${incident.id}/case-study`).expect(200)).body,
    );
    expect(study.diagnosisHistory.map((d) => d.cause)).toEqual(['server-errors', 'overload']);
    expect(study.timeline.filter((e) => e.kind === 'diagnosis')).toHaveLength(2);
    const history = (await request(world.url).get(`/api/services/${svc.slug}/reliability`).expect(200)).body;
    expect(history.commonCauses).toEqual([{ cause: 'Overload (a surge in demand)', count: 1 }]);
  });
});
