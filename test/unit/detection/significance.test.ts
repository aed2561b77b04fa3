import { describe, expect, it } from 'vitest';
import { countQuantile, logUpperTail, upperTail } from '../../../server/detection/count-tails.ts';
import { describeEvidence } from '../../../server/detection/decision.ts';
import { estimateDispersion, normalQuantile, testWindow } from '../../../server/detection/significance.ts';

describe('count tails', () => {
  // Reference values summed from the probability mass functions.
  it.each([
    { observed: 20, mean: 10, alpha: 0, p: 0.003454342 },
    { observed: 5, mean: 10, alpha: 0, p: 0.970747312 },
    { observed: 3, mean: 0.2, alpha: 0, p: 0.001148481 },
    { observed: 20, mean: 10, alpha: 0.5, p: 0.113030898 },
  ])('P(X ≥ $observed) with mean $mean and dispersion $alpha is $p', ({ observed, mean, alpha, p }) => {
    expect(upperTail(observed, mean, alpha)).toBeCloseTo(p, 8);
  });

  it('keeps a finite score where the p-value underflows', () => {
    const log10p = logUpperTail(5000, 60, 0.1) / Math.LN10;
    expect(Number.isFinite(log10p)).toBe(true);
    expect(log10p).toBeLessThan(-300);
  });

  it.each([
    { q: 0.05, mean: 10, alpha: 0, k: 5 },
    { q: 0.95, mean: 10, alpha: 0, k: 15 },
    { q: 0.95, mean: 10, alpha: 0.5, k: 25 },
    { q: 0.5, mean: 0.3, alpha: 0, k: 0 },
  ])('the $q quantile of a count with mean $mean and dispersion $alpha is $k', ({ q, mean, alpha, k }) => {
    expect(countQuantile(q, mean, alpha)).toBe(k);
  });
});

describe('window test', () => {
  it('skips windows under the count or ratio gates and tests the rest', () => {
    const bars = { threshold: 4, ordinaryExcess: 0 };
    const gates = { minCount: 10, minRatio: 1.5 };
    expect(testWindow(10, 9, 1, 0.1, bars, gates).pValue).toBe(1);
    expect(testWindow(10, 14, 10, 0.1, bars, gates).pValue).toBe(1);
    const tested = testWindow(10, 60, 10, 0.1, bars, gates);
    expect(tested.ratio).toBe(6);
    expect(tested.score).toBeCloseTo(-Math.log10(tested.pValue));
    expect(tested.score).toBeGreaterThan(4);
  });
});

describe('dispersion from past prediction errors', () => {
  function uniform(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  /** Counts whose rate wanders by a factor exp(±sd): overdispersed, like real reports. */
  function wandering(seed: number, mean: number, sd: number, n: number): number[] {
    const rand = uniform(seed);
    return Array.from({ length: n }, () => {
      const rate = mean * Math.exp(sd * normalQuantile(Math.min(1 - 1e-9, Math.max(1e-9, rand()))) - (sd * sd) / 2);
      return Math.max(
        0,
        Math.round(rate + Math.sqrt(rate) * normalQuantile(Math.min(1 - 1e-9, Math.max(1e-9, rand())))),
      );
    });
  }
  const options = { prior: 0.1, priorWeight: 0, minExpected: 5, quantile: 0.9 };

  it.each([
    { name: 'Poisson-like counts give almost none', sd: 0, low: 0, high: 0.01 },
    { name: 'a rate wandering ±30% gives about 0.09', sd: 0.3, low: 0.05, high: 0.14 },
  ])('$name', ({ sd, low, high }) => {
    const observed = wandering(5, 50, sd, 3000);
    const { alpha } = estimateDispersion(
      observed,
      observed.map(() => 50),
      options,
    );
    expect(alpha).toBeGreaterThanOrEqual(low);
    expect(alpha).toBeLessThanOrEqual(high);
  });

  it('falls back to the prior without usable history', () => {
    expect(estimateDispersion([1, 2], [0.5, 0.5], { ...options, priorWeight: 30 }).alpha).toBe(0.1);
  });
});

describe('evidence in words', () => {
  const evidence = {
    windowMinutes: 10,
    observed: 412,
    expected: 45.3,
    ratio: 412 / 45.3,
    pValue: 1e-30,
    score: 30,
    threshold: 4,
    ordinaryExcess: 0,
  };
  it.each([
    {
      name: 'a ten-minute window',
      e: evidence,
      text: '412 reports in the last 10 minutes, 9.1× the usual 45 for this time',
    },
    {
      name: 'a filling minute',
      e: { ...evidence, windowMinutes: 1.33, observed: 30, expected: 2.04, ratio: 14.7 },
      text: '30 reports in the last minute, 15× the usual 2 for this time',
    },
  ])('describes $name', ({ e, text }) => {
    expect(describeEvidence(e)).toBe(text);
  });
});
