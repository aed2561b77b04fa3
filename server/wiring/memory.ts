import type { Clock } from '../clock.ts';
import type { Models } from '../db/models.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import { SeriesBook } from '../series/series-book.ts';
import { RegionBook } from '../regions/region-book.ts';
import { openPlaceLookup } from '../regions/place-lookup.ts';
import { CommentFeed } from '../comments/comment-feed.ts';
import { StatusBoard } from '../status/status-board.ts';
import { MaintenanceBook } from '../maintenance/maintenance-book.ts';
import { IncidentStore } from '../incidents/incident-store.ts';
import { IncidentBook } from '../incidents/incident-book.ts';
import { OfficialLeads } from '../incidents/official-leads.ts';
import { RecoveryTally } from '../recoveries/recovery-tally.ts';
import { ProbeStore } from '../probes/probe-store.ts';
import { ChecksBook } from '../probes/checks-book.ts';

export type Memory = Awaited<ReturnType<typeof loadMemory>>;

/**
 * What every process holds in memory so that a page load or a live update costs no query,
 * loaded from the database before the site answers. Each part is kept current by its own
 * writes and, for other processes' writes, by the periodic refresh (memory-refresh.ts).
 */
export async function loadMemory(models: Models, catalog: ServiceCatalog, clock: Clock) {
  const now = clock.now();
  const slugs = catalog.all().map((s) => s.slug);
  const incidentStore = new IncidentStore(models);
  const memory = {
    series: new SeriesBook(models),
    regions: new RegionBook(models),
    comments: new CommentFeed(models),
    status: new StatusBoard(now),
    maintenance: new MaintenanceBook(models),
    incidentStore,
    incidents: new IncidentBook(incidentStore, () => clock.now()),
    leads: new OfficialLeads(incidentStore),
    recoveries: new RecoveryTally(models),
    probeStore: new ProbeStore(models),
    checks: new ChecksBook(),
  };
  const [locate] = await Promise.all([
    openPlaceLookup(),
    memory.series.load(slugs, now),
    memory.regions.load(slugs, now),
    memory.comments.refresh(slugs),
    memory.maintenance.reload(now),
    memory.incidents.reload(),
    memory.leads.reload(now),
    memory.recoveries.reload(now),
    memory.probeStore.readChecks(slugs).then((docs) => memory.checks.absorb(docs)),
  ]);
  return { ...memory, locate };
}
