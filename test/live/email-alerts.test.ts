import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { OutboundEvent } from '../../server/notifications/outbound-events.ts';
import { as, freshDatabaseUri, manualClockAt, person, startWorld, testService } from '../helpers/world.ts';
import { seedHistory, trickle } from '../helpers/history.ts';
import { smtpSink, tokenIn } from '../helpers/smtp-sink.ts';

const MINUTE = 60_000;
const PUBLIC_URL = 'https://radar.example';

describe('email alerts from subscription to unsubscribing', () => {
  const clock = manualClockAt(14, 0, 5);
  const svc = testService({ name: 'ChatGPT Test' });
  const mongodbUri = freshDatabaseUri();
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let world: Awaited<ReturnType<typeof startWorld>>;
  const events: OutboundEvent[] = [];

  beforeAll(async () => {
    await seedHistory(
      mongodbUri,
      svc.slug,
      clock.now() - 3 * 1440 * MINUTE,
      Math.floor(clock.now() / MINUTE) * MINUTE,
      trickle,
    );
    sink = await smtpSink();
    world = await startWorld({
      mongodbUri,
      clock,
      services: [svc],
      env: { DETECT_TICK_SECONDS: '60', SMTP_URL: sink.url, PUBLIC_URL },
    });
    world.events.on((e) => events.push(e));
    await world.detectionReady;
  });
  afterAll(async () => {
    await world?.close();
    await sink?.close();
  });

  let people = 0;
  const burst = (n: number, tag: string) =>
    Promise.all(
      Array.from({ length: n }, () =>
        request(world.url)
          .post(`/api/services/${svc.slug}/reports`)
          .set(person(people++, tag))
          .send({ problem: 'errors' })
          .expect(201),
      ),
    );
  const subscribe = (email: string) =>
    request(world.url)
      .post(`/api/services/${svc.slug}/subscriptions`)
      .set(as(email))
      .send({ email })
      .expect(202, { pending: true });
  /** The link in the address's latest confirmation mail, followed the way the page's button does. */
  async function confirm(email: string) {
    await expect
      .poll(() => sink.to(email).filter((m) => m.subject.startsWith('Confirm')).length, { timeout: 5_000 })
      .toBeGreaterThan(0);
    const token = tokenIn(
      sink
        .to(email)
        .filter((m) => m.subject.startsWith('Confirm'))
        .at(-1)!.text,
      `${PUBLIC_URL}/subscriptions/confirm`,
    );
    await request(world.url).post('/api/subscriptions/confirm').send({ token }).expect(200);
  }
  /** Lets the queue finish what it was given, so "nothing arrived" means nothing was sent. */
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 200));
    await world.email.queue.tick();
  };

  it('mails a confirmation whose link only shows a button when opened, and confirms on the POST', async () => {
    await subscribe('alice@example.com');
    await expect.poll(() => sink.to('alice@example.com').length, { timeout: 5_000 }).toBe(1);
    const mail = sink.to('alice@example.com')[0]!;
    expect(mail.subject).toBe('Confirm: email me when ChatGPT Test has problems');
    expect(mail.text).toContain('The link works for 48 hours');
    const token = tokenIn(mail.text, `${PUBLIC_URL}/subscriptions/confirm`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/subscriptions/confirm?token=${token}"`);

    // What a mail scanner does: fetch the link. It must not confirm.
    const page = await request(world.url)
      .get(`/subscriptions/confirm?token=${token}`)
      .expect(200)
      .expect('content-type', /html/);
    expect(page.text).toContain('<form method="post" action="/api/subscriptions/confirm">');
    expect(page.text).toContain('gets an email when ChatGPT Test has problems');
    expect(page.text).not.toMatch(/<script/i);
    expect((await world.models.Subscription.findOne({ email: 'alice@example.com' }).lean())!.state).toBe('pending');

    // The page's button: a plain form post, answered with a page.
    const done = await request(world.url)
      .post('/api/subscriptions/confirm')
      .set('Accept', 'text/html')
      .type('form')
      .send({ token })
      .expect(200);
    expect(done.text).toContain('We will email you when ChatGPT Test has problems');
    expect((await world.models.Subscription.findOne({ email: 'alice@example.com' }).lean())!.state).toBe('confirmed');
    // A second click is fine.
    await request(world.url)
      .post('/api/subscriptions/confirm')
      .send({ token })
      .expect(200, { confirmed: true, service: svc.slug, serviceName: 'ChatGPT Test' });
    // The confirmation token is not kept once the mail is sent: only its hash is.
    const stored = await world.models.OutgoingMail.find({ kind: 'confirm' }).lean();
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('answers an address already subscribed exactly like a new one, and tells the address by mail', async () => {
    await subscribe('alice@example.com');
    await expect.poll(() => sink.to('alice@example.com').length, { timeout: 5_000 }).toBe(2);
    expect(sink.to('alice@example.com')[1]!.subject).toBe('You already get emails about ChatGPT Test');
  });

  it(
    'mails confirmed subscribers when an incident opens, with one-click unsubscribe headers; a pending one ' +
      'gets nothing',
    async () => {
      await subscribe('bob@example.com'); // never confirms
      await expect.poll(() => sink.to('bob@example.com').length, { timeout: 5_000 }).toBe(1);
      clock.advance(20_000);
      await burst(40, 'wave1');
      clock.advance(10_000);
      await world.detection.tick();
      await expect.poll(() => sink.to('alice@example.com').length, { timeout: 5_000 }).toBe(3);
      const alert = sink.to('alice@example.com')[2]!;
      expect(alert.subject).toMatch(/^ChatGPT Test: users report problems since \d\d:\d\d UTC$/);
      expect(alert.text).toMatch(/reports in the last .*× the usual/);
      expect(alert.text).toContain(`Live status: ${PUBLIC_URL}/status/${svc.slug}`);
      expect(alert.raw['list-unsubscribe']).toMatch(
        new RegExp(`^<${PUBLIC_URL}/api/subscriptions/unsubscribe\\?token=[a-f0-9]{24}\\.[A-Za-z0-9_-]+>$`),
      );
      expect(alert.raw['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      await settle();
      expect(sink.to('bob@example.com')).toHaveLength(1);
    },
  );

  it('stores one mail per subscriber and event however many processes emit it', async () => {
    const opened = events.find((e) => e.type === 'incident.opened')!;
    expect(await world.email.book.notify(opened)).toBe(0);
    await settle();
    expect(sink.to('alice@example.com')).toHaveLength(3);
  });

  it('mails that the incident resolved to those who heard it opened', async () => {
    for (let m = 0; m < 24 && !events.some((e) => e.type === 'incident.resolved'); m++) {
      clock.advance(5 * MINUTE);
      await world.detection.tick();
    }
    await expect.poll(() => sink.to('alice@example.com').length, { timeout: 5_000 }).toBe(4);
    expect(sink.to('alice@example.com')[3]!.subject).toMatch(/^ChatGPT Test: problems resolved at \d\d:\d\d UTC$/);
    await settle();
    expect(sink.to('bob@example.com')).toHaveLength(1);
  });

  it(
    'unsubscribes at once on the one-click POST, idempotently, and the next incident mails only those still ' +
      'subscribed',
    async () => {
      const link = new URL(sink.to('alice@example.com')[3]!.raw['list-unsubscribe']!.slice(1, -1));
      const page = await request(world.url)
        .get(link.pathname + link.search)
        .expect(200);
      expect(page.text).toContain('<button type="submit">Unsubscribe</button>');
      expect(await world.models.Subscription.countDocuments({ email: 'alice@example.com' })).toBe(1);
      // What a mail provider's button sends (RFC 8058).
      for (let i = 0; i < 2; i++) {
        await request(world.url)
          .post(link.pathname + link.search)
          .type('form')
          .send('List-Unsubscribe=One-Click')
          .expect(200, { unsubscribed: true });
      }
      expect(await world.models.Subscription.countDocuments({ email: 'alice@example.com' })).toBe(0);

      await subscribe('carol@example.com');
      await confirm('carol@example.com');
      clock.advance(2 * 60 * MINUTE);
      await burst(40, 'wave2');
      clock.advance(10_000);
      await world.detection.tick();
      await expect.poll(() => sink.to('carol@example.com').length, { timeout: 5_000 }).toBe(2);
      expect(sink.to('carol@example.com')[1]!.subject).toMatch(/users report problems/);
      await settle();
      expect(sink.to('alice@example.com')).toHaveLength(4);
    },
  );
});
