/**
 * Upper tails of count distributions, computed in log space so a burst of 1,600 reports
 * against an expected 60 still yields a finite score instead of a p-value of exactly 0.
 *
 * Negative binomial is parametrised by its mean `mean` and dispersion `alpha`:
 * Var = mean + alpha·mean². alpha = 0 is Poisson.
 * By hand on purpose: the usual npm statistics packages (jStat, simple-statistics) return the tail itself, not its
 * log, which underflows to 0 here.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; ~15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-14;
const TINY = 1e-300;
const MAX_ITER = 2000;

/** Continued fraction for the incomplete beta (modified Lentz). */
function betaFraction(z: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * z) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * z) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * z) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** ln I_z(a, b), the log of the regularised incomplete beta function. */
export function logIncompleteBeta(z: number, a: number, b: number): number {
  if (z <= 0) return -Infinity;
  if (z >= 1) return 0;
  const logFront = a * Math.log(z) + b * Math.log1p(-z) - (logGamma(a) + logGamma(b) - logGamma(a + b));
  if (z < (a + 1) / (a + b + 2)) return logFront + Math.log(betaFraction(z, a, b)) - Math.log(a);
  const upper = Math.exp(logFront + Math.log(betaFraction(1 - z, b, a)) - Math.log(b));
  return Math.log1p(-Math.min(upper, 1));
}

/** ln P(a, x), the log of the regularised lower incomplete gamma function. */
export function logIncompleteGamma(a: number, x: number): number {
  if (x <= 0) return -Infinity;
  const logFront = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n <= MAX_ITER; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * EPS) break;
    }
    return logFront + Math.log(sum);
  }
  // Upper tail by continued fraction, then P = 1 − Q.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.log1p(-Math.min(Math.exp(logFront) * h, 1));
}

/**
 * ln P(X ≥ observed) for a count X with the given mean and dispersion.
 * When alpha·mean is negligible the negative binomial is Poisson to within 0.1% of its
 * variance, and the Poisson form is both faster and better conditioned.
 */
export function logUpperTail(observed: number, mean: number, alpha: number): number {
  if (observed <= 0) return 0;
  if (mean <= 0) return -Infinity;
  if (alpha * mean < 1e-3) return logIncompleteGamma(observed, mean);
  const size = 1 / alpha;
  return logIncompleteBeta(mean / (mean + size), observed, size);
}

export function upperTail(observed: number, mean: number, alpha: number): number {
  return Math.exp(logUpperTail(observed, mean, alpha));
}

/**
 * Smallest k with P(X ≤ k) ≥ q: the count a quantile band is drawn at. Bisection over
 * integers keeps it exact without summing a pmf that may hold thousands of terms.
 */
export function countQuantile(q: number, mean: number, alpha: number): number {
  if (mean <= 0) return 0;
  const sd = Math.sqrt(mean + alpha * mean * mean);
  let lo = 0;
  let hi = Math.ceil(mean + 40 * sd + 40);
  // Invariant: P(X ≤ hi) ≥ q; search for the smallest such hi.
  if (1 - upperTail(1, mean, alpha) >= q) return 0;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (1 - upperTail(mid + 1, mean, alpha) >= q) hi = mid;
    else lo = mid;
  }
  return hi;
}
