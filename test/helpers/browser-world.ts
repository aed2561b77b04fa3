import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { startWorld } from './world.ts';

type World = Awaited<ReturnType<typeof startWorld>>;

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
