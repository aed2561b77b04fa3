import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { IncidentStore } from '../../server/incidents/incident-store.ts';
import { as, manualClock, startWorld, testService, worldForSuite } from '../helpers/world.ts';

const story = (over: Record<string, unknown> = {}) => ({
  kind: 'business_impact',
  title: 'Checkout down for our shop',
  body:
    'Our online shop could not take payments for two hours because the API kept timing out. We lost about ' +
    'forty orders.',
  displayName: 'Mia',
  impact: { hoursLost: 2, peopleAffected: 12, whatStopped: 'Payments' },
  elapsedMs: 60_000,
  ...over,
});

describe('comments', () => {
  const clock = manualClock();
  const svc = testService();
  const world = worldForSuite({ clock, services: [svc] });

  const post = (body: object, ua = 'commenter') =>
    request(world.url).post(`/api/services/${svc.slug}/comments`).set(as(ua)).send(body);

  it('posts a comment and lists it newest first, with paging to older ones', async () => {
    const first = await post({
      text: 'Login fails with error 500 in Germany',
      problem: 'login',
      elapsedMs: 4_000,
    }).expect(201);
    expect(first.body).toMatchObject({
      text: 'Login fails with error 500 in Germany',
      problem: 'login',
      service: svc.slug,
    });
    clock.advance(1_000);
    await post({ text: 'Same here in Lyon', elapsedMs: 4_000 }, 'other').expect(201);
    const page = await request(world.url).get(`/api/services/${svc.slug}/comments?limit=1`).expect(200);
    expect(page.body.comments.map((c: { text: string }) => c.text)).toEqual(['Same here in Lyon']);
    const older = await request(world.url)
      .get(`/api/services/${svc.slug}/comments?limit=1&before=${page.body.next}`)
      .expect(200);
    expect(older.body.comments.map((c: { text: string }) => c.text)).toEqual(['Login fails with error 500 in Germany']);
    expect(older.body.next).toBeUndefined();
    const detail = await request(world.url).get(`/api/services/${svc.slug}`).expect(200);
    expect(detail.body.comments[0].text).toBe('Same here in Lyon');
  });

  it.each([
    ['an empty comment', { text: '   ', elapsedMs: 4_000 }, 'text'],
    ['a comment over 280 characters', { text: 'a'.repeat(281), elapsedMs: 4_000 }, 'text'],
    ['two links', { text: 'see https://a.example and www.b.example', elapsedMs: 4_000 }, 'text'],
    ['a query operator as text', { text: { $gt: '' }, elapsedMs: 4_000 }, 'text'],
    ['an unknown field', { text: 'hi there', elapsedMs: 4_000, status: 'visible' }, '(body)'],
  ])('refuses %s with 400 and the field named', async (_what, body, field) => {
    const res = await post(body, `bad-${field}`).expect(400);
    expect(Object.keys(res.body.error.fields)).toContain(field);
  });

  it('refuses a form whose hidden honeypot field was filled, or that was sent faster than a person types', async () => {
    const bot = await post(
      { text: 'Buy cheap followers', website: 'http://spam.example', elapsedMs: 9_000 },
      'bot',
    ).expect(400);
    expect(bot.body.error.code).toBe('looks_automated');
    const fast = await post({ text: 'Instant comment', elapsedMs: 150 }, 'fast').expect(400);
    expect(fast.body.error).toMatchObject({ code: 'too_fast' });
    const missing = await post({ text: 'No timing at all' }, 'notiming').expect(400);
    expect(missing.body.error.code).toBe('too_fast');
  });

  it('limits one client to 5 comments in 10 minutes, with 429 and Retry-After, counted in the database', async () => {
    for (let i = 0; i < 5; i++) await post({ text: `comment ${i}`, elapsedMs: 3_000 }, 'chatty').expect(201);
    const res = await post({ text: 'one more', elapsedMs: 3_000 }, 'chatty').expect(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(600);
    // Another process sharing the database sees the same count.
    const other = await startWorld({ mongodbUri: world.mongodbUri, clock, services: [svc] });
    try {
      await request(other.url)
        .post(`/api/services/${svc.slug}/comments`)
        .set(as('chatty'))
        .send({ text: 'via B', elapsedMs: 3_000 })
        .expect(429);
    } finally {
      await other.close();
    }
    // A new User-Agent from the same address is the same client.
    const rotated = request(world.url)
      .post(`/api/services/${svc.slug}/comments`)
      .set({ ...as('chatty'), 'User-Agent': 'chatty-2' });
    expect((await rotated.send({ text: 'new disguise', elapsedMs: 3_000 })).status).toBe(429);
    clock.advance(10 * 60_000);
    await post({ text: 'after the window', elapsedMs: 3_000 }, 'chatty').expect(201);
  });

  it('answers 404 for comments on an unknown service', async () => {
    await request(world.url).post('/api/services/nope/comments').send({ text: 'hello', elapsedMs: 3_000 }).expect(404);
  });
});

describe('stories', () => {
  const svc = testService();
  const world = worldForSuite({ services: [svc] });

  const post = (body: object, ua = 'writer') =>
    request(world.url).post(`/api/services/${svc.slug}/stories`).set(as(ua)).send(body);

  it('stores a business-impact story with what it cost and serves it by id', async () => {
    const res = await post(story()).expect(201);
    expect(res.body).toMatchObject({
      kind: 'business_impact',
      title: 'Checkout down for our shop',
      displayName: 'Mia',
      helpful: 0,
      impact: { hoursLost: 2, peopleAffected: 12, whatStopped: 'Payments' },
    });
    expect(res.body).not.toHaveProperty('clientHash');
    const one = await request(world.url).get(`/api/stories/${res.body.id}`).expect(200);
    expect(one.body.title).toBe('Checkout down for our shop');
  });

  it('lists by kind, newest first or most helpful first; each client marks a story helpful once', async () => {
    const a = (
      await post(
        story({ kind: 'recovery', title: 'We switched to the backup provider', impact: undefined }),
        'w1',
      ).expect(201)
    ).body;
    const b = (
      await post(
        story({ kind: 'recovery', title: 'Queued orders and replayed them later', impact: undefined }),
        'w2',
      ).expect(201)
    ).body;
    for (const ua of ['r1', 'r2'])
      await request(world.url).post(`/api/stories/${a.id}/helpful`).set(as(ua)).expect(200);
    const again = await request(world.url).post(`/api/stories/${a.id}/helpful`).set(as('r1')).expect(200);
    expect(again.body).toEqual({ helpful: 2, counted: false });
    const rotated = await request(world.url)
      .post(`/api/stories/${a.id}/helpful`)
      .set({ ...as('r1'), 'User-Agent': 'r1-rotated' })
      .expect(200);
    expect(rotated.body).toEqual({ helpful: 2, counted: false });

    const newest = await request(world.url)
      .get(`/api/services/${svc.slug}/stories?kind=recovery&sort=newest`)
      .expect(200);
    expect(newest.body.stories.map((s: { id: string }) => s.id)).toEqual([b.id, a.id]);
    const helpful = await request(world.url)
      .get(`/api/services/${svc.slug}/stories?kind=recovery&sort=helpful`)
      .expect(200);
    expect(helpful.body.stories.map((s: { id: string }) => s.id)).toEqual([a.id, b.id]);
    expect(helpful.body.total).toBe(2);
  });

  it.each([
    ['a missing title', story({ title: undefined }), 'title'],
    ['a body too short to be a story', story({ body: 'It broke.' }), 'body'],
    ['a link in the title', story({ title: 'Visit https://spam.example now' }), 'title'],
    [
      'four links in the body',
      story({
        body:
          'https://a.example https://b.example https://c.example https://d.example ' +
          'are my favourite sites to visit daily',
      }),
      'body',
    ],
    ['an unknown kind', story({ kind: 'rant' }), 'kind'],
    ['negative hours lost', story({ impact: { hoursLost: -3 } }), 'impact.hoursLost'],
    ['a malformed incident id', story({ incidentId: { $ne: null } }), 'incidentId'],
  ])('refuses %s with 400 and the field named', async (_what, body, field) => {
    const res = await post(body, `bad-${field}`).expect(400);
    expect(Object.keys(res.body.error.fields)).toContain(field);
  });

  it('refuses a story tied to an incident of another service, or to no incident at all', async () => {
    const evidence = { windowMinutes: 10, observed: 40, expected: 4, ratio: 10, pValue: 1e-9 };
    const elsewhere = await new IncidentStore(world.models).open({
      service: 'another-service',
      kind: 'unplanned',
      startedAt: Date.now(),
      openedAt: Date.now(),
      reasons: [],
      trigger: evidence,
      peak: { ...evidence, at: Date.now() },
      topProblems: [],
    });
    for (const incidentId of [elsewhere.id, '0123456789abcdef01234567']) {
      const res = await post(story({ incidentId }), 'misfiled').expect(400);
      expect(res.body.error.fields).toEqual({ incidentId: [`no incident of ${svc.name} has this id`] });
    }
  });

  it('answers 404 for a story id that does not exist and 400 for one that is not an id', async () => {
    await request(world.url).get('/api/stories/0123456789abcdef01234567').expect(404);
    const res = await request(world.url).get('/api/stories/$where').expect(400);
    expect(res.body.error.code).toBe('invalid_request');
  });
});
