const DUPLICATE_KEY = 11000;

type WriteError = { index: number; code: number };

function writeErrors(err: unknown): WriteError[] | undefined {
  const e = err as { writeErrors?: WriteError[] | WriteError };
  return e?.writeErrors ? ([] as WriteError[]).concat(e.writeErrors) : undefined;
}

/** Whether an unordered insertMany failed only because some `_id`s were taken. */
export function isDuplicateKeyOnly(err: unknown): boolean {
  const errors = writeErrors(err);
  return errors !== undefined && errors.length > 0 && errors.every((w) => w.code === DUPLICATE_KEY);
}

/** The indexes of the documents whose `_id` was taken. */
export function duplicateIndexes(err: unknown): Set<number> {
  return new Set((writeErrors(err) ?? []).map((w) => w.index));
}
