import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startOutageRadar } from './start.ts';
import { EmbeddedDatabaseMissing, startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded-ferretdb.ts';
import { CatalogFileError, mergeCatalog, readCatalogFile } from './catalog/catalog-file.ts';
import { seedServices } from './catalog/seed-services.ts';

// Boot only: config → database → server; graceful shutdown on SIGINT/SIGTERM.
const config = loadConfig();
const log = createLogger(config.logLevel, {
  pretty: config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY),
});

// Every loop catches its own errors; this is the net under a bug that slips past them. A rejected
// promise leaves no half-done state behind, so the site keeps answering rather than going dark.
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection (a bug); carrying on'));

let embedded: EmbeddedDatabase | undefined;
try {
  // Read once, before the database starts, so a typo in the file costs no wait.
  const catalog = mergeCatalog(
    seedServices,
    config.catalogFile ? readCatalogFile(config.catalogFile) : undefined,
    config.catalogFile,
  );
  let uri = config.mongodbUri;
  if (!uri) {
    embedded = await startEmbeddedDatabase({
      dataDir: config.dataDir,
      database: 'outage-radar',
      log,
      sync: config.embeddedDbSync,
    });
    uri = embedded.uri;
  }
  const server = await startOutageRadar({ config, log, mongodbUri: uri, catalog });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await server.close().catch((err) => log.error({ err }, 'error while closing'));
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (err) {
  if (err instanceof EmbeddedDatabaseMissing || err instanceof CatalogFileError) console.error(err.message);
  else log.fatal({ err }, 'could not start');
  await embedded?.stop();
  process.exit(1);
}
