import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { CaseStudy, ReliabilityHistory, type ExpertCreated, type Incident } from '../../shared/index.ts';
import { as, manualClock, person, signedInOperator, startWorld, testService } from '../helpers/world.ts';

const MINUTE = 60_000;

describe('case studies of resolved incidents, and a service reliability history', () => {
  const clock = manualClock();
  const svc = testService();
  let world: Awaited<ReturnType<typeof startWorld>>;
  let ops: Awaited<ReturnType<typeof signedInOperator>>;
  let incident: Incident;

  beforeAll(async () => {
    world = await startWorld({ clock, services: [svc] });
    ops = await signedInOperator(world.url);
  });
  afterAll(() => world?.close());

  it('refuses the case study of an open incident with a clear 409', async () => {
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        request(world.url)
          .post(`/api/services/${svc.slug}/reports`)
          .set(person(i, 'cs'))
          .send({ problem: 'errors' })
          .expect(201),
      ),
    );
    incident = (
      await ops
        .post(`/api/admin/services/${svc.slug}/incidents`)
        .send({ title: 'Checkout errors', body: 'We are looking into errors at checkout.' })
        .expect(201)
    ).body;
    const res = await request(world.url).get(`/api/incidents/${incident.id}/case-study`).expect(409);
    expect(res.body.error).toMatchObject({ code: 'incident_open' });
    expect(res.body.error.message).toMatch(/^This incident is still open/);
  });

  it('tells the resolved incident from what was recorded: timeline, numbers, stories and insights', async () => {
    clock.advance(10 * MINUTE);
    await request(world.url)
      .post(`/api/services/${svc.slug}/reports`)
      .set(person(50, 'cs'))
      .send({ problem: 'errors' })
      .expect(201);
    await request(world.url)
      .post(`/api/services/${svc.slug}/reports`)
      .set(person(51, 'cs'))
      .send({ problem: 'errors' })
      .expect(201);
    await ops
      .post(`/api/admin/incidents/${incident.id}/updates`)
      .send({ status: 'identified', body: 'A bad deploy of the payment service.' })
      .expect(201);
    await request(world.url)
      .post(`/api/services/${svc.slug}/stories`)
      .set(as('shop-owner'))
      .send({
        kind: 'business_impact',
        title: 'No sales for half an hour',
        body: 'Our shop could not take a single payment while checkout kept failing with errors.',
        incidentId: incident.id,
        impact: { hoursLost: 1, peopleAffected: 8 },
        elapsedMs: 60_000,
      })
      .expect(201);
    const made = (
      await ops.post('/api/admin/experts').send({ name: 'Dana Ruiz', role: 'technical-expert' }).expect(201)
    ).body as ExpertCreated;
    const expert = request.agent(world.url);
    await expert.post('/api/experts/session').set(as('expert-dana')).send({ code: made.signIn.code }).expect(201);
    await expert
      .post(`/api/services/${svc.slug}/insights`)
      .send({
        body: 'The errors came from the payment provider timing out, not from the shop itself.',
        incidentId: incident.id,
      })
      .expect(201);
    clock.advance(15 * MINUTE);
    await request(world.url).post(`/api/services/${svc.slug}/recoveries`).set(as('shop-owner')).send({}).expect(201);
    clock.advance(5 * MINUTE);
    await ops
      .post(`/api/admin/incidents/${incident.id}/resolve`)
      .send({ body: 'The deploy was rolled back.' })
      .expect(200);

    const res = await request(world.url).get(`/api/incidents/${incident.id}/case-study`).expect(200);
    const cs = CaseStudy.parse(res.body);
    expect(cs).toMatchObject({
      incidentId: incident.id,
      service: svc.slug,
      serviceName: svc.name,
      kind: 'unplanned',
      title: 'Checkout errors',
      diagnosisHistory: [],
    });
    expect(cs.timeline.map((e) => e.kind)).toEqual([
      'first-reports',
      'detected',
      'peak',
      'operator-update',
      'operator-update',
      'recovery-confirmed',
      'resolved',
    ]);
    expect(cs.timeline.at(-1)).toMatchObject({ at: cs.resolvedAt, text: 'By ops — The deploy was rolled back.' });
    expect(cs.numbers).toEqual({
      durationMinutes: 30,
      peakReportsPerMinute: 6,
      totalReports: 8,
      peopleAffected: 8,
      stories: 1,
      recoveryConfirmations: 1,
    });
    expect(cs.stories.map((s) => s.title)).toEqual(['No sales for half an hour']);
    expect(cs.insights.map((i) => i.expert.name)).toEqual(['Dana Ruiz']);
  });

  it('keeps a reliability history of the last 12 months', async () => {
    const res = await request(world.url).get(`/api/services/${svc.slug}/reliability`).expect(200);
    const h = ReliabilityHistory.parse(res.body);
    expect(h.months).toHaveLength(12);
    expect(h.months.at(-1)).toEqual({
      month: new Date(clock.now()).toISOString().slice(0, 7),
      incidents: 1,
      minutesDown: 30,
    });
    expect(h).toMatchObject({
      service: svc.slug,
      incidents: 1,
      typicalDurationMinutes: 30,
      commonCauses: [{ cause: 'Unplanned outage', count: 1 }],
    });
  });

  it('answers unknown and malformed ids and slugs in the one error shape', async () => {
    expect(
      (await request(world.url).get('/api/incidents/0123456789abcdef01234567/case-study').expect(404)).body.error.code,
    ).toBe('not_found');
    expect((await request(world.url).get('/api/incidents/not-an-id/case-study').expect(400)).body.error.code).toBe(
      'invalid_request',
    );
    expect(
      (await request(world.url).get('/api/services/no-such-service/reliability').expect(404)).body.error.code,
    ).toBe('not_found');
  });
});
