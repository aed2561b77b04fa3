import { getContext } from 'svelte';
import type { PageData } from '../../../shared/index.ts';

/** The context key under which App's tree finds the data the server rendered the page from. */
export const PAGE_DATA = Symbol('page-data');

/** Holds the data until hydration is over: a later visit to the same page must fetch afresh. */
export interface PageDataBox {
  data: PageData | undefined;
}

/**
 * The server-rendered data for this route, during the server render and the hydration that
 * follows it; undefined otherwise (the page then fetches as it always did). Call it while the
 * component initialises.
 */
export function pageDataFor<R extends PageData['route']>(
  route: R,
  key: string,
): Extract<PageData, { route: R }> | undefined {
  const data = getContext<PageDataBox | undefined>(PAGE_DATA)?.data;
  if (!data || data.route !== route) return undefined;
  const dataKey = data.route === 'service' ? data.slug : data.id;
  return dataKey === key ? (data as Extract<PageData, { route: R }>) : undefined;
}
