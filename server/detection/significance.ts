/**
 * Is a window's count surprising given its baseline? A negative-binomial upper tail, with
 * the overdispersion measured from the series' own past prediction errors: report and
 * tweet counts vary more than Poisson, and a Poisson test on them cries wolf daily.
 */

import { logUpperTail } from './count-tails.ts';
import { quantile } from './robust-stats.ts';

/** One window's test, kept as data so a verdict can quote it. */
export interface Evidence {
  /** Length of the window the counts cover, in minutes (fractional while a minute fills). */
  windowMinutes: number;
  observed: number;
  expected: number;
  /** observed / expected. */
  ratio: number;
  /** P(count ≥ observed) under the baseline; 1 when not tested (too few counts, ratio too low). */
  pValue: number;
  /** −log10 pValue: 4 means "one in ten thousand". Finite even when pValue underflows. */
  score: number;
  /** The score this window needs to open an incident. */
  threshold: number;
  /**
   * How far above baseline this window's ordinary bursts reach on this series (see
   * ordinary-bursts.ts); an incident's excess, observed − expected, must be larger.
   */
  ordinaryExcess: number;
}

/** What a window must beat, besides its count and ratio gates. */
export interface Bars {
  threshold: number;
  ordinaryExcess: number;
}

/**
 * Tests a window, or skips the test (pValue 1, score 0) when it holds fewer than
 * `minCount` counts or under `minRatio` × expected: such a window can neither open nor
 * hold open an incident, and skipping keeps a 40k-interval replay fast.
 */
export function testWindow(
  windowMinutes: number,
  observed: number,
  expected: number,
  alpha: number,
  bars: Bars,
  worthTesting: { minCount: number; minRatio: number },
): Evidence {
  const ratio = expected > 0 ? observed / expected : Infinity;
  const tested = observed >= worthTesting.minCount && ratio >= worthTesting.minRatio;
  const logP = tested ? logUpperTail(observed, expected, alpha) : 0;
  return {
    windowMinutes,
    observed,
    expected,
    ratio,
    pValue: Math.exp(logP),
    score: -logP / Math.LN10,
    threshold: bars.threshold,
    ordinaryExcess: bars.ordinaryExcess,
  };
}

export interface DispersionOptions {
  /** Used alone when there is no history, and blended in while there is little. */
  prior: number;
  /** How many samples the prior is worth. */
  priorWeight: number;
  /** Windows expected to hold fewer counts are skipped: their spread is Poisson noise. */
  minExpected: number;
  /**
   * Upper quantile of standardised errors made to match the normal one (e.g. 0.9).
   * Matching the upper tail rather than the median calibrates the side we test, and still
   * tolerates up to 1 − quantile of the samples being outages.
   */
  quantile: number;
}

/**
 * The dispersion alpha (Var = mean + alpha·mean²) that makes the chosen upper quantile of
 * (observed − expected) / sd match a normal's, from past windows and the baseline's
 * predictions for them made at the time (so baseline error counts as dispersion too).
 */
export function estimateDispersion(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
  options: DispersionOptions,
): { alpha: number; samples: number } {
  const obs: number[] = [];
  const exp: number[] = [];
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i]!;
    const o = observed[i]!;
    if (Number.isFinite(o) && e >= options.minExpected) {
      obs.push(o);
      exp.push(e);
    }
  }
  const n = obs.length;
  if (n === 0) return { alpha: options.prior, samples: 0 };
  // z_i(alpha) = (o − e)/sqrt(e + alpha·e²) exceeds t exactly when alpha < alpha_i, with
  // alpha_i = ((o − e)²/t² − e)/e² (or never, when o ≤ e). So the alpha that puts the
  // q-quantile of z at t is the q-quantile of the alpha_i: no search needed.
  const t = normalQuantile(options.quantile);
  const alphaAt = obs.map((o, i) => {
    const e = exp[i]!;
    return o > e ? ((o - e) * (o - e)) / (t * t) / (e * e) - 1 / e : -1;
  });
  const fitted = Math.max(0, quantile(alphaAt, options.quantile));
  const alpha = (n * fitted + options.priorWeight * options.prior) / (n + options.priorWeight);
  return { alpha, samples: n };
}

/** Acklam's rational approximation of the standard normal quantile. */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
