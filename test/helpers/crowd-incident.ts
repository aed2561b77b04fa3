import request from 'supertest';
import { expect } from 'vitest';
import type { Incident, ServiceInput } from '../../shared/index.ts';
import { freshDatabaseUri, person, startWorld, type ManualClock } from './world.ts';
import { seedHistory, trickle } from './history.ts';

const MINUTE = 60_000;
type World = Awaited<ReturnType<typeof startWorld>>;

/** A world whose services have three days of ordinary reports, detection ready and driven by the test's clock. */
export async function worldWithHistory(opts: {
  clock: ManualClock;
  services: (ServiceInput & { slug: string })[];
  env?: Record<string, string>;
}): Promise<World> {
  const mongodbUri = freshDatabaseUri();
  for (const s of opts.services)
    await seedHistory(
      mongodbUri,
      s.slug,
      opts.clock.now() - 3 * 1440 * MINUTE,
      Math.floor(opts.clock.now() / MINUTE) * MINUTE,
      trickle,
    );
  const world = await startWorld({
    mongodbUri,
    clock: opts.clock,
    services: opts.services,
    env: { DETECT_TICK_SECONDS: '60', ...opts.env },
  });
  await world.detectionReady;
  return world;
}

let people = 0;

/**
 * One report, retried after a 503 as the page's client does: on a loaded machine the server sheds reports rather than
 * queue them.
 */
async function report(world: World, slug: string, problem: string, who: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const res = await request(world.url)
      .post(`/api/services/${slug}/reports`)
      .set(person(who, 'burst'))
      .send({ problem });
    if (res.status === 201) return;
    if (res.status !== 503 || attempt === 5) throw new Error(`report answered ${res.status}: ${res.text}`);
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
}

/**
 * Opens an incident the way it happens: a burst of reports about one problem from many networks, then a detector tick.
 */
export async function openIncident(
  world: World,
  clock: ManualClock,
  slug: string,
  problem = 'errors',
): Promise<Incident> {
  clock.advance(20_000);
  await Promise.all(Array.from({ length: 40 }, () => report(world, slug, problem, people++)));
  clock.advance(10_000);
  await world.detection.tick();
  const detail = (await request(world.url).get(`/api/services/${slug}`).expect(200)).body;
  expect(detail.incident).toMatchObject({ service: slug, state: 'open' });
  return detail.incident as Incident;
}

/** Quiet minutes until the detector resolves the service's incident. */
export async function resolveIncident(world: World, clock: ManualClock, slug: string): Promise<void> {
  for (let m = 0; m < 30; m++) {
    clock.advance(5 * MINUTE);
    await world.detection.tick();
    const detail = (await request(world.url).get(`/api/services/${slug}`).expect(200)).body;
    if (!detail.incident) return;
  }
  throw new Error(`the incident of ${slug} did not resolve`);
}
