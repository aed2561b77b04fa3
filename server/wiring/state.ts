import { systemClock } from '../clock.ts';
import { connectDatabase } from '../db/connect.ts';
import { createModels, ensureIndexes } from '../db/models.ts';
import { ServiceCatalog } from '../catalog/service-catalog.ts';
import { seedServices } from '../catalog/seed-services.ts';
import { mergeCatalog, readCatalogFile } from '../catalog/catalog-file.ts';
import { loadClientHashSalt } from '../reports/client-hash.ts';
import { loadMemory } from './memory.ts';
import type { StartOptions } from './running-server.ts';

export type State = Awaited<ReturnType<typeof openState>>;

/** The database, the catalog seeded into it, the hashing salt, and memory loaded from it. */
export async function openState(opts: StartOptions) {
  const { config, log } = opts;
  const clock = opts.clock ?? systemClock;
  // A bad catalog file stops the start before anything else happens (main.ts has read it already).
  const file = !opts.catalog && config.catalogFile ? readCatalogFile(config.catalogFile) : undefined;
  const merged = opts.catalog ?? mergeCatalog(opts.services ?? seedServices, file, config.catalogFile);
  const conn = await connectDatabase(opts.mongodbUri, log);
  const models = createModels(conn);
  await ensureIndexes(models);
  const catalog = new ServiceCatalog(models, (slug, problem) =>
    log.warn({ service: slug, problem }, 'stored service does not validate; shown without its invalid parts'),
  );
  await catalog.seed(merged.services, merged.fileFields);
  await catalog.reload();
  const salt = await loadClientHashSalt(models, config.clientHashSalt);
  const memory = await loadMemory(models, catalog, clock);
  return { config, log, clock, conn, models, catalog, salt, memory };
}
