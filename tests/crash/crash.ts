// Crash test (#4, #11): a child process syncing against the sandbox is killed with SIGKILL at a
// chosen point of the sync — after the k-th page, between uploads, after the service answered a
// booking but before the local commit, in the middle of a batch send — and after each kill the
// database must be intact and consistent. Chosen points, not timers: on any machine nearly every
// kill lands inside a sync, and a run where fewer than 80% do fails.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { apriConChiave } from '../../db/cifratura';
import { Random, type DatasetSize } from '../../electron/common/demo/index';
import { startSandbox } from '../../sandbox/index';
import { caughtUp, checkDatabase, checkFinal, checkService, type Remote } from './checks';
import { DraftSupply } from './drafts';
import { Aimer } from './aim';
import { emptyCounts, phaseTable, planPhases, verdict, type CrashPhase, type PhaseCounts } from './phases';
import { CHIAVE_CRASH, syncToEnd } from './sync';

export interface CrashReport {
  seed: number;
  size: DatasetSize;
  kills: number;
  /** Per phase: kills aimed at it, and kills that struck at the chosen point. */
  phases: PhaseCounts;
  /** Kills that struck inside a sync: every landed kill, and a timed-out one whose last event said `in_corso`. */
  midSync: number;
  midSyncPercent: number;
  /** Children that neither reached their point nor ended within the time limit (killed by the parent). */
  timeouts: number;
  /** How often database B finished a first full sync despite the kills (then it starts over). */
  primeSincronizzazioniCompletate: number;
  /** Bookings the service had answered before a kill and the next run fetched again by their key. */
  prenotazioniRiprese: number;
  /** Drafts prepared for database A, in how many rounds. */
  drafts: number;
  preparazioni: number;
  finalDrafts: Record<string, number>;
  durationMs: number;
}

export interface CrashOptions {
  kills: number;
  seed: number;
  size: DatasetSize;
  /** Drafts per round queued one by one with attachments (the upload and booking phases). */
  accodate?: number;
  /** Drafts per batch sent with bozze.inviaInBlocco; above 50 the batch is queued in several commits. */
  blocco?: number;
  /** A child that neither reaches its point nor ends in this time is killed by the parent. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** The run fell short of the 80% rule; the report says where the kills went. */
export class CrashVerdictError extends Error {
  constructor(
    message: string,
    readonly report: CrashReport,
  ) {
    super(message);
  }
}

const CHILD = path.join(import.meta.dirname, 'child.ts');
const CACHE_TABLES = ['datori', 'deleghe', 'rapporti', 'argomenti', 'quesiti', 'sedi', 'appuntamenti', 'appuntamento_quesiti', 'comunicazioni'];

export async function runCrashTest(opts: CrashOptions): Promise<CrashReport> {
  const started = Date.now();
  const rng = new Random(opts.seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-crash-'));
  const sandbox = await startSandbox({ dataPath: path.join(dir, 'sandbox.sqlite'), seed: opts.seed, size: opts.size });
  const remote: Remote = { sandbox, since: new Date(started - 1000).toISOString() };
  const report: CrashReport = {
    seed: opts.seed,
    size: opts.size,
    kills: 0,
    phases: emptyCounts(),
    midSync: 0,
    midSyncPercent: 0,
    timeouts: 0,
    primeSincronizzazioniCompletate: 0,
    prenotazioniRiprese: 0,
    drafts: 0,
    preparazioni: 0,
    finalDrafts: {},
    durationMs: 0,
  };
  try {
    // Database A: synced once, then fed drafts for the push phases. Database B: never synced;
    // its first full sync is interrupted again and again, and started over once it caught up.
    const [dbA, dbB, dbC] = ['a', 'b', 'c'].map((name) => path.join(dir, name, 'cassetto.sqlite')) as [string, string, string];
    for (const db of [dbA, dbB, dbC]) fs.mkdirSync(path.dirname(db), { recursive: true });
    await syncToEnd(dbA, sandbox.url);
    const supply = new DraftSupply(dbA, sandbox.url, rng.fork('bozze'));
    const aimer = new Aimer({
      dbA,
      dbB,
      remote,
      supply,
      rng: rng.fork('punti'),
      accodate: opts.accodate ?? 4,
      blocco: opts.blocco ?? (opts.size === 'office' ? 60 : 6),
    });

    for (const [i, phase] of planPhases(opts.kills, rng.fork('fasi')).entries()) {
      const when = `kill ${i + 1} (${phase})`;
      const aim = await aimer.aim(phase);
      const run = await runChild(aim.db, sandbox.url, aim.args, opts.timeoutMs ?? 300_000);
      count(report, phase, run);
      checkDatabase(aim.db, aim.db === dbA ? supply.ids : [], when);
      checkService(remote, supply.ids.length, when);
      report.prenotazioniRiprese += aimer.verify(aim, run.landed, when);
      if (aim.db === dbB && caughtUp(dbB)) {
        report.primeSincronizzazioniCompletate += 1;
        fs.rmSync(path.dirname(dbB), { recursive: true, force: true });
        fs.mkdirSync(path.dirname(dbB), { recursive: true });
      }
      const where = run.landed
        ? `at ${aim.args.at(-1)}`
        : run.timedOut
          ? `by the parent after the time limit${run.midSync ? ', mid-sync' : ''}`
          : 'nowhere: the sync ended first';
      opts.log?.(`kill ${i + 1}/${opts.kills} ${phase} ${where} after ${run.events} events: invariants hold (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }

    // Let both finish (A sends what is left of its batches too); then both must equal a
    // reference synced once, never killed.
    await syncToEnd(dbA, sandbox.url, { inviaInBlocco: true });
    await syncToEnd(dbB, sandbox.url);
    checkDatabase(dbA, supply.ids, 'final');
    checkService(remote, supply.ids.length, 'final');
    report.finalDrafts = checkFinal(dbA, remote, 'final');
    report.prenotazioniRiprese += aimer.finish('final');
    await syncToEnd(dbC, sandbox.url);
    compareWithReference([dbA, dbB], dbC, opts.seed);
    report.drafts = supply.ids.length;
    report.preparazioni = supply.rounds;
  } finally {
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report.durationMs = Date.now() - started;
  const v = verdict(report.kills, report.midSync);
  report.midSyncPercent = Math.round(1000 * v.quota) / 10;
  if (!v.ok) throw new CrashVerdictError(`seed ${opts.seed}: ${v.message}\n${phaseTable(report.phases, report.kills, report.midSync)}`, report);
  return report;
}

function count(report: CrashReport, phase: CrashPhase, run: ChildRun): void {
  report.kills += 1;
  report.phases[phase].planned += 1;
  if (run.landed) report.phases[phase].landed += 1;
  if (run.midSync) report.midSync += 1;
  if (run.timedOut) report.timeouts += 1;
}

function compareWithReference(dbs: string[], reference: string, seed: number): void {
  const c = apriConChiave(reference, CHIAVE_CRASH, { readonly: true });
  try {
    for (const db of dbs) {
      const other = apriConChiave(db, CHIAVE_CRASH, { readonly: true });
      try {
        for (const table of CACHE_TABLES) {
          const rows = (sqlite: BetterSqlite3.Database) => JSON.stringify(sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all());
          if (rows(other) !== rows(c))
            throw new Error(`seed ${seed}: table ${table} of ${path.basename(path.dirname(db))} differs from a never-killed reference sync`);
        }
      } finally {
        other.close();
      }
    }
  } finally {
    c.close();
  }
}

interface ChildRun {
  /** The child reported its chosen point and died of SIGKILL there. */
  landed: boolean;
  midSync: boolean;
  timedOut: boolean;
  events: number;
}

/** Runs the child until it kills itself at its point, ends, or runs out of time (then the parent kills it). */
async function runChild(db: string, url: string, args: readonly string[], timeoutMs: number): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, url, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let events = 0;
  let fase = '';
  let probed = false;
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    const message = JSON.parse(line) as { fase?: string; probe?: string };
    if (message.probe) probed = true;
    else if (message.fase) {
      events += 1;
      fase = message.fase;
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const closed = new Promise<void>((resolve) => lines.once('close', () => resolve()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)))]);
  clearTimeout(timer);
  if (timedOut) child.kill('SIGKILL');
  const { code, signal } = await exited;
  await closed; // every line the child wrote before it died
  if (!timedOut && signal !== 'SIGKILL' && code !== 0) throw new Error(`child failed (${code ?? signal}): ${stderr.slice(0, 800)}`);
  const landed = probed && signal === 'SIGKILL' && !timedOut;
  return { landed, midSync: landed || (timedOut && fase === 'in_corso'), timedOut, events };
}
