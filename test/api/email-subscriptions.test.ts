import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import net from 'node:net';
import { as, manualClock, startWorld, testService, worldForSuite } from '../helpers/world.ts';
import { smtpSink, tokenIn } from '../helpers/smtp-sink.ts';

const HOUR = 3_600_000;

describe('email subscriptions: links and limits', () => {
  const clock = manualClock();
  const svc = testService();
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let world: Awaited<ReturnType<typeof startWorld>>;
  beforeAll(async () => {
    sink = await smtpSink();
    world = await startWorld({ clock, services: [svc], env: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await world?.close();
    await sink?.close();
  });
  const subscribe = (email: unknown, from = String(email), slug = svc.slug) =>
    request(world.url).post(`/api/services/${slug}/subscriptions`).set(as(from)).send({ email });
  const confirmToken = async (email: string) => {
    await expect.poll(() => sink.to(email).length, { timeout: 5_000 }).toBeGreaterThan(0);
    return tokenIn(sink.to(email).at(-1)!.text, `${world.url}/subscriptions/confirm`);
  };

  it('tells the page email is offered here', async () => {
    await request(world.url).get('/api/site').expect(200, { email: true });
  });

  it('refuses an unknown service and an address that is not one, in the error shape', async () => {
    const missing = await subscribe('a@example.com', 'a', 'no-such-service').expect(404);
    expect(missing.body.error).toMatchObject({
      code: 'not_found',
      message: 'The service "no-such-service" was not found.',
    });
    const bad = await subscribe('not an address').expect(400);
    expect(bad.body.error).toMatchObject({
      code: 'invalid_request',
      fields: { email: ['enter an email address like name@example.com'] },
    });
    await subscribe(42).expect(400);
    await request(world.url)
      .post(`/api/services/${svc.slug}/subscriptions`)
      .set(as('x'))
      .send({ email: 'x@example.com', extra: 1 })
      .expect(400);
  });

  it('sends at most 3 mails a day to one address, whoever asks', async () => {
    for (let i = 0; i < 3; i++) await subscribe('victim@example.com', `asker-${i}`).expect(202);
    const refused = await subscribe('VICTIM@example.com', 'asker-9').expect(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(refused.body.error.message).toMatch(/^Several emails were sent to this address today already/);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    await expect.poll(() => sink.to('victim@example.com').length, { timeout: 5_000 }).toBe(3);
  });

  it('takes at most 10 subscriptions an hour from one address', async () => {
    for (let i = 0; i < 10; i++) await subscribe(`many-${i}@example.com`, 'busy').expect(202);
    const refused = await subscribe('many-10@example.com', 'busy').expect(429);
    expect(refused.body.error.message).toMatch(/several email subscriptions in the last hour/);
  });

  it('refuses a confirmation link older than 48 hours with a clear message, as JSON and as a page', async () => {
    await subscribe('late@example.com').expect(202);
    const token = await confirmToken('late@example.com');
    clock.advance(49 * HOUR);
    const json = await request(world.url).post('/api/subscriptions/confirm').send({ token }).expect(410);
    expect(json.body.error).toEqual({
      code: 'link_expired',
      message:
        'This confirmation link has expired: links work for 48 hours. Subscribe again from the service ' +
        'page to get a new one.',
    });
    const page = await request(world.url)
      .post('/api/subscriptions/confirm')
      .set('Accept', 'text/html')
      .type('form')
      .send({ token })
      .expect(410);
    expect(page.text).toContain('links work for 48 hours');
    // Subscribing again sends a fresh link that works.
    await subscribe('late@example.com').expect(202);
    await expect.poll(() => sink.to('late@example.com').length, { timeout: 5_000 }).toBe(2);
    const fresh = tokenIn(sink.to('late@example.com')[1]!.text, `${world.url}/subscriptions/confirm`);
    await request(world.url).post('/api/subscriptions/confirm').send({ token: fresh }).expect(200);
  });

  it('refuses links that are not ours', async () => {
    const unknown = await request(world.url)
      .post('/api/subscriptions/confirm')
      .send({ token: 'A'.repeat(43) })
      .expect(404);
    expect(unknown.body.error.code).toBe('invalid_link');
    const malformed = await request(world.url)
      .post('/api/subscriptions/confirm')
      .send({ token: '<script>' })
      .expect(400);
    expect(malformed.body.error.fields.token).toEqual(['this is not a link from one of our emails']);
    const forged = await request(world.url)
      .post(`/api/subscriptions/unsubscribe?token=${'a'.repeat(24)}.${'b'.repeat(43)}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(400);
    expect(forged.body.error.code).toBe('invalid_link');
    await request(world.url).get('/subscriptions/confirm?token=%3Cb%3E').expect(400).expect('content-type', /html/);
    const stale = await request(world.url)
      .get(`/subscriptions/confirm?token=${'A'.repeat(43)}`)
      .expect(404);
    expect(stale.text).toContain('not valid any more');
    expect(stale.text).not.toContain('<form');
  });
});

describe('email subscriptions while the SMTP relay is down', () => {
  const clock = manualClock();
  const svc = testService();
  let port: number;
  let sink: Awaited<ReturnType<typeof smtpSink>> | undefined;
  let world: Awaited<ReturnType<typeof startWorld>>;
  beforeAll(async () => {
    // A port nobody listens on yet; the relay comes up on it later.
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    world = await startWorld({ clock, services: [svc], env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    await world?.close();
    await sink?.close();
  });

  it('keeps the mail and sends it once the relay is back', async () => {
    await request(world.url)
      .post(`/api/services/${svc.slug}/subscriptions`)
      .set(as('patient'))
      .send({ email: 'patient@example.com' })
      .expect(202, { pending: true });
    await world.email.queue.tick();
    await expect
      .poll(async () => (await world.models.OutgoingMail.findOne({ kind: 'confirm' }).lean())?.attempts)
      .toBe(1);
    const waiting = (await world.models.OutgoingMail.findOne({ kind: 'confirm' }).lean())!;
    expect(waiting).toMatchObject({ state: 'queued', lastError: expect.stringMatching(/ECONNREFUSED/) });
    expect(waiting.nextAttemptAt.getTime()).toBe(clock.now() + 60_000);

    sink = await smtpSink(port);
    await world.email.queue.tick();
    expect(sink.received).toHaveLength(0); // not due yet: backoff
    clock.advance(61_000);
    await world.email.queue.tick();
    await expect.poll(() => sink!.to('patient@example.com').length, { timeout: 5_000 }).toBe(1);
    const sent = (await world.models.OutgoingMail.findOne({ kind: 'confirm' }).lean())!;
    expect(sent.state).toBe('sent');
    expect(sent.text).toBeUndefined();
  });
});

describe('email subscriptions without SMTP_URL', () => {
  const svc = testService();
  const world = worldForSuite({ services: [svc] });

  it('says email is not offered, and refuses to subscribe in the error shape', async () => {
    await request(world.url).get('/api/site').expect(200, { email: false });
    const res = await request(world.url)
      .post(`/api/services/${svc.slug}/subscriptions`)
      .set(as('x'))
      .send({ email: 'x@example.com' })
      .expect(404);
    expect(res.body).toEqual({
      error: { code: 'email_unavailable', message: 'Email alerts are not set up on this site.' },
    });
  });
});
