// The crash test's phases: where in a sync each kill is aimed, and the verdict on where they landed.
// Pure functions (no processes, no files), so the 80% rule has a unit test of its own.
import type { Random } from '../../electron/common/demo/index';
import type { SyncProbePoint } from '../../electron/core/sync/probes';

/**
 * - `pagina`: database B's first full sync, after its k-th page of changes committed;
 * - `upload`: database A's push, after the k-th attachment upload, before the next row;
 * - `prenotazione`: A's push, the service answered the k-th booking, its effect not yet committed;
 * - `blocco`: a batch queued with `bozze.inviaInBlocco`, the push has booked k of it but not all.
 */
export const CRASH_PHASES = ['pagina', 'upload', 'prenotazione', 'blocco'] as const;
export type CrashPhase = (typeof CRASH_PHASES)[number];

/** The core's probe point each phase kills at (`blocco` is a booking committed mid-batch). */
export const PHASE_POINT: Record<CrashPhase, SyncProbePoint> = {
  pagina: 'pagina',
  upload: 'upload',
  prenotazione: 'prenotazione',
  blocco: 'prenotata',
};

/** The bar: a run where fewer kills than this landed inside a sync proves too little. */
export const MIN_MID_SYNC = 0.8;

export interface PhaseCount {
  /** Kills aimed at this phase. */
  planned: number;
  /** Kills that struck at the chosen point (the child reported it, then died of SIGKILL). */
  landed: number;
}

export type PhaseCounts = Record<CrashPhase, PhaseCount>;

export function emptyCounts(): PhaseCounts {
  return { pagina: { planned: 0, landed: 0 }, upload: { planned: 0, landed: 0 }, prenotazione: { planned: 0, landed: 0 }, blocco: { planned: 0, landed: 0 } };
}

/**
 * The phase of each kill, from the seed: every block of four kills visits each phase once, in a
 * seeded order, so even a short run covers them all and a long one spreads them evenly.
 */
export function planPhases(kills: number, rng: Random): CrashPhase[] {
  const plan: CrashPhase[] = [];
  while (plan.length < kills) plan.push(...rng.shuffle([...CRASH_PHASES]));
  return plan.slice(0, kills);
}

export interface Verdict {
  ok: boolean;
  /** Share of kills that landed inside a sync, 0–1 (0 when there were no kills). */
  quota: number;
  message: string;
}

/** Whether enough kills landed inside a sync: at least 80% of them, and at least one kill at all. */
export function verdict(kills: number, midSync: number): Verdict {
  const quota = kills === 0 ? 0 : midSync / kills;
  const percent = `${(100 * quota).toFixed(1)}%`;
  const ok = kills > 0 && quota >= MIN_MID_SYNC;
  return {
    ok,
    quota,
    message: ok
      ? `${midSync} of ${kills} kills (${percent}) landed inside a sync`
      : `only ${midSync} of ${kills} kills (${percent}) landed inside a sync; at least ${100 * MIN_MID_SYNC}% must`,
  };
}

/** The per-phase table the CLI prints. */
export function phaseTable(counts: PhaseCounts, kills: number, midSync: number): string {
  const rows = CRASH_PHASES.map((p) => `${p.padEnd(14)}${String(counts[p].planned).padStart(8)}${String(counts[p].landed).padStart(8)}`);
  const total = `${'total'.padEnd(14)}${String(kills).padStart(8)}${String(midSync).padStart(8)}`;
  return [`${'phase'.padEnd(14)}${'planned'.padStart(8)}${'landed'.padStart(8)}`, ...rows, total, verdict(kills, midSync).message].join('\n');
}
