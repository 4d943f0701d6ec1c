// Free slots of a sede: working days, within the day's orari, aligned to slotMinuti, minus the
// sede's chiusure and non-cancelled bookings, and never in the past (per the sandbox clock).
import { addDays, isWorkingDay, isoWeekday, romeInstant } from '../../electron/common/domain/calendario';
import type { IsoDate, LocalTime, Sede } from '../../electron/common/model';
import type { Store } from './store';

export const SLOT_RANGE_MAX_DAYS = 62;

function minutes(t: LocalTime): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

function hhmm(m: number): LocalTime {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Every slot the sede offers on a day, ignoring bookings and the clock. */
export function slotOfDay(sede: Sede, day: IsoDate): LocalTime[] {
  if (!isWorkingDay(day) || sede.chiusure.includes(day)) return [];
  const orario = sede.orari[isoWeekday(day) as 1 | 2 | 3 | 4 | 5 | 6 | 7];
  if (orario === undefined || sede.slotMinuti <= 0) return [];
  const out: LocalTime[] = [];
  for (let m = minutes(orario.dalle); m + sede.slotMinuti <= minutes(orario.alle); m += sede.slotMinuti) out.push(hhmm(m));
  return out;
}

export function freeSlots(store: Store, sede: Sede, dal: IsoDate, al: IsoDate): { data: IsoDate; ora: LocalTime }[] {
  const taken = new Set(
    (
      store.db.prepare("SELECT giorno, ora FROM appuntamenti WHERE sede_id = ? AND giorno BETWEEN ? AND ? AND stato != 'cancellato'").all(sede.id, dal, al) as {
        giorno: string;
        ora: string;
      }[]
    ).map((r) => `${r.giorno} ${r.ora}`),
  );
  const now = store.clock.nowMs();
  const out: { data: IsoDate; ora: LocalTime }[] = [];
  for (let day = dal; day <= al; day = addDays(day, 1)) {
    for (const ora of slotOfDay(sede, day)) {
      if (taken.has(`${day} ${ora}`)) continue;
      if (Date.parse(romeInstant(day, ora)) <= now) continue;
      out.push({ data: day, ora });
    }
  }
  return out;
}

/** Whether one slot is offered and still free now (called inside the booking transaction). */
export function isSlotFree(store: Store, sede: Sede, day: IsoDate, ora: LocalTime): boolean {
  if (!slotOfDay(sede, day).includes(ora)) return false;
  if (Date.parse(romeInstant(day, ora)) <= store.clock.nowMs()) return false;
  const row = store.db.prepare("SELECT 1 FROM appuntamenti WHERE sede_id = ? AND giorno = ? AND ora = ? AND stato != 'cancellato'").get(sede.id, day, ora);
  return row === undefined;
}
