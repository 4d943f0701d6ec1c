import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { datasetCounts, generateDataset, type DatasetSize, type DemoDataset } from '../../electron/common/demo/index';
import { COMUNI } from '../../electron/common/demo/comuni';
import { Random } from '../../electron/common/demo/random';
import { SEDI_INPS } from '../../electron/common/demo/sedi';
import type { IsoDate } from '../../electron/common/model';
import { checkDataset } from './checkDataset';

const TODAY = '2026-03-16';

// ───────────── tests ─────────────

describe('Random', () => {
  it('is deterministic and seed-dependent', () => {
    const a = new Random(7);
    const b = new Random(7);
    const c = new Random(8);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('draws within bounds and roughly uniformly', () => {
    const r = new Random(123);
    const hist = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) {
      const x = r.int(1, 6);
      expect(x >= 1 && x <= 6).toBe(true);
      hist[x - 1]!++;
    }
    for (const h of hist) expect(Math.abs(h - 10_000)).toBeLessThan(500);
    expect(r.weighted(['a', 'b'], [0, 1])).toBe('b');
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(['x', 'y']).toContain(r.pick(['x', 'y']));
  });

  it('forks independent streams', () => {
    const r = new Random(5);
    expect(r.fork('a').next()).not.toBe(r.fork('b').next());
    expect(r.fork('a').next()).toBe(new Random(5).fork('a').next());
  });
});

describe('reference data', () => {
  it('has ≥ 40 comuni with a Belfiore code, and sedi in known comuni', () => {
    expect(COMUNI.length).toBeGreaterThanOrEqual(40);
    expect(new Set(COMUNI.map((c) => c.codiceCatastale)).size).toBe(COMUNI.length);
    for (const c of COMUNI) {
      expect(c.codiceCatastale).toMatch(/^[A-M][0-9]{3}$/);
      expect(c.provincia).toMatch(/^[A-Z]{2}$/);
    }
    const byName = new Map(COMUNI.map((c) => [c.nome, c.codiceCatastale]));
    expect(byName.get('Roma')).toBe('H501');
    expect(byName.get('Milano')).toBe('F205');
    expect(byName.get('Napoli')).toBe('F839');
    expect(byName.get('Torino')).toBe('L219');
    expect(SEDI_INPS.length).toBeGreaterThanOrEqual(100);
    for (const s of SEDI_INPS) expect(byName.has(s.comune)).toBe(true);
  });
});

describe('datasetCounts', () => {
  it('matches DESIGN §7 for the office size', () => {
    expect(datasetCounts('office')).toMatchObject({
      deleghe: 10_000,
      rapporti: 15_000,
      quesiti: 60_000,
      appuntamenti: 100_000,
      comunicazioni: 200_000,
    });
    expect(datasetCounts('tiny').datori).toBe(12);
    expect(datasetCounts('small').datori).toBe(50);
  });
});

describe.each<[DatasetSize, number[], IsoDate[]]>([
  ['tiny', [1, 2, 3, 42, 2024, 987_654_321], [TODAY, '2025-10-27', '2026-01-02']],
  ['small', [1, 42, 7_777], [TODAY, '2025-10-27']],
])('generateDataset(%s)', (size, seeds, days) => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is deterministic: same input → deep-equal output, without Math.random or the clock', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random usato');
    });
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now usato');
    });
    const a = generateDataset({ seed: 42, size, today: TODAY });
    const b = generateDataset({ seed: 42, size, today: TODAY });
    expect(b).toEqual(a);
    vi.restoreAllMocks();
    const c = generateDataset({ seed: 43, size, today: TODAY });
    expect(c.datori.map((d) => d.codiceFiscale)).not.toEqual(a.datori.map((d) => d.codiceFiscale));
    expect(c.appuntamenti).not.toEqual(a.appuntamenti);
  });

  for (const seed of seeds) {
    for (const today of days) {
      it(`holds every rule (seed ${seed}, today ${today})`, () => {
        const ds = generateDataset({ seed, size, today });
        expect(ds.seed).toBe(seed);
        expect(ds.size).toBe(size);
        expect(ds.today).toBe(today);
        expect(checkDataset(ds, { coverage: size === 'small' ? 'full' : 'basic' })).toEqual([]);
      });
    }
  }

  it('ids follow stable patterns', () => {
    const ds = generateDataset({ seed: 9, size, today: TODAY });
    expect(ds.deleghe[0]!.id).toBe('del-000001');
    expect(ds.quesiti[0]!.id).toBe('q-000001');
    expect(ds.appuntamenti[0]!.id).toBe('app-000001');
    expect(ds.comunicazioni[0]!.id).toBe('com-000001');
    expect(ds.sedi[0]!.id).toBe('sede-001');
  });
});

describe('generateDataset(office)', () => {
  let ds: DemoDataset;
  let ms = 0;

  beforeAll(() => {
    const t0 = performance.now();
    ds = generateDataset({ seed: 20_260_316, size: 'office', today: TODAY });
    ms = performance.now() - t0;
    console.log(`[demo] office dataset generated in ${ms.toFixed(0)} ms`);
  }, 60_000);

  it('has exactly the DESIGN §7 counts', () => {
    expect(ds.deleghe).toHaveLength(10_000);
    expect(ds.rapporti).toHaveLength(15_000);
    expect(ds.quesiti).toHaveLength(60_000);
    expect(ds.appuntamenti).toHaveLength(100_000);
    expect(ds.comunicazioni).toHaveLength(200_000);
    expect(ds.sedi).toHaveLength(100);
  });

  it('holds the rules (per-item checks on a sample, invariants on everything)', () => {
    expect(checkDataset(ds, { stride: 37, coverage: 'full' })).toEqual([]);
  }, 60_000);
});

// Issue #17's provincial office: generated by `npm run bench -- --size large` only, so nothing else
// would notice when it stops fitting its sedi' agendas (it once ran out of free slots).
describe('generateDataset(large)', () => {
  let ds: DemoDataset;

  beforeAll(() => {
    ds = generateDataset({ seed: 20_261_201, size: 'large', today: TODAY });
  }, 120_000);

  it('has five times the office in every table, in the same 100 sedi', () => {
    const office = datasetCounts('office');
    expect(ds.deleghe).toHaveLength(office.deleghe * 5);
    expect(ds.rapporti).toHaveLength(office.rapporti * 5);
    expect(ds.quesiti).toHaveLength(office.quesiti * 5);
    expect(ds.appuntamenti).toHaveLength(office.appuntamenti * 5);
    expect(ds.comunicazioni).toHaveLength(office.comunicazioni * 5);
    expect(ds.sedi).toHaveLength(100);
  });

  it('holds the rules (per-item checks on a sample, invariants on everything)', () => {
    expect(checkDataset(ds, { stride: 181, coverage: 'full' })).toEqual([]);
  }, 120_000);
});
