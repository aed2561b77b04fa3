import mongoose from 'mongoose';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Writes past per-minute counts straight into a database, so a detector starting on it has a
 * normal to compare with: `perMinute(t)` reports at minute t, all of kind `problem`.
 */
export async function seedHistory(
  mongodbUri: string,
  service: string,
  from: number,
  to: number,
  perMinute: (t: number) => number,
  problem = 'login',
): Promise<void> {
  const conn = await mongoose.createConnection(mongodbUri).asPromise();
  try {
    // The shape the writer keeps: per-hour series documents.
    const hours = new Map<
      number,
      { _id: string; service: string; hour: Date; n: Record<string, number>; p: Record<string, Record<string, number>> }
    >();
    for (let t = Math.floor(from / MINUTE) * MINUTE; t < to; t += MINUTE) {
      const n = perMinute(t);
      if (n <= 0) continue;
      const h = Math.floor(t / HOUR) * HOUR;
      const doc = hours.get(h) ?? { _id: `${service}|${h}`, service, hour: new Date(h), n: {}, p: {} };
      const m = String((t - h) / MINUTE);
      doc.n[m] = n;
      doc.p[m] = { [problem]: n };
      hours.set(h, doc);
    }
    if (hours.size) await conn.collection('series_hours').insertMany([...hours.values()] as never[]);
  } finally {
    await conn.close();
  }
}

/** A steady, slightly noisy trickle: 1–3 reports a minute, deterministic. */
export const trickle = (t: number) => 1 + (((t / MINUTE) * 7919) % 3);
