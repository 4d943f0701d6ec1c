import { describe, expect, it } from 'vitest';
import { median, p95, pairRatio, quantile, summarize } from './stats';

describe('bench statistics', () => {
  it('takes the median of odd and even samples, in any order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('interpolates percentiles between the closest ranks', () => {
    const hundredAndOne = Array.from({ length: 101 }, (_, i) => 100 - i); // 0..100, reversed
    expect(p95(hundredAndOne)).toBe(95);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBeCloseTo(9.55, 10);
    expect(quantile([5, 1], 0)).toBe(1);
    expect(quantile([5, 1], 1)).toBe(5);
    expect(p95([42])).toBe(42);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it('ignores NaN samples', () => {
    expect(median([Number.NaN, 1, 3])).toBe(2);
  });

  it('computes the ratio pair by pair, not as a ratio of medians', () => {
    // Noise hits both members of pair 3; per-pair ratios are 2, 2, 2, 1.
    const subject = [2, 4, 100, 3];
    const baseline = [1, 2, 50, 3];
    expect(pairRatio(subject, baseline)).toBe(2);
    expect(median(subject) / median(baseline)).not.toBe(2);
  });

  it('skips pairs without a usable baseline', () => {
    expect(pairRatio([1, 2, 3], [0, 1])).toBe(2);
    expect(pairRatio([1], [0])).toBeNaN();
    expect(pairRatio([], [])).toBeNaN();
  });

  it('summarizes a sample', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, p95: 4.8, p5: 1.2, min: 1, max: 5, n: 3 });
  });
});
