// `npm run bench -- --size tiny|small|office|large [--json FILE] [--seed N] [--only 1,3,…]`
// Office-scale benchmarks (issue #7, DESIGN §7): each figure beside a baseline measured in the
// same run, pair by pair. Rows 1–10 measure the app as shipped, on databases encrypted with the
// bench's key (bench/chiave.ts); row 11 sets encrypted beside plain (issue #12). Exits non-zero when a row has no number (the harness itself broke);
// a missed target is reported, not an error: benchmarks are not tests.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DatasetSize } from '../electron/common/demo/index';
import { openCore } from '../electron/core/app';
import { silentLogger } from '../electron/core/log';
import { startChild } from './children';
import { measureAllegati } from './allegati';
import { measureInvio, measurePreparazione } from './blocco';
import { measureBozze } from './bozze';
import { CHIAVE_BENCH, chiaveEnv } from './chiave';
import { measureCifratura } from './cifratura';
import { measureColdStart } from './coldstart';
import { prepareDataset, runFolder, workingCopy } from './dataset';
import { measureMemory } from './memory';
import type { HostInfo } from './page';
import { ensureRenderer, measureRenderer } from './renderer';
import { measureCoreSearch, measureTransport } from './search';
import { searchCases } from './searches';
import { measureStatistiche } from './statistiche';
import { measureStatisticheRenderer } from './statisticheRenderer';
import { GROWTH_ROWS, readReports, renderGrowth, runGrowth } from './growth';
import { gatewayFor, measureFullSync, measureIncrementalSync } from './sync';
import { machine, numeric, renderTable, writeJson, type Row } from './table';
import { PLANS } from './plans';

const USAGE =
  'usage: npm run bench -- --size tiny|small|office|large [--json FILE] [--seed N] [--only 1,2,…14] [--keep]\n       npm run bench -- --growth [--size office|large] [--only 1,3,4,5,7] [--json FILE]   # each size up to --size\n       npm run bench -- --growth --from tiny.json,office.json,large.json   # the table from earlier --json reports';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    growth: { type: 'boolean', default: false },
    from: { type: 'string' },
    json: { type: 'string' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const size = (values.size ?? (values.growth ? 'office' : 'small')) as DatasetSize;
const seed = Number(values.seed);
if (!['tiny', 'small', 'office', 'large'].includes(size) || !Number.isInteger(seed)) {
  console.error(USAGE);
  process.exit(2);
}
const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
const started = Date.now();
if (values.growth) {
  // Each size in its own bench process; then the figures against the dataset's size (#17).
  // --from: the reports of runs made one by one (a large run takes over an hour on 2 cores).
  const reports = values.from ? readReports(values.from.split(',')) : runGrowth(size, seed, values.only ?? GROWTH_ROWS, log);
  const sizes = reports.map((r) => r.size).join(' → ');
  console.log(`\nCassetto Desk cost growth — ${sizes}, seed ${reports[0]?.seed ?? seed}, ${Math.round((Date.now() - started) / 1000)} s`);
  const m = machine();
  console.log(`${m.cpu} · ${m.cores} cores · Node ${m.node} · load ${m.loadAverage.join(' ')}\n`);
  console.log(renderGrowth(reports));
  if (values.json) {
    fs.mkdirSync(path.dirname(path.resolve(values.json)), { recursive: true });
    fs.writeFileSync(values.json, `${JSON.stringify({ growth: reports }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
  }
  process.exit(reports.every((r) => r.rows.length > 0) ? 0 : 1);
}
const only = values.only ? new Set(values.only.split(',').map((s) => Number(s.trim()))) : null;
const selected = (n: number) => only === null || only.has(n);
const plan = PLANS[size];
const startedAt = new Date(started).toISOString();

const rows: Row[] = [];
/** Runs one measurement; a failure becomes a row without numbers (and a non-zero exit). */
async function step(n: number, label: string, run: () => Promise<Row[]>): Promise<void> {
  if (!selected(n)) return;
  log(`${n}. ${label}`);
  try {
    rows.push(...(await run()));
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`  FAILED: ${message}`);
    rows.push({
      group: `${n} ${label}`,
      name: `${label} (failed)`,
      unit: 'ms',
      median: Number.NaN,
      p95: Number.NaN,
      samples: 0,
      baseline: { name: '—', median: Number.NaN, p95: Number.NaN, samples: 0 },
      ratio: Number.NaN,
      target: null,
      met: false,
      warning: (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300),
    });
  }
}

/** Rows 1, 2, 4–10, 13, 14: on the synced encrypted database (row 3’s last, or one quick sync). */
async function onSynced(url: string, dbPath: string, rawDbPath: string): Promise<void> {
  const core = await openCore({ dbPath, chiave: CHIAVE_BENCH, logger: silentLogger, gateway: gatewayFor(url) });
  const cases = searchCases(core.ctx.sqlite);
  const busyRapporto = cases.find((c) => c.name === 'codice rapporto')!.input as { codiceRapporto: string };
  try {
    await step(4, 'incremental sync', () => measureIncrementalSync(core, url, rawDbPath, plan.sync, log));
    await step(1, 'search in the core', () => measureCoreSearch(core, cases, plan.search, log));
    await step(2, 'search through the browser host', () => measureTransport(core, cases, plan.transport));
    // Before row 14: it adds the slot observations a synced cache lacks, which the screen then shows.
    await step(13, 'Statistiche in the core', () => measureStatistiche(core, plan.statistiche, log));
  } finally {
    await core.close();
  }
  await step(5, 'core cold start', () => measureColdStart(dbPath, plan.coldStart, log));

  if (selected(6) || selected(7) || selected(14)) {
    let child: Awaited<ReturnType<typeof startChild<HostInfo & { rssBefore: number[] }>>> | null = null;
    const host = async () => {
      child ??= await startChild<HostInfo & { rssBefore: number[] }>('core.ts', [dbPath, ensureRenderer(log)], chiaveEnv());
      return child;
    };
    try {
      await step(6, 'renderer in Chromium', async () => measureRenderer((await host()).ready, busyRapporto.codiceRapporto, plan.renderer, log));
      await step(7, 'memory', async () => measureMemory(await host(), cases, plan.memoryRounds, plan.memoryLimitMB));
      await step(14, 'Statistiche in Chromium', async () => measureStatisticheRenderer((await host()).ready, plan.statisticheRenderer, log));
    } finally {
      if (child) await (child as { stop(): Promise<void> }).stop();
    }
  }

  // On a copy of the client's database: the 5,000 drafts stay out of the other rows.
  await step(10, 'Bozze screen with thousands of drafts', () => measureBozze(dbPath, run.dir, plan.bozze, log));

  // Last: the batches add quesiti, drafts and bookings to both databases.
  if (selected(8) || selected(9)) {
    const blocco = await openCore({ dbPath, chiave: CHIAVE_BENCH, logger: silentLogger, gateway: gatewayFor(url) });
    try {
      await step(8, 'batch preparation', () => measurePreparazione(blocco, url, plan.blocco, log));
      await step(9, 'batch sending', () => measureInvio(blocco, url, plan.blocco, log));
    } finally {
      await blocco.close();
    }
  }
}

/** `--only 12`: nothing else to run, no dataset nor sandbox to start. */
class SoloAllegati extends Error {}

const run = runFolder();
// --keep leaves the run's databases (the synced one for profiling) in place.
const cleanups: (() => Promise<void> | void)[] = [
  () => {
    if (values.keep) log(`kept ${run.dir}`);
    else run.remove();
  },
];
try {
  // Row 12 (#14) needs no dataset: first, so its RSS peak is the attachments' own.
  await step(12, 'attachments', () => measureAllegati(plan.allegati, log));
  if (![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14].some(selected)) throw new SoloAllegati();
  const dataset = prepareDataset(size, seed, log);
  log(dataset.generated ? `dataset generated in ${(dataset.generationMs / 1000).toFixed(1)} s` : `dataset reused from ${dataset.cachedFile}`);
  const sandbox = await startChild<{ url: string }>('sandbox.ts', [workingCopy(dataset, run.dir), size, String(seed)]);
  cleanups.unshift(() => sandbox.stop());
  const url = sandbox.ready.url;
  log(`sandbox on ${url}`);

  let dbPath = '';
  let rawDbPath = '';
  await step(3, 'first full sync', async () => {
    const full = await measureFullSync(url, run.dir, plan.sync, log);
    dbPath = full.dbPath;
    rawDbPath = full.rawDbPath;
    return full.rows;
  });
  // Right after row 3, on the same feed: its encrypted syncs are row 3’s subject again.
  await step(11, 'encryption cost', () => measureCifratura(url, run.dir, plan.cifratura, log));

  if ([1, 2, 4, 5, 6, 7, 8, 9, 10, 13, 14].some(selected)) {
    if (!dbPath) {
      // Measurement 3 skipped (or failed): one sync gives the other measurements their data.
      const quick = await measureFullSync(url, run.dir, { ...plan.sync, fullWarmup: 0, fullSamples: 1 }, () => {});
      dbPath = quick.dbPath;
      rawDbPath = quick.rawDbPath;
    }
    await onSynced(url, dbPath, rawDbPath);
  }
} catch (error) {
  if (!(error instanceof SoloAllegati)) throw error;
} finally {
  for (const cleanup of cleanups) await cleanup();
}

const report = { size, seed, startedAt, durationS: Math.round((Date.now() - started) / 100) / 10, machine: machine(), rows };
const m = report.machine;
console.log(`\nCassetto Desk benchmarks — size ${size}, seed ${seed}, ${report.durationS} s`);
console.log(`${m.cpu} · ${m.cores} cores · ${m.totalMemoryMB.toLocaleString('en-US')} MB · Node ${m.node} · load ${m.loadAverage.join(' ')}\n`);
console.log(renderTable(rows));
if (values.json) {
  fs.mkdirSync(path.dirname(path.resolve(values.json)), { recursive: true });
  writeJson(values.json, report);
  console.log(`\nJSON: ${values.json}`);
}
const broken = rows.filter((r) => !numeric(r));
const missed = rows.filter((r) => r.met === false);
console.log(`\n${rows.length} rows · ${rows.length - broken.length} with numbers · ${missed.length} targets missed`);
if (broken.length > 0 || rows.length === 0) {
  console.error(`bench: ${broken.length} row(s) without a number: ${broken.map((r) => r.name).join('; ')}`);
  process.exit(1);
}
process.exit(0);
