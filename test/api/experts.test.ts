import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { as, manualClock, signedInOperator, startWorld, testService } from '../helpers/world.ts';
import type { ExpertCreated, Insight } from '../../shared/index.ts';

describe('verified experts and their insights', () => {
  const clock = manualClock();
  const svc = testService();
  const other = testService();
  let world: Awaited<ReturnType<typeof startWorld>>;
  let ops: Awaited<ReturnType<typeof signedInOperator>>;
  beforeAll(async () => {
    world = await startWorld({ clock, services: [svc, other] });
    ops = await signedInOperator(world.url);
  });
  afterAll(() => world?.close());

  /** An operator verifies an expert; the expert redeems the code in a cookie-keeping agent. */
  async function verifiedExpert(body: Record<string, unknown>) {
    const made = (await ops.post('/api/admin/experts').send(body).expect(201)).body as ExpertCreated;
    const agent = request.agent(world.url);
    await agent
      .post('/api/experts/session')
      .set(as(`expert-${made.expert.id}`))
      .send({ code: made.signIn.code })
      .expect(201);
    return { ...made, agent };
  }
  const insightBody =
    'Their CDN in Frankfurt is failing over; see https://status.example.com/incidents/42 for the official word.';

  it(
    'lets an operator verify an expert, who signs in once with the code and posts on a service and on its ' +
      'incident',
    async () => {
      const made = (
        await ops
          .post('/api/admin/experts')
          .send({ name: 'Dana Ruiz', role: 'technical-expert', affiliation: 'Edge Networks' })
          .expect(201)
      ).body as ExpertCreated;
      expect(made.expert).toMatchObject({
        name: 'Dana Ruiz',
        role: 'technical-expert',
        affiliation: 'Edge Networks',
        status: 'active',
        createdBy: 'ops',
        services: [],
      });
      expect(made.signIn.code).toMatch(/^[\w-]{43}$/);
      expect(made.signIn.url).toBe(`${world.url}/experts/sign-in#code=${made.signIn.code}`);
      expect(await world.models.ExpertCredential.countDocuments({ _id: made.signIn.code })).toBe(0);

      const expert = request.agent(world.url);
      const signedIn = await expert.post('/api/experts/session').send({ code: made.signIn.code }).expect(201);
      expect(signedIn.headers['set-cookie']![0]).toMatch(/^or_expert=.*HttpOnly.*SameSite=Strict/);
      expect(signedIn.body).toMatchObject({
        signedIn: true,
        expert: { id: made.expert.id, name: 'Dana Ruiz', role: 'technical-expert' },
      });
      // The code worked once.
      const again = await request(world.url).post('/api/experts/session').send({ code: made.signIn.code }).expect(401);
      expect(again.body.error.code).toBe('bad_code');

      const incident = (
        await ops
          .post(`/api/admin/services/${svc.slug}/incidents`)
          .send({ title: 'Checkout errors', body: 'We are looking into it.' })
          .expect(201)
      ).body as { id: string };
      clock.advance(60_000);
      const onService = (
        await expert.post(`/api/services/${svc.slug}/insights`).send({ body: insightBody }).expect(201)
      ).body as Insight;
      expect(onService).toMatchObject({
        service: svc.slug,
        expert: {
          name: 'Dana Ruiz',
          role: 'technical-expert',
          roleLabel: 'Technical expert',
          affiliation: 'Edge Networks',
          stillVerified: true,
        },
        body: insightBody,
        links: ['https://status.example.com/incidents/42'],
        helpful: 0,
      });
      clock.advance(60_000);
      const onIncident = (
        await expert
          .post(`/api/services/${svc.slug}/insights`)
          .send({ body: 'Errors only hit the EU region; retrying with a US endpoint works.', incidentId: incident.id })
          .expect(201)
      ).body as Insight;
      expect(onIncident.incidentId).toBe(incident.id);

      const list = (await request(world.url).get(`/api/services/${svc.slug}/insights`).expect(200)).body;
      expect(list.total).toBe(2);
      expect(list.insights.map((i: Insight) => i.id)).toEqual([onIncident.id, onService.id]);
      const forIncident = (await request(world.url).get(`/api/incidents/${incident.id}/insights`).expect(200)).body;
      expect(forIncident.insights.map((i: Insight) => i.id)).toEqual([onIncident.id]);

      const audit = (await ops.get('/api/admin/audit?limit=20').expect(200)).body.entries as {
        action: string;
        actor: string;
        target: { id: string };
      }[];
      expect(audit.filter((e) => e.target.id === made.expert.id).map((e) => e.action)).toEqual([
        'expert_sign_in',
        'verify_expert',
      ]);
      expect(audit.find((e) => e.target.id === onService.id)).toMatchObject({
        action: 'post_insight',
        actor: `expert:${made.expert.id}`,
      });
    },
  );

  it('counts a helpful mark once per person', async () => {
    const { agent } = await verifiedExpert({ name: 'Kim Ota', role: 'cybersecurity-professional' });
    const insight = (
      await agent
        .post(`/api/services/${svc.slug}/insights`)
        .send({ body: 'No sign of a breach: the login errors come from an expired certificate.' })
        .expect(201)
    ).body as Insight;
    expect(
      (await request(world.url).post(`/api/insights/${insight.id}/helpful`).set(as('reader-1')).expect(200)).body,
    ).toEqual({ helpful: 1, counted: true });
    expect(
      (await request(world.url).post(`/api/insights/${insight.id}/helpful`).set(as('reader-1')).expect(200)).body,
    ).toEqual({ helpful: 1, counted: false });
    expect(
      (await request(world.url).post(`/api/insights/${insight.id}/helpful`).set(as('reader-2')).expect(200)).body,
    ).toEqual({ helpful: 2, counted: true });
    const top = (await request(world.url).get(`/api/services/${svc.slug}/insights?sort=helpful&limit=1`).expect(200))
      .body.insights[0];
    expect(top).toMatchObject({ id: insight.id, helpful: 2, expert: { roleLabel: 'Cybersecurity professional' } });
  });

  it('holds an insight after three flags, and lets operators hide and restore it, audited', async () => {
    const { agent } = await verifiedExpert({ name: 'Lee Park', role: 'technical-expert' });
    const insight = (
      await agent
        .post(`/api/services/${svc.slug}/insights`)
        .send({ body: 'Buy cheap followers at our site, totally legit advice here.' })
        .expect(201)
    ).body as Insight;
    for (const who of ['f1', 'f1', 'f2'])
      await request(world.url)
        .post(`/api/insights/${insight.id}/flags`)
        .set(as(who))
        .send({ reason: 'spam' })
        .expect(202);
    const third = await request(world.url).post(`/api/insights/${insight.id}/flags`).set(as('f3')).send({}).expect(202);
    expect(third.body).toEqual({ flagged: true, held: true });
    const shown = async () =>
      (
        (await request(world.url).get(`/api/services/${svc.slug}/insights?limit=50`).expect(200)).body
          .insights as Insight[]
      ).map((i) => i.id);
    expect(await shown()).not.toContain(insight.id);
    await request(world.url).post(`/api/insights/${insight.id}/helpful`).set(as('reader-3')).expect(404);

    const queue = (await ops.get('/api/admin/insights?status=held').expect(200)).body.items;
    expect(queue).toEqual([expect.objectContaining({ id: insight.id, status: 'held', flags: 3 })]);
    expect((await ops.post(`/api/admin/insights/${insight.id}`).send({ action: 'restore' }).expect(200)).body).toEqual({
      id: insight.id,
      status: 'visible',
    });
    expect(await shown()).toContain(insight.id);
    await ops.post(`/api/admin/insights/${insight.id}`).send({ action: 'hide', note: 'spam' }).expect(200);
    expect(await shown()).not.toContain(insight.id);
    await request(world.url).post(`/api/insights/${insight.id}/flags`).set(as('f4')).send({}).expect(404);
    const audit = (await ops.get('/api/admin/audit?limit=10').expect(200)).body.entries.filter(
      (e: { target: { id: string } }) => e.target.id === insight.id,
    );
    expect(audit.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['hide_insight', 'ops'],
      ['restore_insight', 'ops'],
      ['post_insight', expect.stringMatching(/^expert:/)],
    ]);
  });

  it(
    'refuses a revoked expert (403), ' + 'keeps their insights marked as no longer verified, and refuses a new code',
    async () => {
      const { expert, agent } = await verifiedExpert({
        name: 'Sam Vale',
        role: 'service-provider',
        affiliation: 'Acme Cloud',
        services: [svc.slug],
      });
      const insight = (
        await agent
          .post(`/api/services/${svc.slug}/insights`)
          .send({ body: 'We have identified the faulty deploy and are rolling it back now.' })
          .expect(201)
      ).body as Insight;
      const elsewhere = await agent
        .post(`/api/services/${other.slug}/insights`)
        .send({ body: 'This is not a service I am verified for at all.' })
        .expect(403);
      expect(elsewhere.body.error.code).toBe('not_your_service');

      const revoked = (await ops.post(`/api/admin/experts/${expert.id}/revoke`).expect(200)).body;
      expect(revoked).toMatchObject({
        id: expert.id,
        status: 'revoked',
        revokedAt: new Date(clock.now()).toISOString(),
      });
      const refused = await agent
        .post(`/api/services/${svc.slug}/insights`)
        .send({ body: 'Trying to post after being revoked by operators.' })
        .expect(403);
      expect(refused.body.error.code).toBe('expert_revoked');
      expect((await agent.get('/api/experts/session').expect(200)).body).toEqual({ signedIn: false, revoked: true });
      await ops.post(`/api/admin/experts/${expert.id}/revoke`).expect(409);
      await ops.post(`/api/admin/experts/${expert.id}/sign-in-codes`).expect(409);

      const kept = (
        (await request(world.url).get(`/api/services/${svc.slug}/insights?limit=50`).expect(200)).body
          .insights as Insight[]
      ).find((i) => i.id === insight.id);
      expect(kept?.expert).toEqual({
        name: 'Sam Vale',
        role: 'service-provider',
        roleLabel: 'Service provider',
        affiliation: 'Acme Cloud',
        stillVerified: false,
      });
      const listed = (await ops.get('/api/admin/experts').expect(200)).body.experts.find(
        (e: { id: string }) => e.id === expert.id,
      );
      expect(listed.status).toBe('revoked');
    },
  );

  it('puts insights in the service feed as entries, their text escaped', async () => {
    const { agent } = await verifiedExpert({ name: 'Ana <b>Bold</b>', role: 'technical-expert' });
    clock.advance(60_000);
    await agent
      .post(`/api/services/${svc.slug}/insights`)
      .send({ body: 'Payments time out <script>alert(1)</script> see https://example.com/x.' })
      .expect(201);
    const json = JSON.parse((await request(world.url).get(`/feeds/services/${svc.slug}.json`).expect(200)).text);
    expect(json.items[0]).toMatchObject({ title: 'Insight from Ana <b>Bold</b>, Technical expert' });
    expect(json.items[0].content_html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const atom = (
      await request(world.url)
        .get(`/feeds/services/${svc.slug}.atom`)
        .buffer(true)
        .parse((res, cb) => {
          let s = '';
          res.on('data', (c: Buffer) => (s += c));
          res.on('end', () => cb(null, s));
        })
        .expect(200)
    ).body as string;
    expect(atom).toContain(
      '<title type="html"><![CDATA[Insight from Ana &lt;b&gt;Bold&lt;/b&gt;, Technical expert]]></title>',
    );
    expect(atom).not.toMatch(/<script/i);
  });

  it('refuses bad input with field errors, and posting without an expert session', async () => {
    const bad = await ops
      .post('/api/admin/experts')
      .send({ name: 'X', role: 'hacker', services: ['no-such-service'] })
      .expect(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['name', 'role']);
    const unknownService = await ops
      .post('/api/admin/experts')
      .send({ name: 'Real Name', role: 'technical-expert', services: ['no-such-service'] })
      .expect(400);
    expect(unknownService.body.error.fields).toEqual({ services: ['no service has the slug "no-such-service"'] });
    await request(world.url)
      .post('/api/admin/experts')
      .send({ name: 'Real Name', role: 'technical-expert' })
      .expect(401);
    await request(world.url).post('/api/experts/session').send({ code: '<script>' }).expect(400);

    const anon = await request(world.url)
      .post(`/api/services/${svc.slug}/insights`)
      .send({ body: insightBody })
      .expect(401);
    expect(anon.body.error).toEqual({ code: 'unauthenticated', message: 'Sign in as a verified expert to do this.' });
    // An operator session is not an expert session.
    await ops.post(`/api/services/${svc.slug}/insights`).send({ body: insightBody }).expect(401);

    const { agent } = await verifiedExpert({ name: 'Tess Iyer', role: 'technical-expert' });
    const short = await agent
      .post(`/api/services/${svc.slug}/insights`)
      .send({ body: 'too short', incidentId: 'nope' })
      .expect(400);
    expect(Object.keys(short.body.error.fields).sort()).toEqual(['body', 'incidentId']);
    const links = await agent
      .post(`/api/services/${svc.slug}/insights`)
      .send({ body: Array.from({ length: 6 }, (_, i) => `http://a${i}.example`).join(' ') })
      .expect(400);
    expect(links.body.error.fields.body).toEqual(['An insight can contain at most 5 links']);
    const otherIncident = await agent
      .post(`/api/services/${svc.slug}/insights`)
      .send({ body: insightBody, incidentId: '0123456789abcdef01234567' })
      .expect(400);
    expect(otherIncident.body.error.fields).toHaveProperty('incidentId');
    await agent
      .post(`/api/services/${svc.slug}/insights`)
      .set('Origin', 'https://evil.example')
      .send({ body: insightBody })
      .expect(403);
    await agent.post('/api/services/no-such-service/insights').send({ body: insightBody }).expect(404);
    const js = (
      await agent
        .post(`/api/services/${svc.slug}/insights`)
        .send({ body: 'Do not click javascript:alert(1) or data:text/html,x — read https://ok.example/a).' })
        .expect(201)
    ).body as Insight;
    expect(js.links).toEqual(['https://ok.example/a']);
    await request(world.url).get('/api/incidents/0123456789abcdef01234567/insights').expect(404);
    await request(world.url).get(`/api/services/${svc.slug}/insights?limit=0`).expect(400);
    await request(world.url).post('/api/insights/not-an-id/helpful').expect(400);
    await agent.delete('/api/experts/session').expect(204);
    await agent.post(`/api/services/${svc.slug}/insights`).send({ body: insightBody }).expect(401);
  });
});
