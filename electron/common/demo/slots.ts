// Free-slot search over the sedi's grids: the preferred sede first, then a few others, then all.
import type { Contesto } from './contesto';
import type { Random } from './random';
import type { SedeGen, SediGenerate } from './sediGen';

/** Where the last successful search landed (one shared object: no allocation per booking). */
export interface SlotTrovato {
  sede: number;
  day: number;
  slot: number;
}

export interface CercaSlot {
  slotOut: SlotTrovato;
  /** Fills slotOut with a free slot on a day in [minDay, maxDay], nearest to target; throws if none. */
  findSlot: (pref: number, minDay: number, target: number, maxDay: number) => void;
}

export function creaCercaSlot(ctx: Contesto, rApp: Random, sedi: SediGenerate): CercaSlot {
  const { spec, cal, APP_MAX, A_BASE, A_LEN } = ctx;
  const { sediGen, maxSlots, occupied } = sedi;
  const slotOut = { sede: 0, day: 0, slot: 0 };
  const tryDay = (s: number, d: number): boolean => {
    const sg = sediGen[s] as SedeGen;
    const off = d - A_BASE;
    if (sg.open[off] !== 1) return false;
    const k = (sg.slotMin[cal.weekday(d)] as number[]).length;
    const base = (s * A_LEN + off) * maxSlots;
    const start = Math.floor(rApp.next() * k);
    for (let j = 0; j < k; j++) {
      const sl = (start + j) % k;
      if (occupied[base + sl] === 0) {
        slotOut.sede = s;
        slotOut.day = d;
        slotOut.slot = sl;
        return true;
      }
    }
    return false;
  };
  const findSlotAt = (s: number, minDay: number, target: number, maxDay: number): boolean => {
    for (let d = target; d <= maxDay; d++) if (tryDay(s, d)) return true;
    for (let d = target - 1; d >= minDay; d--) if (tryDay(s, d)) return true;
    return false;
  };
  const findSlot = (pref: number, minDay: number, target: number, maxDay: number): void => {
    if (findSlotAt(pref, minDay, target, maxDay)) return;
    for (let t = 0; t < 4; t++) if (findSlotAt(rApp.int(0, spec.sedi - 1), minDay, target, maxDay)) return;
    for (let s = 0; s < spec.sedi; s++) if (findSlotAt(s, minDay, target, maxDay)) return;
    if (maxDay < APP_MAX) return findSlot(pref, minDay, target, APP_MAX);
    throw new Error('Nessuno slot libero per un appuntamento');
  };
  return { slotOut, findSlot };
}
