import type { State } from './state.ts';
import { StatusFusion } from '../status/status-fusion.ts';
import { createServiceViews } from '../services/service-views.ts';
import { ServiceSnapshots } from '../services/service-snapshots.ts';
import type { BaselineBand } from '../../shared/index.ts';

/** The verdict's fusion and what a service's page and live update are built from. */
export function servicePages(state: State, band: (slug: string, from: number, to: number) => BaselineBand | null) {
  const { clock, catalog, memory } = state;
  const recoveries = (slug: string, now: number) => memory.recoveries.view(slug, now);
  const fusion = new StatusFusion({ clock, catalog, ...memory, recoveries });
  const views = createServiceViews({
    catalog,
    ...memory,
    band,
    recoveries,
    vantage: () => fusion.vantageView(),
    officialLead: (slug) => memory.leads.view(slug),
  });
  const snapshots = new ServiceSnapshots({ views, clock, has: (slug) => catalog.get(slug) !== undefined });
  return { fusion, views, snapshots };
}
