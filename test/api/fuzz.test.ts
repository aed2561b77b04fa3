import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { OPERATOR, startWorld, testService } from '../helpers/world.ts';
import { liveClient, type LiveClient } from '../helpers/live-client.ts';
import { rawRequest, type RawRequest } from '../helpers/raw-request.ts';
import {
  authHeaders,
  bodyFor,
  CLIENT_EVENTS,
  encodeBody,
  nearValidBody,
  present,
  randomHeaders,
  randomPath,
  routeTarget,
  ROUTES,
  Tally,
  wildJson,
  type Auth,
  type FuzzTargets,
} from '../helpers/fuzz-inputs.ts';

/**
 * Bounded property runs: a few thousand requests and socket.io messages in all, well under a
 * minute. fast-check picks a new seed each run and prints it with the smallest failing input.
 * FUZZ_SCALE=10 runs ten times as many, for a longer hunt by hand.
 */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const RUNS = Object.fromEntries(
  Object.entries({ paths: 1_200, bodies: 1_500, nearValid: 600, headers: 1_000, events: 300, packets: 150 }).map(
    ([k, n]) => [k, Math.round(n * SCALE)],
  ),
) as Record<'paths' | 'bodies' | 'nearValid' | 'headers' | 'events' | 'packets', number>;

const distBuilt = existsSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist/index.html'),
);

describe('fuzz: no input gets a 5xx or stops the server', () => {
  const services = [testService(), testService()];
  let world: Awaited<ReturnType<typeof startWorld>>;
  let t: FuzzTargets;
  /** A session for the random paths, which may end theirs (a DELETE /api/admin/session). */
  let spareToken: string;

  const signIn = async (userAgent: string) => {
    const res = await request(world.url)
      .post('/api/admin/session')
      .set('User-Agent', userAgent)
      .send(OPERATOR)
      .expect(201);
    return /or_admin=([^;]+)/.exec(res.headers['set-cookie']![0]!)![1]!;
  };

  beforeAll(async () => {
    // Outside /api the server answers 503 until the client is built (npm test builds it first).
    expect(distBuilt, 'build the client first (npm run build): without it pages answer 503').toBe(true);
    world = await startWorld({ services });
    // Signed in before any fuzzing: sign-ins are limited per address, and the fuzz spends that budget.
    const token = await signIn('fuzz-setup');
    spareToken = await signIn('fuzz-spare');
    const slug = services[0]!.slug;
    const comment = await request(world.url)
      .post(`/api/services/${slug}/comments`)
      .send({ text: 'Down for me too', elapsedMs: 4_000 })
      .expect(201);
    const story = await request(world.url)
      .post(`/api/services/${slug}/stories`)
      .send({
        kind: 'testimonial',
        title: 'Lost a morning',
        body: 'Nothing loaded for three hours and my whole team waited for it.',
        elapsedMs: 60_000,
      })
      .expect(201);
    const now = Date.now();
    const maintenance = await request(world.url)
      .post(`/api/admin/services/${slug}/maintenance`)
      .set('Authorization', `Bearer ${token}`)
      .send({
        title: 'Database upgrade',
        start: new Date(now + 3_600_000).toISOString(),
        end: new Date(now + 7_200_000).toISOString(),
      })
      .expect(201);
    // Only the detector opens incidents, from minutes of reports: one is stored as it would, so its id reaches the
    // routes.
    const incident = await world.models.Incident.create({
      service: slug,
      kind: 'unplanned',
      state: 'resolved',
      startedAt: new Date(now - 7_200_000),
      openedAt: new Date(now - 7_000_000),
      resolvedAt: new Date(now - 3_600_000),
    });
    const expert = await request(world.url)
      .post('/api/admin/experts')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Dana Ruiz', role: 'technical-expert' })
      .expect(201);
    const expertAgent = request.agent(world.url);
    await expertAgent
      .post('/api/experts/session')
      .set('User-Agent', 'fuzz-expert')
      .send({ code: expert.body.signIn.code })
      .expect(201);
    const insight = await expertAgent
      .post(`/api/services/${slug}/insights`)
      .send({ body: 'The EU region fails over; retry against the US endpoint.' })
      .expect(201);
    t = {
      slugs: services.map((s) => s.slug),
      ids: [
        comment.body.id,
        story.body.id,
        maintenance.body.id,
        String(incident._id),
        expert.body.expert.id,
        insight.body.id,
      ],
      host: new URL(world.url).host,
      token,
    };
  });
  afterAll(() => world?.close());

  /** One request; its status (or how it failed) is counted. Node refusing to send it is not a server failure. */
  async function send(
    tally: Tally,
    req: RawRequest,
  ): Promise<{ status: number | 'dropped' | 'unsendable'; body: unknown }> {
    try {
      const res = await rawRequest(world.url, req);
      const code = (res.json as { error?: { code?: string } } | undefined)?.error?.code;
      tally.note(res.status, code);
      return { status: res.status, body: res.json ?? res.text.slice(0, 300) };
    } catch (err) {
      const unsendable =
        typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('ERR_');
      tally.note(unsendable ? 'unsendable' : 'dropped');
      return { status: unsendable ? 'unsendable' : 'dropped', body: String(err) };
    }
  }

  const expectAnswered = (res: { status: number | 'dropped' | 'unsendable'; body: unknown }, what: string) => {
    expect(res.status, `${what} → ${JSON.stringify(res.body)}`).not.toBe('dropped');
    if (typeof res.status === 'number') expect(res.status, `${what} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
  };

  /** The server still answers, from the database, and still takes socket.io subscriptions. */
  async function expectAlive() {
    expect(world.httpServer.listening).toBe(true);
    const health = await request(world.url).get('/api/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', database: 'up' });
    await request(world.url).get(`/api/services/${t.slugs[0]}/comments`).expect(200);
    const socket = liveClient(world.url);
    try {
      expect(await socket.timeout(5_000).emitWithAck('subscribe', { slug: t.slugs[0]! })).toEqual({ ok: true });
    } finally {
      socket.close();
    }
  }

  /** Runs one property, prints its counts whatever happens, then checks the server is alive. */
  async function fuzz<T>(tally: Tally, property: fc.IAsyncProperty<T>, numRuns: number) {
    try {
      await fc.assert(property, { numRuns });
    } finally {
      console.log(tally.line());
    }
    await expectAlive();
  }

  const agents = (n: number) => `fuzz-agent-${n % 40}`;
  const authFor = (operatorRoute: boolean): fc.Arbitrary<Auth> =>
    operatorRoute
      ? fc.oneof(
          { weight: 2, arbitrary: fc.constant<Auth>('cookie') },
          { weight: 2, arbitrary: fc.constant<Auth>('bearer') },
          { weight: 1, arbitrary: fc.constant<Auth>('anonymous') },
        )
      : fc.oneof(
          { weight: 3, arbitrary: fc.constant<Auth>('anonymous') },
          { weight: 1, arbitrary: fc.constant<Auth>('cookie') },
        );

  it('answers random paths, under /api and outside it, below 500', async () => {
    const tally = new Tally('paths');
    // Its own session: a random DELETE /api/admin/session may end it.
    const own = { ...t, token: spareToken };
    await fuzz(
      tally,
      fc.asyncProperty(
        randomPath(own),
        fc.constantFrom<Auth>('anonymous', 'cookie', 'bearer'),
        fc.nat(),
        async ({ method, path: p }, auth, n) => {
          const headers = { ...authHeaders(auth, own, { method: 'GET', path: '' }), 'user-agent': agents(n) };
          const body = method === 'POST' || method === 'PUT' ? '{}' : undefined;
          expectAnswered(
            await send(tally, {
              method,
              path: p,
              headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
              ...(body && { body }),
            }),
            `${method} ${p}`,
          );
        },
      ),
      RUNS.paths,
    );
  });

  it('answers every route below 500 with arbitrary JSON bodies, anonymously and as the operator', async () => {
    const tally = new Tally('bodies');
    await fuzz(
      tally,
      fc.asyncProperty(
        routeTarget(t).chain((target) =>
          fc.tuple(fc.constant(target), bodyFor(target.route), authFor(target.route.operator ?? false), fc.nat()),
        ),
        async ([{ route, path: p }, body, auth, n]) => {
          const headers = {
            ...authHeaders(auth, t, route),
            'content-type': 'application/json',
            'user-agent': agents(n),
          };
          expectAnswered(
            await send(tally, { method: route.method, path: p, headers, body }),
            `${route.method} ${p} ${auth} ${body.slice(0, 200)}`,
          );
        },
      ),
      RUNS.bodies,
    );
  });

  it('answers near-valid bodies below 500 on the routes that validate before any rate limit', async () => {
    const tally = new Tally('near-valid bodies');
    // Each of these parses its body before it counts anything against the client: every input reaches validation.
    const validating = ROUTES.filter((r) => r.body && r.path !== '/api/admin/session');
    await fuzz(
      tally,
      fc.asyncProperty(
        routeTarget(t, validating)
          .filter(({ path: p }) => t.slugs.some((s) => p.includes(s)) || t.ids.some((id) => p.includes(id)))
          .chain((target) =>
            fc.tuple(
              fc.constant(target),
              nearValidBody(target.route),
              fc.constantFrom<Auth>('cookie', 'bearer'),
              fc.nat(),
            ),
          ),
        async ([{ route, path: p }, body, auth, n]) => {
          const headers = {
            ...authHeaders(auth, t, route),
            'content-type': 'application/json',
            'user-agent': agents(n),
          };
          expectAnswered(
            await send(tally, { method: route.method, path: p, headers, body }),
            `${route.method} ${p} ${body.slice(0, 200)}`,
          );
        },
      ),
      RUNS.nearValid,
    );
    // Most inputs got as far as the schemas: their 400s name fields, not the path.
    expect(
      [...tally.statuses].filter(([s]) => String(s).startsWith('400 invalid_request')).reduce((a, [, c]) => a + c, 0),
    ).toBeGreaterThan(RUNS.nearValid / 4);
  });

  it(
    'answers random headers below 500: content type and encoding, ' + 'cookies, origins, credentials, caching',
    async () => {
      const tally = new Tally('headers');
      await fuzz(
        tally,
        fc.asyncProperty(
          // The operator's token rides in some cookies and Authorization headers: never to the sign-out route.
          routeTarget(
            t,
            ROUTES.filter((r) => !r.signsOut),
          ).chain((target) =>
            fc.tuple(
              fc.constant(target),
              randomHeaders(t),
              bodyFor(target.route),
              fc.option(fc.uint8Array({ maxLength: 200 }), { nil: undefined, freq: 3 }),
            ),
          ),
          async ([{ route, path: p }, rawHeaders, text, garbage]) => {
            const headers = present(rawHeaders);
            const body = encodeBody(text, headers['content-encoding'], garbage);
            expectAnswered(
              await send(tally, { method: route.method, path: p, headers, body }),
              `${route.method} ${p} ${JSON.stringify(headers)}`,
            );
          },
        ),
        RUNS.headers,
      );
    },
  );

  /** Any value socket.io can carry: JSON-ish values, binary, and a `{ slug }` that may be right. */
  const payload = () =>
    fc.oneof(
      fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true }),
      fc.uint8Array({ maxLength: 64 }).map((u) => Buffer.from(u)),
      fc.record({ slug: fc.oneof(fc.constantFrom(...t.slugs), fc.string({ maxLength: 60 })) }),
      wildJson.map((j) => JSON.parse(j) as unknown),
    );
  // Names the client refuses to send (socket.io's own events).
  const RESERVED = new Set([
    'connect',
    'connect_error',
    'disconnect',
    'disconnecting',
    'newListener',
    'removeListener',
  ]);

  it(
    'keeps a socket.io client connected and answered through arbitrary events, ' + 'payloads and acknowledgements',
    async () => {
      const tally = new Tally('socket events');
      const socket: LiveClient = liveClient(world.url);
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      const untyped = socket as unknown as { emit(ev: string, ...args: unknown[]): void };
      try {
        await fuzz(
          tally,
          fc.asyncProperty(
            fc.array(
              fc.record({
                event: fc.oneof(
                  { weight: 3, arbitrary: fc.constantFrom<string>(...CLIENT_EVENTS) },
                  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).filter((e) => !RESERVED.has(e)) },
                ),
                args: fc.array(payload(), { maxLength: 3 }),
                ack: fc.boolean(),
              }),
              { minLength: 1, maxLength: 4 },
            ),
            async (emits) => {
              for (const { event, args, ack } of emits) {
                const knownShape =
                  (CLIENT_EVENTS as readonly string[]).includes(event) &&
                  args.length === (event.endsWith(':home') ? 0 : 1);
                if (ack && knownShape) {
                  // Our handlers answer every call of theirs that carries an acknowledgement.
                  const reply = await (
                    socket.timeout(2_000) as unknown as { emitWithAck(ev: string, ...a: unknown[]): Promise<unknown> }
                  ).emitWithAck(event, ...args);
                  expect(reply).toMatchObject({ ok: expect.any(Boolean) });
                  tally.note('acked');
                } else {
                  untyped.emit(event, ...args, ...(ack ? [() => tally.note('acked late')] : []));
                  tally.note('sent');
                }
              }
              expect(socket.connected).toBe(true);
              expect(await socket.timeout(2_000).emitWithAck('subscribe', { slug: t.slugs[1]! })).toEqual({ ok: true });
            },
          ),
          RUNS.events,
        );
      } finally {
        socket.close();
      }
    },
  );

  it('survives raw socket.io packets that do not parse: the sender is dropped, everyone else is served', async () => {
    const tally = new Tally('socket packets');
    const raw = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc
        .tuple(
          fc.constantFrom(
            '0',
            '1',
            '2',
            '3',
            '4',
            '5',
            '6',
            '40',
            '41',
            '42',
            '43',
            '44',
            '45',
            '46',
            '451-',
            '452-',
            '461-',
            '40/nope,',
            '42/nope,',
            '4299999999999999999',
            '5999999999999-',
          ),
          fc.oneof(wildJson, fc.string({ maxLength: 40 })),
        )
        .map(([head, tail]) => head + tail),
      fc.constantFrom(
        // Well-formed: the sender stays connected and answered.
        '2["subscribe",{"slug":"nope"}]',
        '2["unsubscribe:home"]',
        '2["made-up",1,{"a":[2]}]',
        '21["subscribe",{"slug":"x"}]',
        '3["x"]',
        '42["subscribe",{"_placeholder":true,"num":0}]',
        '451-["subscribe",{"_placeholder":true,"num":5}]',
        '451-["subscribe",{"_placeholder":true,"num":"__proto__"}]',
        '43["x"]',
        '4312["x"]',
        '42[]',
        '42{}',
        '42"subscribe"',
        '42[null]',
        '42[1]',
        '42["error","boom"]',
        '42["__proto__"]',
        '42["hasOwnProperty"]',
        '42["constructor",1]',
        '42["subscribe",{"slug":"x"}',
        '41',
        '40{"token":"x"}',
      ),
      fc.uint8Array({ maxLength: 64 }).map((u) => Buffer.from(u)),
    );
    await fuzz(
      tally,
      fc.asyncProperty(fc.array(raw, { minLength: 1, maxLength: 3 }), async (packets) => {
        const socket = connect(world.url, { transports: ['websocket'], forceNew: true, reconnection: false });
        try {
          await new Promise<void>((resolve, reject) => {
            socket.once('connect', resolve);
            socket.once('connect_error', reject);
          });
          // Below socket.io's encoder: engine.io carries the text or bytes to the server's parser as they are.
          const engine = socket.io.engine as unknown as { write(data: string | Buffer): void };
          for (const p of packets) {
            engine.write(p);
            tally.note('sent');
          }
          // The server answers this socket still, cut it off (a packet that does not parse), or left
          // its namespace (a DISCONNECT packet): counted, not judged; the next client must be served.
          const outcome = await Promise.race([
            socket
              .timeout(2_000)
              .emitWithAck('subscribe', { slug: t.slugs[0]! })
              .then(
                () => 'sender answered',
                () => (socket.connected ? 'sender ignored' : 'sender cut off'),
              ),
            new Promise<string>((resolve) => socket.once('disconnect', () => resolve('sender cut off'))),
          ]);
          tally.note(outcome);
        } finally {
          socket.close();
        }
        const other = liveClient(world.url);
        try {
          expect(await other.timeout(2_000).emitWithAck('subscribe', { slug: t.slugs[1]! })).toEqual({ ok: true });
        } finally {
          other.close();
        }
      }),
      RUNS.packets,
    );
  });
});
