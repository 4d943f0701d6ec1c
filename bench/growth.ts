// `npm run bench -- --growth [--size office] [--only 1,3,4,5,7]` (issue #17): the same rows at each
// size from tiny up to --size (tiny → small → office → large), each size in its own bench process
// (its JSON report), then one table: each figure against the dataset's size, with the exponent of
// a log-log least-squares fit. Searches should stay flat (≈ 0), a full sync's time grow linearly
// (its rate ≈ 0), and anything growing faster than the data is a defect to look at.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { datasetCounts, type DatasetSize } from '../electron/common/demo/index';
import type { Report, Row } from './table';

export const GROWTH_SIZES: readonly DatasetSize[] = ['tiny', 'small', 'office', 'large'];
/** The rows a growth run takes unless --only says otherwise: searches, both syncs, cold start, memory. */
export const GROWTH_ROWS = '1,3,4,5,7';

/** Least-squares slope of log(y) on log(x): y ∝ x^slope. NaN with fewer than two usable points. */
export function logLogSlope(points: readonly { x: number; y: number }[]): number {
  const usable = points.filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.y));
  if (usable.length < 2) return Number.NaN;
  const lx = usable.map((p) => Math.log(p.x));
  const ly = usable.map((p) => Math.log(p.y));
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i]! - mx) * (ly[i]! - my);
    den += (lx[i]! - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** The dataset's size as the growth table's x: its deleghe (the unit the issue sizes offices by). */
export function deleghe(size: DatasetSize): number {
  return datasetCounts(size).deleghe;
}

/** How to read an exponent: for times and memory; a rate's exponent is the opposite of its time's minus one. */
function verdict(row: Row, slope: number): string {
  if (!Number.isFinite(slope)) return '';
  const rate = row.unit === 'changes/s' || row.unit === 'bookings/s';
  // A rate flat in the size means the whole job's time grows linearly: what a sync should do.
  const timeExponent = rate ? 1 - slope : slope;
  if (row.unit === 'MB') return slope < 0.2 ? 'flat' : slope <= 1.1 ? 'grows with the data' : 'grows faster than the data';
  if (timeExponent < 0.2) return rate ? 'faster per change as it grows' : 'flat';
  if (timeExponent <= 1.1) return rate ? 'linear (rate flat)' : 'sublinear/linear';
  return 'WORSE than linear';
}

/** A row's name across sizes: its count of changes (the feed's size, or 1,000 vs 10,000 at large) left out. */
function key(name: string): string {
  return name.replace(/\d[\d,]* changes/, 'N changes').replace(/\(\d[\d,]* bookings\)/, '(N bookings)');
}

/** The growth table from one report per size (smallest first). */
export function renderGrowth(reports: readonly Report[]): string {
  const sizes = reports.map((r) => r.size as DatasetSize);
  const names: string[] = [];
  for (const r of reports) for (const row of r.rows) if (!names.includes(key(row.name))) names.push(key(row.name));
  // A figure measured at one size only (a row --only left out elsewhere) has no growth to show.
  const atTwoSizes = names.filter((name) => reports.filter((r) => r.rows.some((row) => key(row.name) === name)).length >= 2);
  names.splice(0, names.length, ...atTwoSizes);
  const fmt = (v: number | undefined) =>
    v === undefined || !Number.isFinite(v) ? 'n/a' : v >= 1000 ? Math.round(v).toLocaleString('en-US') : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  const header = ['figure (median)', 'unit', ...sizes.map((s) => `${s} (${deleghe(s).toLocaleString('en-US')})`), 'exponent', 'reading'];
  const body: string[][] = [];
  for (const name of names) {
    const perSize = reports.map((r) => r.rows.find((row) => key(row.name) === name));
    const any = perSize.find((r) => r !== undefined)!;
    const slope = logLogSlope(perSize.flatMap((row, i) => (row ? [{ x: deleghe(sizes[i]!), y: row.median }] : [])));
    body.push([name, any.unit, ...perSize.map((row) => fmt(row?.median)), Number.isFinite(slope) ? slope.toFixed(2) : 'n/a', verdict(any, slope)]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => (i >= 2 && i < header.length - 1 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...body.map(line),
    '',
    'x: the dataset’s deleghe; exponent: slope of log(median) on log(deleghe) over the sizes measured.',
    'Times and memory: ≈ 0 flat, ≈ 1 linear. Rates (changes/s): ≈ 0 means the whole job grows linearly.',
  ].join('\n');
}

/** Reports written by earlier `--json` runs, smallest size first; a clear error for a file that is not one. */
export function readReports(files: readonly string[]): Report[] {
  const reports = files.map((file) => {
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Report>;
    if (!GROWTH_SIZES.includes(report.size as DatasetSize) || !Array.isArray(report.rows)) throw new Error(`${file} is not a bench report (--json)`);
    return report as Report;
  });
  return reports.sort((a, b) => GROWTH_SIZES.indexOf(a.size as DatasetSize) - GROWTH_SIZES.indexOf(b.size as DatasetSize));
}

/** Runs the bench once per size up to `upTo`, each in its own process, and returns their reports. */
export function runGrowth(upTo: DatasetSize, seed: number, only: string, log: (line: string) => void): Report[] {
  const sizes = GROWTH_SIZES.slice(0, GROWTH_SIZES.indexOf(upTo) + 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-growth-'));
  const reports: Report[] = [];
  try {
    for (const size of sizes) {
      const json = path.join(dir, `${size}.json`);
      log(`growth: --size ${size} --only ${only}`);
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(import.meta.dirname, 'cli.ts'), '--size', size, '--seed', String(seed), '--only', only, '--json', json],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      if (!fs.existsSync(json)) throw new Error(`the ${size} run wrote no report (exit ${run.status ?? run.signal})`);
      reports.push(JSON.parse(fs.readFileSync(json, 'utf8')) as Report);
    }
    return reports;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
