import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Incident } from '../../shared/index.ts';
import { manualClockAt, testService } from '../helpers/world.ts';
import { worldWithHistory } from '../helpers/crowd-incident.ts';
import { peopleIn, type LocatedPerson } from '../helpers/located-people.ts';

describe('an incident says where its reports come from', () => {
  const clock = manualClockAt(14, 0, 5);
  const svc = testService();
  let world: Awaited<ReturnType<typeof worldWithHistory>>;
  let germans: LocatedPerson[];
  let brazilians: LocatedPerson[];
  beforeAll(async () => {
    [germans, brazilians] = await Promise.all([peopleIn('DE', 34, 'where-de'), peopleIn('BR', 6, 'where-br')]);
    world = await worldWithHistory({ clock, services: [svc], env: { SHED_LAG_MS: '10000' } });
  });
  afterAll(() => world?.close());

  /** One report, retried after a 503 as the page's client does (a loaded machine sheds reports). */
  async function report(p: LocatedPerson): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const res = await request(world.url)
        .post(`/api/services/${svc.slug}/reports`)
        .set(p.headers)
        .send({ problem: 'errors' });
      if (res.status === 201) return;
      if (res.status !== 503 || attempt === 5) throw new Error(`report answered ${res.status}: ${res.text}`);
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }

  it('opens with "mostly from Germany" when 34 of 40 located reports are from there', async () => {
    clock.advance(20_000);
    await Promise.all([...germans, ...brazilians].map(report));
    clock.advance(10_000);
    await world.detection.tick();
    const detail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body;
    const incident = detail.incident as Incident;
    expect(incident).toMatchObject({ service: svc.slug, state: 'open' });
    expect(incident.reasons).toContain('Reports come mostly from Germany (85% of 40 located reports).');
    expect(detail.regions.countries.map((c: { code: string }) => c.code)).toEqual(['DE', 'BR']);
  });
});
