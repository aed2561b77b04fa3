import type { Clock } from '../clock.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Memory } from '../wiring/memory.ts';
import type { LiveHub } from './live-hub.ts';

/**
 * Other processes' writes and operators' edits reach this process's memory on a short cycle:
 * counts, catalog, maintenance, incidents, probe results, regions, recoveries, official leads.
 * What moved is pushed to its pages, then every verdict is fused again.
 */
export function memoryRefresh(deps: {
  clock: Clock;
  catalog: ServiceCatalog;
  memory: Memory;
  live: LiveHub;
  fuseAll: () => void;
}) {
  const { clock, catalog, live } = deps;
  const { series, regions, maintenance, incidents, probeStore, checks, recoveries, leads } = deps.memory;
  return async (): Promise<void> => {
    const now = clock.now();
    const slugs = catalog.all().map((s) => s.slug);
    series.prune(now);
    regions.prune(now);
    const [counted, , , , docs] = await Promise.all([
      series.refreshRecent(now, slugs),
      catalog.reload(),
      maintenance.reload(now),
      incidents.reload(),
      probeStore.readChecks(slugs),
      regions.refreshRecent(now, slugs),
      recoveries.reload(now),
      leads.reload(now),
    ]);
    // Reports other processes stored: this process's pages show them too.
    for (const slug of counted) live.markDirty(slug, { reread: false, soon: true });
    // Probe results another process stored: the verdict and the pages follow.
    for (const slug of checks.absorb(docs)) live.markDirty(slug, { reread: false });
    deps.fuseAll();
  };
}
