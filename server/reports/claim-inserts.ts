import type { Models } from '../db/models.ts';

const DUPLICATE_KEY = 11000;

export interface ClaimDoc {
  _id: string;
  slot: number;
  at: Date;
}

/**
 * Inserts claims in one round trip; returns the indexes of those that already existed. A claim
 * is its unique `_id`: whoever inserts it first holds it, in any process.
 */
export async function insertClaims(models: Models, docs: ClaimDoc[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await models.Claim.collection.insertMany(docs as never[], { ordered: false });
    return new Set();
  } catch (err) {
    const e = err as { writeErrors?: { index: number; code: number }[] | { index: number; code: number } };
    const errors = e.writeErrors ? ([] as { index: number; code: number }[]).concat(e.writeErrors) : undefined;
    if (!errors || errors.some((w) => w.code !== DUPLICATE_KEY)) throw err;
    return new Set(errors.map((w) => w.index));
  }
}
