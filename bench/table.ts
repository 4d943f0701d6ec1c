// One row per figure: what was measured, its baseline from the same run, the target, and
// whether it is met. Printed as a table and written as JSON with the machine it ran on.
import fs from 'node:fs';
import os from 'node:os';
import { pairRatio, summarize } from './stats';

export type Unit = 'ms' | 'changes/s' | 'bookings/s' | 'MB';

const RATES: readonly Unit[] = ['changes/s', 'bookings/s'];

export interface Target {
  /** Lower is better (times, memory) or higher is better (rates). */
  better: 'lower' | 'higher';
  /** Which statistic the target is about: p95 (tail; the 5th percentile for rates) or the median. */
  on: 'p95' | 'median';
  /** The limit (≤ for lower-is-better, ≥ for higher-is-better); null: no absolute limit. */
  limit: number | null;
  /** Also at most this many times the baseline (pair ratio); null: no ratio limit. */
  maxRatio: number | null;
  /** Rates: also at least this many times the baseline (e.g. a sync ≥ 0.9× plain inserts). */
  minRatio?: number;
}

export interface Row {
  /** Group, e.g. "1 search (core)". */
  group: string;
  name: string;
  unit: Unit;
  median: number;
  /** The tail: 95th percentile for lower-is-better figures, 5th percentile for rates. */
  p95: number;
  samples: number;
  baseline: { name: string; median: number; p95: number; samples: number };
  /** Median of the per-pair subject/baseline ratios. */
  ratio: number;
  target: Target | null;
  met: boolean | null;
  /** Anything the reader must know about this row (e.g. the baseline returned other rows). */
  warning?: string;
}

export interface RowInput {
  group: string;
  name: string;
  unit: Unit;
  subject: readonly number[];
  baselineName: string;
  baseline: readonly number[];
  target: Target | null;
  warning?: string;
}

/** Builds a row from paired samples: summaries, the pair ratio and the verdict. */
export function makeRow(input: RowInput): Row {
  const better = input.target?.better ?? 'lower';
  const s = summarize(input.subject);
  const b = summarize(input.baseline);
  const tail = (x: typeof s) => (better === 'lower' ? x.p95 : x.p5);
  const ratio = pairRatio(input.subject, input.baseline);
  const row: Row = {
    group: input.group,
    name: input.name,
    unit: input.unit,
    median: s.median,
    p95: tail(s),
    samples: s.n,
    baseline: { name: input.baselineName, median: b.median, p95: tail(b), samples: b.n },
    ratio,
    target: input.target,
    met: null,
    ...(input.warning ? { warning: input.warning } : {}),
  };
  row.met = verdict(row);
  return row;
}

function verdict(row: Row): boolean | null {
  const t = row.target;
  if (!t) return null;
  if (!numeric(row)) return false;
  let ok = true;
  if (t.limit !== null) {
    const value = t.on === 'p95' ? row.p95 : row.median;
    ok &&= t.better === 'lower' ? value <= t.limit : value >= t.limit;
  }
  if (t.maxRatio !== null) ok &&= row.ratio <= t.maxRatio;
  if (t.minRatio !== undefined) ok &&= row.ratio >= t.minRatio;
  if (row.warning) ok = false;
  return ok;
}

/** Whether every figure of the row is a finite number (the harness fails otherwise). */
export function numeric(row: Row): boolean {
  return [row.median, row.p95, row.baseline.median, row.ratio].every((v) => Number.isFinite(v));
}

function fmt(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (RATES.includes(unit)) return `${(value < 100 ? Math.round(value * 10) / 10 : Math.round(value)).toLocaleString('en-US')}/s`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return value < 10 ? `${value.toFixed(2)} ms` : value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

export function targetText(t: Target | null, unit: Unit): string {
  if (!t) return '—';
  const parts: string[] = [];
  if (t.limit !== null) {
    const stat = t.on === 'p95' ? (t.better === 'lower' ? 'p95' : 'p5') : 'median';
    const limit = RATES.includes(unit) ? `${t.limit.toLocaleString('en-US')}/s` : unit === 'MB' ? `${t.limit} MB` : `${t.limit} ms`;
    parts.push(`${stat} ${t.better === 'lower' ? '≤' : '≥'} ${limit}`);
  }
  if (t.maxRatio !== null) parts.push(`≤ ${t.maxRatio}×`);
  if (t.minRatio !== undefined) parts.push(`≥ ${t.minRatio}×`);
  return parts.join(', ');
}

const HEADERS = ['figure', 'median', 'p95', 'baseline', 'ratio', 'target', 'met'] as const;

function cells(row: Row): string[] {
  return [
    row.name,
    fmt(row.median, row.unit),
    fmt(row.p95, row.unit),
    fmt(row.baseline.median, row.unit),
    Number.isFinite(row.ratio) ? `${row.ratio.toFixed(2)}×` : 'n/a',
    targetText(row.target, row.unit),
    row.met === null ? '—' : row.met ? 'sì' : 'no',
  ];
}

/** The table as text: a header, then rows grouped by measurement, then each group's baseline. */
export function renderTable(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...body.map((c) => c[i]!.length)));
  const right = new Set([1, 2, 3, 4]);
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => (right.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out: string[] = [line(HEADERS), widths.map((w) => '─'.repeat(w)).join('  ')];
  let group = '';
  rows.forEach((row, i) => {
    if (row.group !== group) {
      group = row.group;
      out.push(`${group}`);
    }
    out.push(line(body[i]!));
  });
  out.push('', 'baselines (measured in the same run, alternating with each sample):');
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.group}: ${row.baseline.name}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(`  ${key}`);
    }
  }
  const warnings = rows.filter((r) => r.warning);
  if (warnings.length > 0) {
    out.push('', 'warnings:');
    for (const r of warnings) out.push(`  ${r.name}: ${r.warning}`);
  }
  out.push('', 'p95 is the 95th percentile of the samples; for rates (changes/s, bookings/s) it is the 5th (the slow tail).');
  return out.join('\n');
}

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  totalMemoryMB: number;
  loadAverage: number[];
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export interface Report {
  size: string;
  seed: number;
  startedAt: string;
  durationS: number;
  machine: Machine;
  rows: Row[];
}

export function writeJson(file: string, report: Report): void {
  // NaN is not JSON: a figure that could not be measured is written as null.
  fs.writeFileSync(file, `${JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
}
