import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { createHash } from 'node:crypto';
import {
  as,
  manualClock,
  OPERATOR,
  startWorld,
  testService,
  signedInOperator,
  worldForSuite,
} from '../helpers/world.ts';

describe('operators and moderation', () => {
  const clock = manualClock();
  const svc = testService();
  const world = worldForSuite({ clock, services: [svc] });

  const signIn = () => signedInOperator(world.url);
  const comment = async (text: string) =>
    (
      await request(world.url)
        .post(`/api/services/${svc.slug}/comments`)
        .set(as(`c-${text}`))
        .send({ text, elapsedMs: 3_000 })
        .expect(201)
    ).body.id as string;

  it('refuses admin routes without credentials, with a wrong password, and with an expired session', async () => {
    const none = await request(world.url).get('/api/admin/moderation').expect(401);
    expect(none.body.error.code).toBe('unauthenticated');
    const wrong = await request(world.url)
      .post('/api/admin/session')
      .send({ ...OPERATOR, password: 'nope' })
      .expect(401);
    expect(wrong.body.error.code).toBe('bad_credentials');
    const unknownUser = await request(world.url)
      .post('/api/admin/session')
      .send({ username: 'mallory', password: 'x' })
      .expect(401);
    expect(unknownUser.body.error.message).toBe(wrong.body.error.message);
    await request(world.url).get('/api/admin/moderation').set('Authorization', 'Bearer made-up-token').expect(401);

    const agent = await signIn();
    await agent.get('/api/admin/moderation').expect(200);
    clock.advance(8 * 3_600_000 + 1);
    const expired = await agent.get('/api/admin/moderation').expect(401);
    expect(expired.body.error).toEqual({
      code: 'session_expired',
      message: 'Your session has expired. Sign in again.',
    });
  });

  it('refuses a session written straight into the database for someone who is not an operator', async () => {
    const token = 'forged-token-with-enough-length-000';
    await world.models.AdminSession.collection.insertOne({
      _id: createHash('sha256').update(token).digest('base64url') as never,
      username: 'mallory',
      expiresAt: new Date(clock.now() + 3_600_000),
      createdAt: new Date(clock.now()),
    });
    await request(world.url).get('/api/admin/moderation').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('ends the sessions of an operator who is no longer configured', async () => {
    const res = await request(world.url).post('/api/admin/session').send(OPERATOR).expect(201);
    const token = /or_admin=([^;]+)/.exec(res.headers['set-cookie']![0]!)![1]!;
    // The same database, served by a process whose configuration no longer names "ops".
    const after = await startWorld({
      mongodbUri: world.mongodbUri,
      clock,
      services: [svc],
      operators: { newops: 'another long passphrase' },
    });
    try {
      await request(after.url).get('/api/admin/moderation').set('Authorization', `Bearer ${token}`).expect(401);
      await request(world.url).get('/api/admin/moderation').set('Authorization', `Bearer ${token}`).expect(200);
    } finally {
      await after.close();
    }
  });

  it('keeps only a hash of the session token, sets an HttpOnly SameSite cookie, and signs out', async () => {
    const res = await request(world.url).post('/api/admin/session').send(OPERATOR).expect(201);
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const token = /or_admin=([^;]+)/.exec(cookie)![1]!;
    expect(await world.models.AdminSession.countDocuments({ _id: token })).toBe(0);
    const me = await request(world.url).get('/api/admin/session').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ signedIn: true, username: 'ops' });
    await request(world.url).delete('/api/admin/session').set('Authorization', `Bearer ${token}`).expect(204);
    expect(
      (await request(world.url).get('/api/admin/session').set('Authorization', `Bearer ${token}`).expect(200)).body,
    ).toEqual({ signedIn: false, expired: false });
    await request(world.url).get('/api/admin/audit').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('refuses a cookie-authenticated change sent from another site', async () => {
    const agent = await signIn();
    const id = await comment('cross-site target');
    await agent
      .post(`/api/admin/moderation/comment/${id}`)
      .set('Origin', 'https://evil.example')
      .send({ action: 'hide' })
      .expect(403);
  });

  it(
    'holds an item after three flags from different clients, ' + 'counts one client once, and lists it in the queue',
    async () => {
      const id = await comment('Visit my site for free stuff');
      const first = await request(world.url)
        .post(`/api/comments/${id}/flags`)
        .set(as('f1'))
        .send({ reason: 'spam' })
        .expect(202);
      expect(first.body).toEqual({ flagged: true, held: false });
      await request(world.url).post(`/api/comments/${id}/flags`).set(as('f1')).send({ reason: 'spam' }).expect(202);
      await request(world.url).post(`/api/comments/${id}/flags`).set(as('f2')).send({ reason: 'spam' }).expect(202);
      const third = await request(world.url)
        .post(`/api/comments/${id}/flags`)
        .set(as('f3'))
        .send({ reason: 'abuse' })
        .expect(202);
      expect(third.body).toEqual({ flagged: true, held: true });

      const page = await request(world.url).get(`/api/services/${svc.slug}/comments`).expect(200);
      expect(page.body.comments.map((c: { id: string }) => c.id)).not.toContain(id);
      const agent = await signIn();
      const queue = await agent.get('/api/admin/moderation?status=held').expect(200);
      expect(queue.body.items).toEqual([
        expect.objectContaining({ type: 'comment', id, status: 'held', flags: 3, flagReasons: { spam: 2, abuse: 1 } }),
      ]);
    },
  );

  it('hides and restores with every action recorded with who and when', async () => {
    const id = await comment('Rude words here');
    const agent = await signIn();
    const hidden = await agent
      .post(`/api/admin/moderation/comment/${id}`)
      .send({ action: 'hide', note: 'abusive' })
      .expect(200);
    expect(hidden.body.status).toBe('hidden');
    await request(world.url).post(`/api/comments/${id}/flags`).send({}).expect(404);
    await agent.post(`/api/admin/moderation/comment/${id}`).send({ action: 'restore' }).expect(200);
    const audit = await agent.get('/api/admin/audit').expect(200);
    const mine = audit.body.entries.filter((e: { target: { id: string } }) => e.target.id === id);
    expect(mine.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['restore_comment', 'ops'],
      ['hide_comment', 'ops'],
    ]);
    expect(mine[1].note).toBe('abusive');
    expect(new Date(mine[0].at).getTime()).toBe(clock.now());
  });

  it('lets operators declare maintenance, shown on the service, and refuses nonsense windows', async () => {
    const agent = await signIn();
    const start = new Date(clock.now() + 3_600_000).toISOString();
    const end = new Date(clock.now() + 2 * 3_600_000).toISOString();
    const made = await agent
      .post(`/api/admin/services/${svc.slug}/maintenance`)
      .send({ title: 'Database upgrade', start, end })
      .expect(201);
    expect(made.body).toMatchObject({ title: 'Database upgrade', start, end, service: svc.slug });
    const shown = await request(world.url).get(`/api/services/${svc.slug}`).expect(200);
    expect(shown.body.maintenance.map((m: { title: string }) => m.title)).toEqual(['Database upgrade']);
    const bad = await agent
      .post(`/api/admin/services/${svc.slug}/maintenance`)
      .send({ title: 'Backwards', start: end, end: start })
      .expect(400);
    expect(bad.body.error.fields.end).toEqual(['end must be after start']);
    await request(world.url)
      .post(`/api/admin/services/${svc.slug}/maintenance`)
      .send({ title: 'No auth', start, end })
      .expect(401);
    await agent.delete(`/api/admin/maintenance/${made.body.id}`).expect(204);
    expect((await request(world.url).get(`/api/services/${svc.slug}/maintenance`).expect(200)).body.windows).toEqual(
      [],
    );
  });

  it('limits sign-in attempts from one address, whatever User-Agent each guess carries', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) {
      const guess = request(world.url)
        .post('/api/admin/session')
        .set({ 'X-Forwarded-For': '198.51.100.40', 'User-Agent': `guesser-${i}` });
      statuses.push((await guess.send({ username: 'ops', password: `guess${i}` })).status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    // Another address is not locked out.
    await request(world.url).post('/api/admin/session').set(as('someone-else')).send(OPERATOR).expect(201);
  });

  it('does not count successful sign-ins as guesses', async () => {
    for (let i = 0; i < 12; i++)
      await request(world.url).post('/api/admin/session').set(as('busy-operator')).send(OPERATOR).expect(201);
  });

  it('counts flags from one address once, however many User-Agents it rotates through', async () => {
    const id = await comment('Target of a rotating flagger');
    for (let i = 0; i < 5; i++) {
      await request(world.url)
        .post(`/api/comments/${id}/flags`)
        .set({ 'X-Forwarded-For': '198.51.100.41', 'User-Agent': `flagger-${i}` })
        .send({ reason: 'spam' })
        .expect(202);
    }
    const item = await world.models.Comment.findById(id).lean();
    expect(item).toMatchObject({ flags: 1, status: 'visible' });
  });

  it('sets security headers, with a content security policy', async () => {
    const res = await request(world.url).get('/api/health').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('operator sessions when clocks disagree', () => {
  // The server's clock years behind the client's: a cookie whose Expires was computed from the
  // server's clock would already be expired for the client, which would drop it.
  const clock = manualClock(Date.now() - 3 * 365 * 24 * 3_600_000);
  const world = worldForSuite({ clock, services: [testService()] });

  it('sets the session cookie with Max-Age, so a browser on another clock keeps it', async () => {
    const res = await request(world.url).post('/api/admin/session').send(OPERATOR).expect(201);
    expect(res.headers['set-cookie']![0]).toMatch(/Max-Age=28800/);
    const agent = await signedInOperator(world.url);
    await agent.get('/api/admin/moderation').expect(200);
  });
});

describe('operator sessions behind a TLS proxy the app is not told about', () => {
  const world = worldForSuite({ services: [testService()], env: { SECURE_COOKIES: '1' } });

  it('marks the session cookie Secure when SECURE_COOKIES is set', async () => {
    const res = await request(world.url).post('/api/admin/session').send(OPERATOR).expect(201);
    expect(res.headers['set-cookie']![0]).toMatch(/; Secure/);
  });
});
