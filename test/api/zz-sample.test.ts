import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import request from 'supertest';
import autocannon from 'autocannon';
import { manualClockAt, signedInOperator, testService } from '../helpers/world.ts';
import { openIncident, worldWithHistory } from '../helpers/crowd-incident.ts';

describe('sample', () => {
  const clock = manualClockAt(14, 0, 5);
  const pay = testService({ slug: 'acme-pay', name: 'Acme Pay', category: 'Payments' });
  const chat = testService({ slug: 'chat-co', name: 'Chat Co', category: 'Messaging' });
  let world: Awaited<ReturnType<typeof worldWithHistory>>;
  beforeAll(async () => {
    world = await worldWithHistory({ clock, services: [pay, chat], env: { PUBLIC_URL: 'https://radar.example.com' } });
  });
  afterAll(() => world?.close());
  it('captures', async () => {
    const inc = await openIncident(world, clock, pay.slug);
    const ops = await signedInOperator(world.url);
    await ops.post(`/api/admin/incidents/${inc.id}/updates`).send({ status: 'identified', body: 'A card processor is failing; we are switching to another.' }).expect(201);
    await ops.post(`/api/admin/services/${chat.slug}/maintenance`).send({ title: 'Database upgrade', start: new Date(clock.now() + 3600_000).toISOString(), end: new Date(clock.now() + 7200_000).toISOString() }).expect(201);
    await new Promise((r) => setTimeout(r, 1100));
    const out: string[] = [];
    for (const p of ['/api/v2/summary.json', '/feeds/incidents.atom', '/feeds/incidents.json', `/badge/${pay.slug}.json`, `/badge/${pay.slug}.svg`, `/embed/${pay.slug}`]) {
      const r = await request(world.url).get(p).buffer(true).parse((res, done) => { let b = ''; res.on('data', (c: Buffer) => (b += c)); res.on('end', () => done(null, b)); });
      out.push(`### ${p} ${r.status}\n${Object.entries(r.headers).filter(([k]) => /content-type|cache-control|etag|content-security|frame/.test(k)).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${r.body}\n`);
    }
    for (const p of ['/api/services', '/api/health', '/api/v2/status.json', '/api/v2/summary.json', '/badge/acme-pay.svg', '/api/services']) {
      const r = await autocannon({ url: world.url + p, connections: 20, duration: 4, headers: { 'accept-encoding': 'br' } });
      out.push(`### bench ${p}: ${r.requests.average} req/s, p99 ${r.latency.p99} ms, non2xx ${r.non2xx}`);
    }
    writeFileSync('/tmp/public-samples.txt', out.join('\n'));
  }, 60_000);
});
