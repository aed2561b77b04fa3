import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PageData } from '../../shared/index.ts';

/** What client/src/entry-server.ts exports, as built into client/dist-server/. */
export interface SsrModule {
  routeOf(path: string): { name: string; slug?: string; id?: string };
  renderPage(path: string, data: PageData | undefined): { head: string; body: string };
}

/**
 * Imports the server build of the pages. Undefined when it is not built (a checkout that ran
 * only the browser build): pages are then rendered in the browser, as before.
 */
export async function loadSsrModule(file: string): Promise<SsrModule | undefined> {
  if (!existsSync(file)) return undefined;
  return (await import(pathToFileURL(file).href)) as SsrModule;
}
