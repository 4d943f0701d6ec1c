import { describe, expect, it } from 'vitest';
import { assegnaPosti } from './listaVirtuale';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('assegnaPosti', () => {
  it('keeps the place of every row still in view and gives the rows coming in the places of those that left', () => {
    const prima = assegnaPosti(new Map(), range(0, 4));
    expect([...prima.values()]).toEqual([0, 1, 2, 3, 4]);
    const dopo = assegnaPosti(prima, range(2, 6));
    expect([2, 3, 4].map((i) => dopo.get(i))).toEqual([2, 3, 4]);
    expect([5, 6].map((i) => dopo.get(i))).toEqual([0, 1]);
  });

  it('reuses every place when the whole view is replaced (a brisk scroll), never two rows in one place', () => {
    const prima = assegnaPosti(new Map(), range(0, 24));
    const dopo = assegnaPosti(prima, range(20, 44));
    expect(new Set(dopo.values()).size).toBe(25);
    expect(Math.max(...dopo.values())).toBe(24);
    expect([20, 21, 22, 23, 24].map((i) => dopo.get(i))).toEqual([20, 21, 22, 23, 24]);
  });

  it('keeps places below the number of rows in view when the view shrinks', () => {
    const prima = assegnaPosti(new Map(), range(0, 9));
    const dopo = assegnaPosti(prima, range(8, 10));
    expect([...dopo.values()].sort()).toEqual([0, 1, 2]);
  });
});
