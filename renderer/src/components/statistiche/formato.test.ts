import { describe, expect, it } from 'vitest';
import { fmtDistribuzione, fmtGiorni, fmtGiorno, fmtIntero, fmtMese, fmtPer100, fmtPercentuale, ND } from './formato';

describe('Italian formats of the statistics', () => {
  it('writes shares, days and rates the Italian way', () => {
    expect(fmtPercentuale(0.125)).toBe('12,5 %');
    expect(fmtPercentuale(1)).toBe('100 %');
    expect(fmtGiorni(3)).toBe('3 gg');
    expect(fmtGiorni(2.5)).toBe('2,5 gg');
    expect(fmtPer100(2.345)).toBe('2,3 per 100');
    expect(fmtIntero(12345)).toBe('12.345');
  });

  it('names months and weeks in Italian', () => {
    expect(fmtMese('2026-03-01')).toBe('mar 2026');
    expect(fmtGiorno('2026-12-07')).toBe('7 dic 2026');
  });

  it('shows a dash, never NaN, for a figure that does not exist', () => {
    for (const f of [fmtPercentuale, fmtGiorni, fmtPer100, fmtIntero]) {
      expect(f(null)).toBe(ND);
      expect(f(Number.NaN)).toBe(ND);
    }
    expect(fmtDistribuzione({ n: 0, mediana: null, p90: null })).toBe(ND);
    expect(fmtDistribuzione({ n: 4, mediana: 3, p90: 9 })).toBe('3 gg / 9 gg');
  });
});
