// Seeded sync fuzzer (issue #4; after Joplin's sync-fuzzer and PowerSync's Jepsen-style tests):
// K app instances against one sandbox, random operations under faults, then a drain and the
// invariants of DESIGN §6. A seed replays the same operations.
import { romeInstant } from '../../electron/common/domain/calendario';
import type { DatasetSize } from '../../electron/common/demo';
import { SandboxClock, startSandbox } from '../../sandbox/index';
import { preparateInviate } from './blocco';
import { checkConvergence, checkDrafts, checkExactlyOnce, checkIntegrity } from './checks';
import { checkComunicazioni, comunicazioniIntermediari, comunicazioniPerStato } from './comunicazioni';
import { faultConfig, NO_FAULTS, OP_WEIGHTS, runOp, syncInstance, type FuzzState, type OpKind } from './ops';
import { createRng } from './prng';
import { openInstance, retimeRetries, type Instance } from './world';

export interface FuzzOptions {
  seed: number;
  ops: number;
  instances?: number;
  faultRate?: number;
  size?: DatasetSize;
  /** One line per operation (and what came of it), for replaying a failure by eye. */
  log?: (line: string) => void;
}

export interface FuzzReport {
  seed: number;
  ops: number;
  instances: number;
  faultRate: number;
  counts: Record<string, number>;
  /** Commands the app refused (AppError codes): expected, not failures. */
  refusals: Record<string, number>;
  /** Batch operations (#11): how often each ran, drafts created, proposed, edited, deleted, queued; prepared drafts that ended booked. */
  blocco: Record<string, number>;
  /** Items a batch command left out, by the kind of reason it gave (numbers and ids taken out). */
  motiviBlocco: Record<string, number>;
  /** Bookings and cancellations the service refused after queuing (outbox rows 'fallito'), by code. */
  serviceRefusals: Record<string, number>;
  /** Admin calls the sandbox refused (e.g. disdire an appointment already closed). */
  adminRefusals: Record<string, number>;
  draftsByState: Record<string, number>;
  /** Replies to the sede queued during the run, by how they ended (fatto = sent, fallito = refused by the service). */
  comunicazioniByState: Record<string, number>;
  appointmentsBooked: number;
  /** Failed attempts later retried (sum of outbox tentativi) and syncs that found the service unreachable. */
  transientRetries: number;
  offlineSyncs: number;
  drainRounds: number;
  /** Bookings still queued at the end because their draft is frozen (held until a new delega). */
  heldForFrozenDrafts: number;
  failures: string[];
  ok: boolean;
  replay: string;
  durationMs: number;
}

const TODAY = '2026-03-10';
const MAX_DRAIN_ROUNDS = 50;
/** Queued rows the push will send: a frozen draft's booking is held (by design) until a new delega thaws it. */
const SENDABLE = `SELECT count(*) FROM outbox o WHERE o.stato = 'in_attesa'
  AND NOT (o.tipo != 'cancella' AND EXISTS (SELECT 1 FROM bozze b WHERE b.id = o.entita_id AND b.stato = 'congelata'))`;

function sortedByCount(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)));
}

export function replayCommand(seed: number, ops: number, instances: number, faultRate: number): string {
  return `npm run fuzz -- --seed ${seed} --ops ${ops} --instances ${instances} --faults ${faultRate}`;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const { seed, ops, instances: k = 3, faultRate = 0.2, size = 'small', log = () => {} } = options;
  const started = Date.now();
  const clock = new SandboxClock(new Date(romeInstant(TODAY, '08:00')), { frozen: true });
  const sandbox = await startSandbox({ seed, size, today: TODAY, admin: true, clock });
  const instances: Instance[] = [];
  const rng = createRng(seed);
  const s: FuzzState = {
    rng,
    sandbox,
    instances,
    faultRate,
    drafts: new Map(),
    comunicazioni: new Map(),
    usedSlots: [],
    refusals: {},
    blocco: {},
    motiviBlocco: {},
    adminRefusals: {},
    offlineSyncs: 0,
    failures: [],
    step: 0,
    log,
    tracing: options.log !== undefined,
  };
  const counts: Record<string, number> = {};
  let drainRounds: number;
  let byState: Record<string, number>;
  const appointmentsBefore = sandbox.store.db.prepare('SELECT count(*) FROM appuntamenti').pluck().get() as number;
  const comunicazioniBefore = comunicazioniIntermediari(sandbox);
  try {
    for (let i = 0; i < k; i++) instances.push(await openInstance(sandbox, i));
    // Everyone starts from a full cache, before any fault.
    for (const inst of instances) await syncInstance(s, inst);
    sandbox.faults.configure(faultConfig(faultRate, rng.int(1, 2 ** 30)));

    for (s.step = 1; s.step <= ops; s.step++) {
      const inst = rng.pick(instances)!;
      const kind: OpKind = rng.weighted(OP_WEIGHTS);
      counts[kind] = (counts[kind] ?? 0) + 1;
      log(`#${s.step} ${inst.username} ${kind}`);
      try {
        await runOp(s, kind, inst);
      } catch (error) {
        s.failures.push(`step ${s.step}: ${inst.username} ${kind} threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      if (s.failures.length > 20) break; // enough to read; the seed replays the rest
    }

    // Drain: no faults, every queued retry due now, until no instance has anything in_attesa.
    sandbox.faults.configure(NO_FAULTS);
    sandbox.faults.releaseHeld();
    for (drainRounds = 1; drainRounds <= MAX_DRAIN_ROUNDS; drainRounds++) {
      for (const inst of instances) {
        inst.core.ctx.sqlite.prepare("UPDATE outbox SET prossimo_tentativo_il = ? WHERE stato = 'in_attesa'").run(clock.now().toISOString());
        await syncInstance(s, inst);
      }
      const queued = instances.reduce((n, inst) => n + (inst.core.ctx.sqlite.prepare(SENDABLE).pluck().get() as number), 0);
      if (queued === 0) break;
    }
    if (drainRounds > MAX_DRAIN_ROUNDS) {
      const stuck = instances.flatMap((inst) =>
        (
          inst.core.ctx.sqlite.prepare(SENDABLE.replace('count(*)', 'tipo, entita_id, tentativi, ultimo_errore') + ' ORDER BY id LIMIT 3').all() as object[]
        ).map((r) => `${inst.username} ${JSON.stringify(r)}`),
      );
      s.failures.push(`drain: outbox rows still in_attesa after ${MAX_DRAIN_ROUNDS} rounds (no faults): ${stuck.join('; ')}`);
    }
    // A final sync each, so every instance has seen the others' last bookings.
    for (const inst of instances) {
      await syncInstance(s, inst);
      retimeRetries(inst);
    }

    s.failures.push(...(await checkConvergence(sandbox, instances)));
    s.failures.push(...checkExactlyOnce(sandbox, instances, s.drafts, appointmentsBefore));
    const drafts = checkDrafts(sandbox, instances, s.drafts);
    byState = drafts.byState;
    s.failures.push(...drafts.failures);
    s.failures.push(...(await checkComunicazioni(sandbox, instances, s.comunicazioni, comunicazioniBefore)));
    s.failures.push(...checkIntegrity(instances));

    const serviceRefusals: Record<string, number> = {};
    let transientRetries = 0;
    let heldForFrozenDrafts = 0;
    for (const inst of instances) {
      const sqlite = inst.core.ctx.sqlite;
      heldForFrozenDrafts +=
        (sqlite.prepare("SELECT count(*) FROM outbox WHERE stato = 'in_attesa'").pluck().get() as number) - (sqlite.prepare(SENDABLE).pluck().get() as number);
      for (const e of sqlite.prepare("SELECT tipo, ultimo_errore AS errore FROM outbox WHERE stato = 'fallito'").all() as {
        tipo: string;
        errore: string | null;
      }[]) {
        const code = `${e.tipo} ${(e.errore ?? '').split(':')[0] || '?'}`;
        serviceRefusals[code] = (serviceRefusals[code] ?? 0) + 1;
      }
      transientRetries += sqlite.prepare('SELECT coalesce(sum(tentativi), 0) FROM outbox').pluck().get() as number;
    }
    const keyed = sandbox.store.db.prepare("SELECT count(*) FROM idempotenza WHERE status = 201 AND scope LIKE 'int:%'").pluck().get() as number;
    const replay = replayCommand(seed, ops, k, faultRate);
    return {
      seed,
      ops,
      instances: k,
      faultRate,
      counts,
      refusals: s.refusals,
      blocco: Object.fromEntries(Object.entries({ ...s.blocco, 'preparate inviate': preparateInviate(s) }).sort(([a], [b]) => (a < b ? -1 : 1))),
      motiviBlocco: sortedByCount(s.motiviBlocco),
      serviceRefusals,
      adminRefusals: s.adminRefusals,
      draftsByState: byState,
      comunicazioniByState: comunicazioniPerStato(instances, s.comunicazioni),
      appointmentsBooked: keyed,
      transientRetries,
      offlineSyncs: s.offlineSyncs,
      drainRounds,
      heldForFrozenDrafts,
      // Every message names the seed and how to replay it.
      failures: s.failures.map((f) => `[seed ${seed}] ${f} — replay: ${replay}`),
      ok: s.failures.length === 0,
      replay,
      durationMs: Date.now() - started,
    };
  } finally {
    sandbox.faults.configure(NO_FAULTS);
    sandbox.faults.releaseHeld();
    for (const inst of instances) await inst.core.close().catch(() => undefined);
    await sandbox.close();
  }
}
