import type { Incident } from '../../shared/index.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { ChecksBook } from '../probes/checks-book.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../clock.ts';
import { officialInput } from '../status/fuse-inputs.ts';
import type { IncidentBook } from './incident-book.ts';
import type { IncidentStore } from './incident-store.ts';
import { officialAck, OfficialTroubleWatch } from './official-ack.ts';

/**
 * Records, once per incident, when the official page first acknowledged it. Runs after every
 * fusion (each official read ends in one); only the process that writes incidents writes it,
 * and the store writes it only where it is missing, so a second writer changes nothing.
 */
export function createOfficialAcknowledger(deps: {
  clock: Clock;
  log: Logger;
  catalog: ServiceCatalog;
  checks: ChecksBook;
  incidents: IncidentBook;
  store: IncidentStore;
  isWriter: () => boolean;
  /** The incident with its acknowledgement, as written. */
  onRecorded: (incident: Incident) => void;
}): () => void {
  const watch = new OfficialTroubleWatch();
  const writing = new Set<string>();
  return () => {
    const now = deps.clock.now();
    for (const service of deps.catalog.all()) {
      if (!service.official) continue;
      const since = watch.observe(service.slug, officialInput(deps.checks.latestOfficial(service), now));
      const open = deps.incidents.openFor(service.slug);
      if (since === undefined || !open || open.official || writing.has(open.id) || !deps.isWriter()) continue;
      writing.add(open.id);
      deps.store
        .acknowledge(open.id, officialAck(Date.parse(open.openedAt), since))
        .then((updated) => updated && deps.onRecorded(updated))
        .catch((err) => deps.log.warn({ err, incident: open.id }, 'official acknowledgement not recorded'))
        .finally(() => writing.delete(open.id));
    }
  };
}
