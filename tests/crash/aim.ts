// Aiming a kill: which database, which probe point, which k (from the seed, within the work
// actually waiting), and what the database must look like if the kill struck exactly there.
import type { Random } from '../../electron/common/demo/index';
import { PAGE_SIZE, changesBetween, checkUploads, cursorSeq, fail, pendingWork, pushState, recordedBookings, type PushState, type Remote } from './checks';
import type { DraftSupply } from './drafts';
import { PHASE_POINT, type CrashPhase } from './phases';

export interface Aim {
  phase: CrashPhase;
  db: string;
  k: number;
  /** The child's arguments: `--crash-at <point>:<k>`, after `--invia-in-blocco` for a batch. */
  args: string[];
  /** Database B before the run: its cursor, and the changes still to read from there. */
  feed?: { seq: number; remaining: number };
  /** Database A before the run. */
  push?: PushState;
}

export interface AimerOptions {
  dbA: string;
  dbB: string;
  remote: Remote;
  supply: DraftSupply;
  rng: Random;
  /** Drafts per round queued one by one with attachments, and per batch. */
  accodate: number;
  blocco: number;
}

export class Aimer {
  readonly #o: AimerOptions;
  /** Bookings the service answered but A had not committed at a kill: the next run must get the same appointment back. */
  readonly #inVolo = new Map<string, string>();

  constructor(options: AimerOptions) {
    this.#o = options;
  }

  async aim(phase: CrashPhase): Promise<Aim> {
    const { dbA, dbB, remote, rng } = this.#o;
    const at = (k: number, ...before: string[]) => [...before, '--crash-at', `${PHASE_POINT[phase]}:${k}`];
    if (phase === 'pagina') {
      const seq = cursorSeq(dbB);
      const remaining = changesBetween(remote.sandbox, seq);
      const k = rng.int(1, Math.max(1, Math.ceil(remaining / PAGE_SIZE)));
      return { phase, db: dbB, k, args: at(k), feed: { seq, remaining } };
    }
    const work = await this.#work(phase);
    // A batch goes out after what was queued before it: k counts those bookings too, and stops short of the batch's last.
    const k =
      phase === 'upload' ? rng.int(1, work.uploads) : phase === 'prenotazione' ? rng.int(1, work.prenotazioni) : work.prenotazioni + rng.int(1, work.bozze - 1);
    return { phase, db: dbA, k, args: phase === 'blocco' ? at(k, '--invia-in-blocco') : at(k), push: pushState(dbA, remote.sandbox) };
  }

  /** A's waiting work for the phase; a new round of drafts when it has run out (as B starts over once caught up). */
  async #work(phase: Exclude<CrashPhase, 'pagina'>): Promise<ReturnType<typeof pendingWork>> {
    const { dbA, supply } = this.#o;
    const enough = (w: ReturnType<typeof pendingWork>) => (phase === 'upload' ? w.uploads > 0 : phase === 'prenotazione' ? w.prenotazioni > 0 : w.bozze >= 2);
    let work = pendingWork(dbA);
    if (!enough(work)) {
      await (phase === 'blocco' ? supply.prepare(this.#o.blocco, 'blocco') : supply.prepare(this.#o.accodate, 'accodate'));
      work = pendingWork(dbA);
    }
    if (!enough(work)) throw new Error(`no work for a ${phase} kill: no idoneo quesito or free slot left for a new draft`);
    return work;
  }

  /**
   * After a kill: the database holds exactly what the point promised when the kill landed there,
   * and at most one booking is ever in flight. Returns how many bookings answered before an
   * earlier kill were recorded since (each checked to be the appointment first answered).
   */
  verify(aim: Aim, landed: boolean, when: string): number {
    const { dbA, dbB, remote } = this.#o;
    if (aim.feed) {
      if (!landed) return 0;
      // The cursor moved with its pages, all k of them and no further.
      const moved = changesBetween(remote.sandbox, aim.feed.seq, cursorSeq(dbB));
      const expected = Math.min(aim.k * PAGE_SIZE, aim.feed.remaining);
      if (moved !== expected) fail(when, `the cursor moved over ${moved} changes after page ${aim.k}, not ${expected}`);
      return 0;
    }
    const after = pushState(dbA, remote.sandbox);
    checkUploads(dbA, remote.sandbox, when);
    if (after.inVolo.length > 1) fail(when, `${after.inVolo.length} bookings made on the service but not recorded locally`);
    if (landed) this.#landed(aim, aim.push!, after, when);
    return this.#riprese(after, when);
  }

  /** What each point promises: k uploads done; k-1 bookings committed and the k-th only on the service; k bookings of the batch. */
  #landed(aim: Aim, before: PushState, after: PushState, when: string): void {
    const sent = after.inviate - before.inviate;
    if (aim.phase === 'upload' && after.uploadFatti - before.uploadFatti !== aim.k) {
      fail(when, `${after.uploadFatti - before.uploadFatti} uploads recorded, the kill came after upload ${aim.k}`);
    }
    // Killed before the commit: the service holds that booking, A does not, yet.
    const inVolo = aim.phase === 'prenotazione' ? 1 : 0;
    if (after.inVolo.length !== inVolo) fail(when, `${after.inVolo.length} bookings made on the service but not recorded locally (expected ${inVolo})`);
    if (aim.phase === 'prenotazione' && sent !== aim.k - 1) fail(when, `${sent} bookings committed, the kill came before booking ${aim.k} committed`);
    if (aim.phase === 'blocco') {
      if (sent !== aim.k) fail(when, `${sent} bookings committed, the kill came after booking ${aim.k}`);
      if (after.bozze !== 0 || after.inCoda === 0)
        fail(when, `the batch should be queued and partly booked (${after.bozze} drafts not queued, ${after.inCoda} waiting)`);
    }
  }

  /** Each booking left in flight by a kill is, once recorded, the appointment the service first answered. */
  #riprese(after: PushState, when: string): number {
    const recorded = recordedBookings(this.#o.dbA, [...this.#inVolo.keys()]);
    let riprese = 0;
    for (const [bozzaId, appuntamentoId] of this.#inVolo) {
      const local = recorded.get(bozzaId);
      if (local === undefined) continue;
      if (local !== appuntamentoId) fail(when, `draft ${bozzaId} was booked again as ${local}; the service had answered ${appuntamentoId}`);
      this.#inVolo.delete(bozzaId);
      riprese += 1;
    }
    for (const v of after.inVolo) this.#inVolo.set(v.bozzaId, v.appuntamentoId);
    return riprese;
  }

  /** After the final sync: every booking left in flight has been recorded (checked like the others). */
  finish(when: string): number {
    const riprese = this.#riprese(pushState(this.#o.dbA, this.#o.remote.sandbox), when);
    if (this.#inVolo.size > 0) fail(when, `${this.#inVolo.size} bookings answered before a kill never recorded`);
    return riprese;
  }
}
