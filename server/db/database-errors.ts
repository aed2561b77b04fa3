/** MongoDB's "E11000 duplicate key": the unique index (often `_id`) said "already there". */
const DUPLICATE_KEY = 11000;

type WriteError = { index: number; code: number };

/** A bulk write's per-document errors (the driver gives one object rather than a list when there is one). */
function writeErrorsOf(err: unknown): WriteError[] | undefined {
  const e = err as { writeErrors?: WriteError[] | WriteError } | null | undefined;
  return e?.writeErrors ? ([] as WriteError[]).concat(e.writeErrors) : undefined;
}

/**
 * Whether a write failed only because a unique key was taken: a single write's 11000, or a bulk
 * write (insertMany, bulkWrite) whose every write error is one. A bulk error's own `code` is just
 * its first write error's, so it is not trusted alone: another failure beside a duplicate must surface.
 */
export function isDuplicateKey(err: unknown): boolean {
  const list = writeErrorsOf(err);
  if (list) return list.length > 0 && list.every((w) => w.code === DUPLICATE_KEY);
  return (err as { code?: unknown } | null | undefined)?.code === DUPLICATE_KEY;
}

/** The positions, in an unordered insertMany, of the documents whose key was taken. */
export function duplicateIndexes(err: unknown): Set<number> {
  return new Set((writeErrorsOf(err) ?? []).filter((w) => w.code === DUPLICATE_KEY).map((w) => w.index));
}

/** The database could not be reached or refused the command: the client hears 503, not 500. */
export function isDatabaseError(err: unknown): boolean {
  const name = (err as { name?: string })?.name ?? '';
  return name.startsWith('Mongo') || name === 'MongooseServerSelectionError';
}
