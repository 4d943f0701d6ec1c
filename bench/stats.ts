// Pure statistics of the benchmark: medians, percentiles and pair-by-pair ratios.

/** Sorted copy, ascending; NaN values are dropped. */
function sorted(values: readonly number[]): number[] {
  return values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
}

/**
 * The q-quantile (0 ≤ q ≤ 1) with linear interpolation between the closest ranks
 * (the "type 7" definition of R and NumPy). NaN for an empty sample.
 */
export function quantile(values: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be within [0, 1], got ${q}`);
  const s = sorted(values);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = s[lo]!;
  const b = s[hi]!;
  return a + (b - a) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** 95th percentile: the value 95% of the samples do not exceed. */
export function p95(values: readonly number[]): number {
  return quantile(values, 0.95);
}

/**
 * Ratio of subject to baseline computed pair by pair (sample i of each was taken back to back),
 * then the median of those ratios: a burst of noise from a shared machine hits both members
 * of a pair, and the median ignores the pairs it spoiled. Pairs with a baseline ≤ 0 or a
 * missing member are skipped; NaN if none is left.
 */
export function pairRatio(subject: readonly number[], baseline: readonly number[]): number {
  const ratios: number[] = [];
  const n = Math.min(subject.length, baseline.length);
  for (let i = 0; i < n; i++) {
    const s = subject[i]!;
    const b = baseline[i]!;
    if (Number.isFinite(s) && Number.isFinite(b) && b > 0) ratios.push(s / b);
  }
  return median(ratios);
}

export interface Summary {
  median: number;
  p95: number;
  /** For "higher is better" figures (rates): the 5th percentile, the slow tail. */
  p5: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(values: readonly number[]): Summary {
  const s = sorted(values);
  return {
    median: median(s),
    p95: quantile(s, 0.95),
    p5: quantile(s, 0.05),
    min: s.length > 0 ? s[0]! : Number.NaN,
    max: s.length > 0 ? s[s.length - 1]! : Number.NaN,
    n: s.length,
  };
}
