// The database's own pace for the documents a report produces: what `insertMany` alone stores per
// second, with nothing of the app in between. The app's ingestion is compared with it.
import mongoose from 'mongoose';
import { Types } from 'mongoose';

/** The collections a report writes documents into (counters are `$inc`s, not new documents). */
export const REPORT_COLLECTIONS = ['reports', 'report_claims', 'comments'] as const;

/** Claims live in one collection per 10-minute window (`report_claims_<slot>`), newest last. */
async function claimCollections(conn: mongoose.Connection): Promise<string[]> {
  const names = (await conn.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  return names.filter((n) => n.startsWith('report_claims_')).sort((a, b) => Number(a.slice(14)) - Number(b.slice(14)));
}

/** The collection to read `name`'s documents from (claims: the newest window's). */
async function sourceOf(conn: mongoose.Connection, name: string): Promise<string> {
  return name === 'report_claims' ? ((await claimCollections(conn)).at(-1) ?? name) : name;
}

/** Documents in each of REPORT_COLLECTIONS (claims summed over their windows). */
export async function documentCounts(conn: mongoose.Connection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of REPORT_COLLECTIONS) {
    const sources = name === 'report_claims' ? await claimCollections(conn) : [name];
    counts[name] = 0;
    for (const source of sources) counts[name] += await conn.collection(source).countDocuments({});
  }
  return counts;
}

/** Waits until nothing more lands in REPORT_COLLECTIONS for `quietMs` (reports in flight when a load stopped). */
export async function settledCounts(
  conn: mongoose.Connection,
  quietMs = 1_500,
  limitMs = 30_000,
): Promise<Record<string, number>> {
  const deadline = Date.now() + limitMs;
  let last = await documentCounts(conn);
  for (;;) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = await documentCounts(conn);
    if (JSON.stringify(now) === JSON.stringify(last) || Date.now() > deadline) return now;
    last = now;
  }
}

export interface InsertRate {
  docsPerSecond: number;
  docs: number;
  seconds: number;
  /** Documents per report in the mix inserted, by collection. */
  mix: Record<string, number>;
  batchReports: number;
  inFlight: number;
}

/**
 * Copies of the app's own latest documents (fresh `_id`s, same size and fields) inserted into
 * a fresh database with the same indexes, `batchReports` reports' worth per batch, `inFlight`
 * batches at once, for `seconds`. Per batch: one `insertMany` per collection, in the app's
 * order (claims, then reports), so the mix of documents per report is the one the app wrote.
 */
export async function insertManyRate(opts: {
  appUri: string;
  rawUri: string;
  /** Documents per report, by collection, as the app wrote them in the runs before. */
  mix: Record<string, number>;
  seconds: number;
  batchReports?: number;
  inFlight?: number;
}): Promise<InsertRate> {
  const batchReports = opts.batchReports ?? 256;
  const inFlight = opts.inFlight ?? 4;
  const app = await mongoose.createConnection(opts.appUri).asPromise();
  const raw = await mongoose.createConnection(opts.rawUri).asPromise();
  try {
    const order = ['report_claims', 'comments', 'reports'].filter((c) => (opts.mix[c] ?? 0) > 0);
    const templates: Record<string, Record<string, unknown>[]> = {};
    for (const name of order) {
      const source = await sourceOf(app, name);
      templates[name] = await app.collection(source).find({}).limit(500).toArray();
      if (templates[name]!.length === 0) throw new Error(`no ${name} documents to copy`);
      await raw.createCollection(name).catch(() => undefined);
      for (const ix of await app.collection(source).indexes()) {
        if (ix.name === '_id_') continue;
        const {
          key,
          name: ixName,
          v: _v,
          ns: _ns,
          ...options
        } = ix as Record<string, unknown> & { key: Record<string, 1 | -1> };
        await raw.collection(name).createIndex(key, { ...options, name: ixName as string });
      }
    }

    let serial = 0;
    const copy = (doc: Record<string, unknown>) => {
      const id = doc._id;
      const n = serial++;
      // Same kind and length of `_id` as the original, unique by its prefix.
      const _id =
        id instanceof Types.ObjectId
          ? new Types.ObjectId()
          : `r${n}:${String(id)}`.slice(0, Math.max(String(id).length, `r${n}:`.length + 1));
      return { ...doc, _id };
    };
    const batchOf = (name: string) => {
      const list = templates[name]!;
      const count = Math.round(batchReports * opts.mix[name]!);
      return Array.from({ length: count }, (_, i) => copy(list[(serial + i) % list.length]!));
    };

    let docs = 0;
    const started = performance.now();
    const deadline = started + opts.seconds * 1000;
    const worker = async () => {
      while (performance.now() < deadline) {
        for (const name of order) {
          const batch = batchOf(name);
          await raw.collection(name).insertMany(batch as never[], { ordered: name === 'reports' });
          docs += batch.length;
        }
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const seconds = (performance.now() - started) / 1000;
    return { docsPerSecond: docs / seconds, docs, seconds, mix: opts.mix, batchReports, inFlight };
  } finally {
    await app.close();
    await raw.close();
  }
}

/**
 * Reports counted in the per-minute counters: the per-hour documents' `n.<minute>` fields
 * (series_hours), or the older per-minute `buckets` documents' `total` when those exist.
 */
export async function countedTotal(conn: mongoose.Connection): Promise<number> {
  let total = 0;
  for (const doc of await conn
    .collection('series_hours')
    .find({}, { projection: { n: 1 } })
    .toArray()) {
    for (const v of Object.values((doc.n ?? {}) as Record<string, number>)) total += v;
  }
  for (const doc of await conn
    .collection('buckets')
    .find({}, { projection: { total: 1 } })
    .toArray())
    total += (doc.total as number) ?? 0;
  return total;
}
