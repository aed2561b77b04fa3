import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { WebhookEvent, type WebhookDelivery, type WebhookWithSecret } from '../../shared/index.ts';
import type { OutboundEvent } from '../../server/notifications/outbound-events.ts';
import {
  manualClockAt,
  freshDatabaseUri,
  person,
  signedInOperator,
  startWorld,
  testService,
} from '../helpers/world.ts';
import { seedHistory, trickle } from '../helpers/history.ts';
import { webhookReceiver } from '../helpers/webhook-receiver.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
type World = Awaited<ReturnType<typeof startWorld>>;
type Agent = Awaited<ReturnType<typeof signedInOperator>>;

describe('webhooks', () => {
  const clock = manualClockAt(14, 0, 5);
  // One service per test, so one test's events never reach another's endpoint.
  const [burst, retried, chat, pair, ops, flaky] = Array.from({ length: 6 }, () => testService());
  const services = [burst!, retried!, chat!, pair!, ops!, flaky!];
  const mongodbUri = freshDatabaseUri();
  let world: World;
  let operator: Agent;
  const receivers: Awaited<ReturnType<typeof webhookReceiver>>[] = [];
  const receiver = async () => {
    const rx = await webhookReceiver({ now: clock.now });
    receivers.push(rx);
    return rx;
  };

  beforeAll(async () => {
    // Three days of ordinary traffic, so a burst stands out (see test/live/incidents.test.ts).
    await seedHistory(
      mongodbUri,
      burst!.slug,
      clock.now() - 3 * 1440 * MINUTE,
      Math.floor(clock.now() / MINUTE) * MINUTE,
      trickle,
    );
    world = await startWorld({
      mongodbUri,
      clock,
      services,
      env: { DETECT_TICK_SECONDS: '60', PROBE_ALLOW_PRIVATE: 'true' },
    });
    await world.detectionReady;
    operator = await signedInOperator(world.url);
  });
  afterAll(async () => {
    await world?.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  const create = async (body: object, agent = operator): Promise<WebhookWithSecret> =>
    (await agent.post('/api/admin/webhooks').send(body).expect(201)).body;
  const deliveries = async (id: string, agent = operator): Promise<WebhookDelivery[]> =>
    (await agent.get(`/api/admin/webhooks/${id}/deliveries`).expect(200)).body.deliveries;
  /** A window that started a minute ago: the service's verdict moves to under_maintenance at once. */
  const declareMaintenance = (slug: string) =>
    operator
      .post(`/api/admin/services/${slug}/maintenance`)
      .send({
        title: 'Database upgrade',
        start: new Date(clock.now() - MINUTE).toISOString(),
        end: new Date(clock.now() + 2 * HOUR).toISOString(),
      })
      .expect(201);
  const tick = () => world.webhooks.deliverer.tick();

  it('lets only operators in: 401 without a session, 403 for a cookie sent from another site', async () => {
    const none = await request(world.url).get('/api/admin/webhooks').expect(401);
    expect(none.body.error.code).toBe('unauthenticated');
    await request(world.url)
      .post('/api/admin/webhooks')
      .send({ url: 'https://example.com/hook', events: ['incident.opened'] })
      .expect(401);
    await request(world.url)
      .post(`/api/admin/webhooks/${'a'.repeat(24)}/test`)
      .expect(401);
    const foreign = await operator
      .post('/api/admin/webhooks')
      .set('Origin', 'https://evil.example')
      .send({ url: 'https://example.com/hook', events: ['incident.opened'] })
      .expect(403);
    expect(foreign.body.error.code).toBe('cross_origin');
  });

  it('refuses bad endpoints with field errors', async () => {
    const bad = async (body: object) => (await operator.post('/api/admin/webhooks').send(body).expect(400)).body.error;
    expect((await bad({ url: 'ftp://example.com/x', events: ['incident.opened'] })).fields.url).toBeDefined();
    expect((await bad({ url: 'https://example.com/x', events: [] })).fields.events).toEqual([
      'pick at least one event',
    ]);
    expect(
      (await bad({ url: 'https://example.com/x', events: ['incident.exploded'] })).fields['events.0'],
    ).toBeDefined();
    expect(
      (await bad({ url: 'https://example.com/x', events: ['incident.opened'], style: 'teams' })).fields.style,
    ).toBeDefined();
    expect(
      (await bad({ url: 'https://example.com/x', events: ['incident.opened'], services: ['no-such-service'] })).fields
        .services,
    ).toEqual(['no such service: no-such-service']);
    expect(
      (await bad({ url: 'https://example.com/x', events: ['incident.opened'], secret: 'mine' })).fields,
    ).toBeDefined();
    expect((await operator.get('/api/admin/webhooks/not-an-id/deliveries').expect(400)).body.error.code).toBe(
      'invalid_request',
    );
    expect((await operator.delete(`/api/admin/webhooks/${'a'.repeat(24)}`).expect(404)).body.error.code).toBe(
      'not_found',
    );
  });

  it('delivers incident.opened, signed with the secret shown at creation, when an incident opens', async () => {
    const rx = await receiver();
    const hook = await create({
      url: rx.url,
      events: ['incident.opened'],
      services: [burst!.slug],
      description: 'On-call pager',
    });
    expect(hook).toMatchObject({
      url: rx.url,
      events: ['incident.opened'],
      services: [burst!.slug],
      style: 'json',
      enabled: true,
      createdBy: 'ops',
    });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    rx.useSecret(hook.secret);

    clock.advance(20_000);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(world.url)
          .post(`/api/services/${burst!.slug}/reports`)
          .set(person(i, 'hook'))
          .send({ problem: 'errors' })
          .expect(201),
      ),
    );
    clock.advance(10_000);
    await world.detection.tick();
    await tick();
    await expect.poll(() => rx.got.length, { timeout: 5_000 }).toBe(1);

    const [got] = rx.got;
    expect(got!.verified).toBe(true);
    expect(got!.headers['x-outage-radar-event']).toBe('incident.opened');
    expect(got!.headers['content-type']).toBe('application/json');
    const body = WebhookEvent.parse(got!.body);
    expect(body).toMatchObject({
      type: 'incident.opened',
      service: { slug: burst!.slug, name: burst!.name, url: `${world.url}/status/${burst!.slug}` },
    });
    expect(body.incident!.url).toBe(`${world.url}/incidents/${body.incident!.id}`);
    expect(body.incident!.state).toBe('open');

    const [d] = await deliveries(hook.id);
    expect(d).toMatchObject({
      id: got!.headers['x-outage-radar-delivery'],
      event: 'incident.opened',
      eventId: body.id,
      service: burst!.slug,
      state: 'delivered',
      nextAttemptAt: null,
    });
    expect(d!.attempts).toEqual([
      { at: expect.any(String), ok: true, httpStatus: 200, durationMs: expect.any(Number) },
    ]);
  });

  it('retries a failing endpoint with backoff: 500, 500, then delivered on the third attempt', async () => {
    const rx = await receiver();
    rx.answer(500, 500);
    const hook = await create({ url: rx.url, events: ['verdict.changed'], services: [retried!.slug] });
    rx.useSecret(hook.secret);
    await declareMaintenance(retried!.slug);

    await tick();
    let [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ event: 'verdict.changed', state: 'pending' });
    expect(d!.attempts).toHaveLength(1);
    expect(d!.attempts[0]).toMatchObject({ ok: false, httpStatus: 500, error: 'Answered HTTP 500: receiver says no' });
    const wait1 = Date.parse(d!.nextAttemptAt!) - Date.parse(d!.attempts[0]!.at);
    expect(wait1).toBeGreaterThanOrEqual(27_000);
    expect(wait1).toBeLessThanOrEqual(33_000);

    clock.advance(10_000);
    await tick();
    expect(rx.got).toHaveLength(1); // not due yet

    clock.advance(24_000);
    await tick();
    [d] = await deliveries(hook.id);
    expect(d!.attempts.map((a) => a.httpStatus)).toEqual([500, 500]);
    const wait2 = Date.parse(d!.nextAttemptAt!) - Date.parse(d!.attempts[1]!.at);
    expect(wait2).toBeGreaterThanOrEqual(54_000);
    expect(wait2).toBeLessThanOrEqual(66_000);

    clock.advance(67_000);
    await tick();
    [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ state: 'delivered', nextAttemptAt: null });
    expect(d!.attempts.map((a) => a.httpStatus)).toEqual([500, 500, 200]);
    expect(rx.got).toHaveLength(3);
    expect(rx.got.every((g) => g.verified)).toBe(true);
    expect(new Set(rx.got.map((g) => g.headers['x-outage-radar-delivery']))).toEqual(new Set([d!.id]));
    const body = WebhookEvent.parse(rx.got[2]!.body);
    expect(body.status).toMatchObject({ level: 'under_maintenance', previous: 'operational' });
    expect(body.status!.reasons[0]).toMatch(/^Scheduled maintenance "Database upgrade"/);
  });

  it('speaks Slack and Discord: text + blocks, content + embeds coloured by level', async () => {
    const [slack, discord] = [await receiver(), await receiver()];
    const s = await create({ url: slack.url, events: ['verdict.changed'], services: [chat!.slug], style: 'slack' });
    const d = await create({ url: discord.url, events: ['verdict.changed'], services: [chat!.slug], style: 'discord' });
    slack.useSecret(s.secret);
    discord.useSecret(d.secret);
    await declareMaintenance(chat!.slug);
    await tick();
    await expect.poll(() => slack.got.length + discord.got.length).toBe(2);

    expect(slack.got[0]!.verified).toBe(true);
    const sb = slack.got[0]!.body;
    expect(sb.text).toBe(
      `🔧 ${chat!.name} is now under maintenance (was operational) — Scheduled maintenance "Database ` +
        `upgrade" until ${sb.text.split(' until ')[1]}`,
    );
    expect(sb.blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: expect.stringMatching(
            new RegExp(
              `^\\*🔧 ${chat!.name} is now under maintenance \\(was operational\\)\\*\\nScheduled maintenance`,
            ),
          ),
        },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `<${world.url}/status/${chat!.slug}|Open in Outage radar>` }],
      },
    ]);

    expect(discord.got[0]!.verified).toBe(true);
    const db = discord.got[0]!.body;
    expect(db.content).toBe(`🔧 ${chat!.name} is now under maintenance (was operational)`);
    expect(db.embeds).toHaveLength(1);
    expect(db.embeds[0]).toMatchObject({
      title: `${chat!.name} is now under maintenance (was operational)`,
      description: expect.stringMatching(/^Scheduled maintenance "Database upgrade"/),
      url: `${world.url}/status/${chat!.slug}`,
      color: 0x2563eb,
      footer: { text: 'Outage radar' },
    });
    expect(db.allowed_mentions).toEqual({ parse: [] });
  });

  it('delivers a verdict change seen by two processes on one database once', async () => {
    const other = await startWorld({
      mongodbUri,
      clock,
      services,
      env: { DETECT_TICK_SECONDS: '60', PROBE_ALLOW_PRIVATE: 'true' },
    });
    try {
      const rx = await receiver();
      const hook = await create({ url: rx.url, events: ['verdict.changed'], services: [pair!.slug] });
      rx.useSecret(hook.secret);
      const seen: OutboundEvent[][] = [[], []];
      const offs = [world.events.on((e) => seen[0]!.push(e)), other.events.on((e) => seen[1]!.push(e))];
      await declareMaintenance(pair!.slug);
      // The other process learns of the window on its refresh cycle, and reaches the same verdict.
      await other.refresh();
      offs.forEach((off) => off());
      const keys = seen.map((list) => list.filter((e) => e.service === pair!.slug).map((e) => e.key));
      expect(keys[0]).toHaveLength(1);
      expect(keys[1]).toEqual(keys[0]);

      await Promise.all([tick(), other.webhooks.deliverer.tick()]);
      await Promise.all([tick(), other.webhooks.deliverer.tick()]);
      expect(rx.got).toHaveLength(1);
      expect(rx.got[0]!.verified).toBe(true);
      expect(await deliveries(hook.id)).toHaveLength(1);
      expect([world.webhooks.deliverer.isLeader, other.webhooks.deliverer.isLeader].filter(Boolean)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('lists endpoints without their secrets, tests, rotates, disables and deletes them', async () => {
    const rx = await receiver();
    const hook = await create({ url: rx.url, events: ['incident.resolved'], services: [ops!.slug] });
    const list = (await operator.get('/api/admin/webhooks').expect(200)).body;
    expect(list.webhooks.find((w: { id: string }) => w.id === hook.id)).toEqual({ ...hook, secret: undefined });
    expect(JSON.stringify(list)).not.toContain('whsec_');

    rx.useSecret(hook.secret);
    const ping = (await operator.post(`/api/admin/webhooks/${hook.id}/test`).expect(201)).body as WebhookDelivery;
    expect(ping).toMatchObject({ event: 'ping', state: 'delivered', attempts: [{ ok: true, httpStatus: 200 }] });
    expect(rx.got[0]).toMatchObject({
      verified: true,
      body: { type: 'ping', message: expect.stringContaining('test') },
    });

    const rotated = (await operator.post(`/api/admin/webhooks/${hook.id}/rotate-secret`).expect(200))
      .body as WebhookWithSecret;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(hook.secret);
    await operator.post(`/api/admin/webhooks/${hook.id}/test`).expect(201);
    expect(rx.got[1]!.verified).toBe(false); // still checking with the old secret
    rx.useSecret(rotated.secret);
    await operator.post(`/api/admin/webhooks/${hook.id}/test`).expect(201);
    expect(rx.got[2]!.verified).toBe(true);

    rx.always(503);
    const failed = (await operator.post(`/api/admin/webhooks/${hook.id}/test`).expect(201)).body as WebhookDelivery;
    expect(failed).toMatchObject({
      state: 'failed',
      nextAttemptAt: null,
      failure: 'Gave up after 1 attempt. Last: Answered HTTP 503: receiver says no',
    });

    const off = (
      await operator.patch(`/api/admin/webhooks/${hook.id}`).send({ enabled: false, style: 'slack' }).expect(200)
    ).body;
    expect(off).toMatchObject({ enabled: false, style: 'slack' });
    expect((await operator.patch(`/api/admin/webhooks/${hook.id}`).send({}).expect(400)).body.error.fields).toEqual({
      '(body)': ['send at least one field to change'],
    });
    expect(
      (await operator.patch(`/api/admin/webhooks/${hook.id}`).send({ url: 'https://elsewhere.example' }).expect(400))
        .body.error.code,
    ).toBe('invalid_request');
    const retry = await operator.post(`/api/admin/webhooks/${hook.id}/deliveries/${failed.id}/retry`).expect(409);
    expect(retry.body.error.code).toBe('webhook_disabled');

    expect(await deliveries(hook.id)).toHaveLength(4);
    await operator.delete(`/api/admin/webhooks/${hook.id}`).expect(204);
    await operator.get(`/api/admin/webhooks/${hook.id}/deliveries`).expect(404);
    const audit = (await operator.get('/api/admin/audit').expect(200)).body.entries.filter(
      (e: { target: { id: string } }) => e.target.id === hook.id,
    );
    expect(audit.map((e: { action: string }) => e.action).reverse()).toEqual([
      'add_webhook',
      'test_webhook',
      'rotate_webhook_secret',
      'test_webhook',
      'test_webhook',
      'test_webhook',
      'edit_webhook',
      'remove_webhook',
    ]);
  });

  // Last: it moves the clock a day on, past the other tests' sessions and windows.
  it(
    'keeps retrying for 24 hours, ' + 'then marks the delivery failed with every attempt in the log; a retry sends it',
    async () => {
      const rx = await receiver();
      rx.always(503);
      const hook = await create({ url: rx.url, events: ['verdict.changed'], services: [flaky!.slug] });
      rx.useSecret(hook.secret);
      await declareMaintenance(flaky!.slug);
      await tick();
      const [first] = await world.webhooks.store.deliveries(hook.id);
      const giveUpAt = Date.parse(first!.createdAt) + 24 * HOUR;
      let d = first!;
      for (let i = 0; i < 60 && d.state === 'pending'; i++) {
        clock.set(Date.parse(d.nextAttemptAt!));
        await tick();
        d = (await world.webhooks.store.deliveries(hook.id)).find((x) => x.id === first!.id)!;
      }
      // The session from the start of the test has expired by now: sign in again, as a person would.
      const later = await signedInOperator(world.url);
      const [logged] = (await deliveries(hook.id, later)).filter((x) => x.id === first!.id);
      expect(logged).toMatchObject({ state: 'failed', nextAttemptAt: null });
      const n = logged!.attempts.length;
      // 30 s doubling to an hour takes 7 tries and about an hour; then hourly to the 24th hour.
      expect(n).toBeGreaterThanOrEqual(28);
      expect(n).toBeLessThanOrEqual(32);
      expect(logged!.failure).toBe(
        `Gave up after ${n} attempts over 24 hours. Last: Answered HTTP 503: receiver says no`,
      );
      expect(logged!.attempts.every((a) => a.ok === false && a.httpStatus === 503)).toBe(true);
      expect(Date.parse(logged!.attempts.at(-1)!.at)).toBe(giveUpAt);
      const gaps = logged!.attempts.slice(1).map((a, i) => Date.parse(a.at) - Date.parse(logged!.attempts[i]!.at));
      expect(Math.max(...gaps)).toBeLessThanOrEqual(HOUR * 1.1);
      expect(rx.got.filter((g) => g.headers['x-outage-radar-delivery'] === first!.id)).toHaveLength(n);

      rx.always(200);
      const retried = (await later.post(`/api/admin/webhooks/${hook.id}/deliveries/${first!.id}/retry`).expect(200))
        .body as WebhookDelivery;
      expect(retried).toMatchObject({ state: 'delivered', nextAttemptAt: null });
      expect(retried.attempts).toHaveLength(n + 1);
    },
  );
});

describe('webhooks without PROBE_ALLOW_PRIVATE', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world?.close());

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://10.1.2.3/hook',
    'https://[::1]/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://localhost:9/hook',
  ])('refuses %s at creation with a field error', async (url) => {
    const operator = await signedInOperator(world.url);
    const res = await operator
      .post('/api/admin/webhooks')
      .send({ url, events: ['incident.opened'] })
      .expect(400);
    expect(res.body.error.code).toBe('private_target');
    expect(res.body.error.message).toMatch(/PROBE_ALLOW_PRIVATE=1/);
    expect(res.body.error.fields.url[0]).toMatch(
      /^Refused to send to .*: it is (a loopback|a private|a cloud metadata)/,
    );
  });
});
