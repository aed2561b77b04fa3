import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import type { ServiceInput } from '../../shared/index.ts';
import { freshDatabaseUri, startWorld, type World } from './world.ts';
import { seedHistory, trickle } from './history.ts';

const MINUTE = 60_000;

/**
 * The real server and Debian's Chromium for one describe block, started together before its
 * tests and closed after them. Read `world` and `browser` inside tests, once they are up.
 */
export function browserWorld(opts: Parameters<typeof startWorld>[0]): { world: World; browser: Browser } {
  const ctx = {} as { world: World; browser: Browser };
  beforeAll(async () => {
    [ctx.world, ctx.browser] = await Promise.all([startWorld(opts), launchChromium()]);
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.world?.close();
  });
  return ctx;
}

/**
 * Three days of ordinary reports for each service up to the last whole minute, then the server (detection
 * ready, ticking each minute) and Chromium: for browser tests that watch an incident open on the real clock.
 */
export async function worldWithHistoryAndBrowser(opts: {
  services: (ServiceInput & { slug: string })[];
}): Promise<[World, Browser]> {
  const mongodbUri = freshDatabaseUri();
  const now = Date.now();
  for (const s of opts.services)
    await seedHistory(mongodbUri, s.slug, now - 3 * 1440 * MINUTE, Math.floor(now / MINUTE) * MINUTE - MINUTE, trickle);
  const started = await Promise.all([
    startWorld({ mongodbUri, services: opts.services, env: { DETECT_TICK_SECONDS: '60' } }),
    launchChromium(),
  ]);
  await started[0].detectionReady;
  return started;
}
