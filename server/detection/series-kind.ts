/**
 * Counts or levels? The count test (negative-binomial tail, ratio and minimum-count gates)
 * only means something for event counts: a CPU percentage of 40 is not "40 events", a
 * price of 0.1 can never reach a minimum count of 10, and a latency can fail by dropping as
 * well as by rising. A series whose every value is a non-negative integer is read as
 * counts; anything else (fractions, negative values) as a level, judged on its own scale.
 */

export type SeriesKind = 'counts' | 'levels';

/**
 * Counts of independent events are at least as variable as a Poisson: half the variance of
 * successive differences (which leaves slow seasonality out) is at least their mean. An
 * integer reading such as a speed in mph (60 ± 3) is far less variable than that. Below this
 * share of the Poisson variance the integers are measurements, not counts: 1 would be the
 * Poisson itself, and a few thousand values estimate it to within a few percent.
 */
const MIN_POISSON_SHARE = 0.8;

export function seriesKind(values: readonly number[]): SeriesKind {
  let sum = 0;
  let diffSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && Number.isInteger(v))) return 'levels';
    sum += v;
    if (i > 0) diffSquares += (v - values[i - 1]!) ** 2;
  }
  if (values.length < 2) return 'counts';
  const mean = sum / values.length;
  const halfDiffVariance = diffSquares / (values.length - 1) / 2;
  return halfDiffVariance >= MIN_POISSON_SHARE * mean ? 'counts' : 'levels';
}
