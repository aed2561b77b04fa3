import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { as, manualClock, testService, worldForSuite } from '../helpers/world.ts';

describe('"It works again for me"', () => {
  const clock = manualClock();
  const svc = testService();
  const world = worldForSuite({ clock, services: [svc] });

  const recover = (who: Record<string, string>, body: unknown = {}) =>
    request(world.url)
      .post(`/api/services/${svc.slug}/recoveries`)
      .set(who)
      .send(body as object);
  const count = async () => (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body.recoveries;

  it('counts a person once per window, as reports do, and shows the count on the page', async () => {
    expect(await count()).toEqual({ lastMinutes: 15, count: 0 });
    expect((await recover(as('ada')).expect(201)).body).toEqual({ counted: true });
    expect((await recover(as('ada')).expect(200)).body).toEqual({ counted: false });
    expect((await recover(as('grace')).expect(201)).body).toEqual({ counted: true });
    expect(await count()).toEqual({ lastMinutes: 15, count: 2 });
  });

  it('counts a report and a recovery from the same person both', async () => {
    await request(world.url)
      .post(`/api/services/${svc.slug}/reports`)
      .set(as('ada'))
      .send({ problem: 'login' })
      .expect(201);
    await recover(as('ada')).expect(200);
  });

  it('caps one address at a few, however many browsers it claims to be', async () => {
    const address = { 'X-Forwarded-For': '10.200.1.9' };
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await recover({ ...address, 'User-Agent': `browser-${i}` })).status);
    expect(answers).toEqual([201, 201, 201, 200, 200]);
  });

  it('forgets confirmations older than 15 minutes', async () => {
    clock.advance(16 * 60_000);
    await world.refresh();
    expect(await count()).toEqual({ lastMinutes: 15, count: 0 });
  });

  it('answers bad input with a clear 4xx in the one error shape', async () => {
    const extra = await recover(as('lin'), { really: true }).expect(400);
    expect(extra.body.error.code).toBe('invalid_request');
    const missing = await request(world.url)
      .post('/api/services/no-such-service/recoveries')
      .set(as('lin'))
      .send({})
      .expect(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found' });
    await request(world.url)
      .post(`/api/services/${svc.slug}/recoveries`)
      .set(as('lin'))
      .set('Content-Type', 'application/json')
      .send('{"oops"')
      .expect(400);
  });
});
