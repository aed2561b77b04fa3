import mongoose from 'mongoose';
import type { Logger } from '../logger.ts';

/**
 * One connection per app instance (not mongoose's global default), so tests can run apps on
 * separate databases. Commands are not buffered while disconnected: a write fails fast and
 * the client gets a 503 instead of waiting on a queue that may never drain.
 */
export async function connectDatabase(uri: string, log: Logger): Promise<mongoose.Connection> {
  const conn = mongoose.createConnection(uri, {
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
    // While the database is gone, an operation fails within this and the client hears 503 in
    // time; the monitor notices it is back within a heartbeat or two.
    serverSelectionTimeoutMS: 1_500,
    heartbeatFrequencyMS: 2_000,
    maxPoolSize: 20,
  });
  conn.on('disconnected', () => log.warn('database disconnected'));
  conn.on('reconnected', () => log.info('database reconnected'));
  await conn.asPromise();
  log.info({ db: conn.name }, 'database connected');
  return conn;
}
