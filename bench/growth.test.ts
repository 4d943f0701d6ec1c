import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deleghe, logLogSlope, readReports, renderGrowth } from './growth';
import type { Report, Row } from './table';

const row = (name: string, unit: Row['unit'], median: number): Row => ({
  group: 'g',
  name,
  unit,
  median,
  p95: median,
  samples: 1,
  baseline: { name: 'b', median: 1, p95: 1, samples: 1 },
  ratio: 1,
  target: null,
  met: null,
});

describe('cost growth', () => {
  it('fits the exponent of a power law on log-log axes', () => {
    const xs = [10, 100, 1000, 10_000];
    expect(logLogSlope(xs.map((x) => ({ x, y: 3 * x })))).toBeCloseTo(1, 6);
    expect(logLogSlope(xs.map((x) => ({ x, y: 5 })))).toBeCloseTo(0, 6);
    expect(logLogSlope(xs.map((x) => ({ x, y: x ** 2 / 7 })))).toBeCloseTo(2, 6);
    expect(logLogSlope([{ x: 10, y: 1 }])).toBeNaN();
    expect(
      logLogSlope([
        { x: 10, y: 1 },
        { x: 100, y: Number.NaN },
      ]),
    ).toBeNaN();
  });

  it('prints each figure per size with its exponent and says what grows worse than the data', () => {
    const sizes = ['tiny', 'small', 'office'] as const;
    const reports = sizes.map(
      (size) =>
        ({
          size,
          seed: 1,
          startedAt: '',
          durationS: 0,
          machine: { cpu: '', cores: 2, node: '', platform: '', totalMemoryMB: 0, loadAverage: [] },
          rows: [
            row('search', 'ms', 2),
            row(`full sync, ${(deleghe(size) * 30).toLocaleString('en-US')} changes`, 'changes/s', 20_000),
            row('bad', 'ms', deleghe(size) ** 1.5 / 1000),
            row(`12 months, all sedi (${deleghe(size) * 9} bookings)`, 'ms', 100),
            ...(size === 'office' ? [row('only at office', 'ms', 1)] : []),
          ],
        }) satisfies Report,
    );
    const text = renderGrowth(reports);
    const line = (name: string) => text.split('\n').find((l) => l.startsWith(name))!;
    expect(line('search')).toMatch(/0\.00\s+flat$/);
    expect(line('full sync, N changes')).toMatch(/0\.00\s+linear \(rate flat\)$/);
    expect(line('bad')).toMatch(/1\.50\s+WORSE than linear$/);
    expect(line('12 months, all sedi (N bookings)')).toMatch(/0\.00\s+flat$/);
    expect(text).not.toContain('only at office');
    expect(text).toContain(`office (${deleghe('office').toLocaleString('en-US')})`);
  });

  it('reads the reports of earlier runs smallest first, and refuses a file that is not one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'growth-test-'));
    try {
      const write = (name: string, body: unknown) => {
        fs.writeFileSync(path.join(dir, name), JSON.stringify(body));
        return path.join(dir, name);
      };
      const report = (size: string) => ({ size, seed: 1, startedAt: '', durationS: 0, rows: [row('search', 'ms', 2)] });
      const files = [write('l.json', report('large')), write('t.json', report('tiny')), write('o.json', report('office'))];
      expect(readReports(files).map((r) => r.size)).toEqual(['tiny', 'office', 'large']);
      expect(() => readReports([write('x.json', { size: 'huge', rows: [] })])).toThrow(/x\.json is not a bench report/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
