// Writes synthetic past traffic straight into the database, so a demo install has a normal to
// compare with: the detector learns from it (it looks for older data every minute) and the
// graphs show a day's rhythm. Marked `synthetic: true`; only for services with no history.
import mongoose from 'mongoose';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface SimulatedService {
  slug: string;
  problems: { id: string }[];
}

/** The database a running `npm start` uses: MONGODB_URI, or the embedded one's address file. */
export function findDatabaseUri(explicit: string | undefined, dataDir = 'data'): string | undefined {
  if (explicit) return explicit;
  if (process.env.MONGODB_URI) return process.env.MONGODB_URI;
  const file = path.resolve(dataDir, 'ferretdb', 'address');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

function poisson(mean: number, rand: () => number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rand)));
  let k = 0;
  for (let p = Math.exp(-mean), s = p, u = rand(); u > s; k++) {
    p *= mean / (k + 1);
    s += p;
  }
  return k;
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

/** Backfills `days` of per-minute counts before `until` for services without history; returns their slugs. */
export async function backfillHistory(opts: {
  uri: string;
  services: SimulatedService[];
  days: number;
  until: number;
  perMinute: (slug: string, t: number) => number;
  pickProblem: (problems: { id: string }[]) => string;
}): Promise<string[]> {
  const conn = await mongoose.createConnection(opts.uri, { serverSelectionTimeoutMS: 3_000 }).asPromise();
  const filled: string[] = [];
  try {
    const end = Math.floor(opts.until / HOUR) * HOUR; // whole hours: the live stream owns the current one
    const start = end - opts.days * 24 * HOUR;
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const s of opts.services) {
      // A service with any document in the hour before the window's end already has history.
      if (await conn.collection('series_hours').findOne({ _id: `${s.slug}|${end - HOUR}` as never })) continue;
      const hours: object[] = [];
      for (let h = start; h < end; h += HOUR) {
        const n: Record<string, number> = {};
        const p: Record<string, Record<string, number>> = {};
        for (let m = 0; m < 60; m++) {
          const t = h + m * MINUTE;
          const count = poisson(opts.perMinute(s.slug, t), rand);
          if (count === 0) continue;
          const byProblem: Record<string, number> = {};
          for (let i = 0; i < count; i++) {
            const k = opts.pickProblem(s.problems);
            byProblem[k] = (byProblem[k] ?? 0) + 1;
          }
          n[m] = count;
          p[m] = byProblem;
        }
        hours.push({ _id: `${s.slug}|${h}`, service: s.slug, hour: new Date(h), n, p, synthetic: true });
      }
      await conn
        .collection('series_hours')
        .insertMany(hours as never[], { ordered: false })
        .catch(ignoreDuplicates);
      filled.push(s.slug);
    }
  } finally {
    await conn.close();
  }
  return filled;
}

function ignoreDuplicates(err: { code?: number; writeErrors?: { code: number }[] }): void {
  const errors = err.writeErrors ?? [];
  if (err.code !== 11000 && !(errors.length && errors.every((e) => e.code === 11000))) throw err;
}
