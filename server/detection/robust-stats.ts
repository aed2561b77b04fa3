/**
 * Order statistics for the baseline. Medians and quantiles rather than means, because a
 * single outage hour can hold more reports than the rest of the week.
 */

/** Reused for small inputs: the baseline takes thousands of medians of a day or a month of hours. */
let scratch = new Float64Array(64);

/** The q-quantile (0..1, linear interpolation) of the finite values; NaN when there are none. */
export function quantile(values: ArrayLike<number>, q: number): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) n++;
  if (n === 0) return NaN;
  if (n > scratch.length) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) scratch[n++] = v;
  }
  const sorted = scratch;
  if (n <= 32) {
    // Insertion sort: for a few dozen numbers it beats sort() and allocates nothing.
    for (let i = 1; i < n; i++) {
      const v = sorted[i]!;
      let j = i - 1;
      for (; j >= 0 && sorted[j]! > v; j--) sorted[j + 1] = sorted[j]!;
      sorted[j + 1] = v;
    }
  } else {
    sorted.subarray(0, n).sort();
  }
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const median = (values: ArrayLike<number>): number => quantile(values, 0.5);

/**
 * Tukey's median polish of a table (rows × cols, NaN = missing):
 * value ≈ overall + row[r] + col[c]. It is the two-way analogue of a median, so a few
 * outage hours cannot bend the daily profile. Rows or columns with no data get NaN.
 */
export function medianPolish(
  table: number[][],
  cols: number,
  iterations = 4,
): { overall: number; row: number[]; col: number[] } {
  const rows = table.length;
  const resid = table.map((r) => r.slice());
  // Rows or columns without data start (and stay) NaN, so they never pull a median.
  const row = resid.map((r) => (r.some((v) => !Number.isNaN(v)) ? 0 : NaN));
  const col = Array.from({ length: cols }, (_, c) => (resid.some((r) => !Number.isNaN(r[c]!)) ? 0 : NaN));
  let overall = 0;
  const scratch: number[] = [];
  for (let it = 0; it < iterations; it++) {
    for (let r = 0; r < rows; r++) {
      const m = median(resid[r]!);
      if (Number.isNaN(m)) continue;
      for (let c = 0; c < cols; c++) resid[r]![c]! -= m;
      row[r]! += m;
    }
    const shiftRows = median(row) || 0;
    for (let r = 0; r < rows; r++) row[r]! -= shiftRows;
    overall += shiftRows;
    for (let c = 0; c < cols; c++) {
      scratch.length = 0;
      for (let r = 0; r < rows; r++) scratch.push(resid[r]![c]!);
      const m = median(scratch);
      if (Number.isNaN(m)) continue;
      for (let r = 0; r < rows; r++) resid[r]![c]! -= m;
      col[c]! += m;
    }
    const shiftCols = median(col) || 0;
    for (let c = 0; c < cols; c++) col[c]! -= shiftCols;
    overall += shiftCols;
  }
  return { overall, row, col };
}
