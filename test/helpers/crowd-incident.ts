import request from 'supertest';
import { expect } from 'vitest';
import type { Incident, ServiceInput } from '../../shared/index.ts';
import { freshDatabaseUri, person, startWorld, type ManualClock } from './world.ts';
import { seedHistory, trickle } from './history.ts';

const MINUTE = 60_000;
type World = Awaited<ReturnType<typeof startWorld>>;

/** A world whose services have three days of ordinary reports, detection ready and driven by the test's clock. */
export async function worldWithHistory(opts: { clock: ManualClock; services: (ServiceInput & { slug: string })[]; env?: Record<string, string> }): Promise<World> {
  const mongodbUri = freshDatabaseUri();
  for (const s of opts.services) await seedHistory(mongodbUri, s.slug, opts.clock.now() - 3 * 1440 * MINUTE, Math.floor(opts.clock.now() / MINUTE) * MINUTE, trickle);
  const world = await startWorld({ mongodbUri, clock: opts.clock, services: opts.services, env: { DETECT_TICK_SECONDS: '60', ...opts.env } });
  await world.detectionReady;
  return world;
}

let people = 0;

/** Opens an incident the way it happens: a burst of reports about one problem from many networks, then a detector tick. */
export async function openIncident(world: World, clock: ManualClock, slug: string, problem = 'errors'): Promise<Incident> {
  clock.advance(20_000);
  await Promise.all(
    Array.from({ length: 40 }, () => request(world.url).post(`/api/services/${slug}/reports`).set(person(people++, 'burst')).send({ problem }).expect(201)),
  );
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
