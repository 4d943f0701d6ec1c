import { describe, expect, it } from 'vitest';
import { makeRow, targetText } from './table';

// A rate's ratio target (#17: a first full sync ≥ 0.9× plain inserts of the same pages).
describe('bench targets', () => {
  const sync = (subject: number[], baseline: number[]) =>
    makeRow({
      group: '3',
      name: 'full sync',
      unit: 'changes/s',
      subject,
      baselineName: 'raw',
      baseline,
      target: { better: 'higher', on: 'median', limit: 5_000, maxRatio: null, minRatio: 0.9 },
    });

  it('says a rate is met only when it reaches both the limit and the share of its baseline', () => {
    expect(sync([9_500, 9_600, 9_400], [10_000, 10_000, 10_000]).met).toBe(true);
    expect(sync([8_000, 8_100, 7_900], [10_000, 10_000, 10_000]).met).toBe(false);
    expect(sync([4_600, 4_700, 4_500], [5_000, 5_000, 5_000]).met).toBe(false);
  });

  it('prints the ratio floor beside the limit', () => {
    expect(targetText({ better: 'higher', on: 'median', limit: 25_000, maxRatio: null, minRatio: 0.9 }, 'changes/s')).toBe('median ≥ 25,000/s, ≥ 0.9×');
  });
});
