import { addDays, isWorkingDay, isoWeekday } from '../../common/domain/calendario';
import type { IsoDate, LocalTime, Sede } from '../../common/model';

// «Proponi orari»: which slot each draft of a batch gets. Pure functions, so the rules
// (earliest first, no slot twice, one visit a day per client) are tested without a service.

export interface Slot {
  data: IsoDate;
  ora: LocalTime;
}

/** A draft waiting for a slot: its client, its sede and its window. */
export interface DaProporre {
  id: string;
  datoreCf: string;
  sedeId: string;
  dal: IsoDate;
  al: IsoDate;
}

/**
 * Gives each draft, in the order given, the earliest slot of its sede inside its window that
 * no other draft of the batch took, on a day its client has no other visit (`occupati` holds
 * `codiceFiscale data` of the client's confirmed appointments and other drafts). Drafts left
 * without a slot are not in the map.
 */
export function assegnaOrari(bozze: readonly DaProporre[], liberi: ReadonlyMap<string, readonly Slot[]>, occupati: ReadonlySet<string>): Map<string, Slot> {
  const presi = new Set<string>();
  const giorni = new Set(occupati);
  const proposte = new Map<string, Slot>();
  for (const b of bozze) {
    const slot = liberi
      .get(b.sedeId)
      ?.find((s) => s.data >= b.dal && s.data <= b.al && !presi.has(`${b.sedeId} ${s.data} ${s.ora}`) && !giorni.has(`${b.datoreCf} ${s.data}`));
    if (!slot) continue;
    presi.add(`${b.sedeId} ${slot.data} ${slot.ora}`);
    giorni.add(`${b.datoreCf} ${slot.data}`);
    proposte.set(b.id, slot);
  }
  return proposte;
}

/** The sede's opening slots from its timetable in the cache (working days, not closed, every slotMinuti). */
export function slotDaOrario(sede: Pick<Sede, 'orari' | 'slotMinuti' | 'chiusure'>, dal: IsoDate, al: IsoDate): Slot[] {
  const out: Slot[] = [];
  for (let day = dal; day <= al; day = addDays(day, 1)) {
    if (!isWorkingDay(day) || sede.chiusure.includes(day)) continue;
    const orario = sede.orari[isoWeekday(day) as keyof Sede['orari']];
    if (!orario || sede.slotMinuti <= 0) continue;
    for (let m = minuti(orario.dalle); m + sede.slotMinuti <= minuti(orario.alle); m += sede.slotMinuti) out.push({ data: day, ora: hhmm(m) });
  }
  return out;
}

/** Splits a range into pieces the service accepts in one call (it caps a slot query at 62 days). */
export function intervalli(dal: IsoDate, al: IsoDate, giorni = 60): { dal: IsoDate; al: IsoDate }[] {
  const out: { dal: IsoDate; al: IsoDate }[] = [];
  for (let start = dal; start <= al; start = addDays(start, giorni)) {
    const end = addDays(start, giorni - 1);
    out.push({ dal: start, al: end < al ? end : al });
  }
  return out;
}

function minuti(t: LocalTime): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

function hhmm(m: number): LocalTime {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
