// The server's entry: renders App at a path with the data fetched for it (see server/pages/).
import { render } from 'svelte/server';
import App from './App.svelte';
import { routeOf } from './lib/router.svelte.ts';
import { PAGE_DATA, type PageDataBox } from './lib/page-data.ts';
import type { PageData } from '../../shared/index.ts';

export { routeOf };
export type { Route } from './lib/router.svelte.ts';

/** The body's HTML (hydration markers included) and whatever the components put in <head>. */
export function renderPage(path: string, data: PageData | undefined): { head: string; body: string } {
  const box: PageDataBox = { data };
  const { head, body } = render(App, { props: { path }, context: new Map([[PAGE_DATA, box]]) });
  return { head, body };
}
