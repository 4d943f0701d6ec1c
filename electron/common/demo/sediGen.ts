// The INPS sedi of the dataset, with their slot grids and closures precomputed per day.
import type { Modalita, Sede } from '../model';
import { dayOfIso } from './calendario';
import type { Contesto } from './contesto';
import { COMUNI, type Comune } from './comuni';
import type { Random } from './random';
import { SEDI_INPS } from './sedi';
import { minutesToTime, pad, quota } from './util';

export interface SedeGen {
  sede: Sede;
  comuneIdx: number;
  /** Slot start times (minutes) per ISO weekday 1..7; empty when closed. */
  slotMin: number[][];
  slotStr: string[][];
  /** 1 = open on that day (offset from the appointment calendar's base). */
  open: Uint8Array;
  hasNonPresenza: boolean;
  protocolloCodice: string;
}

export interface SediGenerate {
  sediGen: SedeGen[];
  /** Sedi indexes per comune index, and per regione. */
  sediByComune: Map<number, number[]>;
  sediByRegione: Map<string, number[]>;
  /** Most slots any sede has in a day: the stride of `occupied`. */
  maxSlots: number;
  /** 1 = slot taken, indexed (sede · A_LEN + day offset) · maxSlots + slot. */
  occupied: Uint8Array;
}

// Morning opening hours a sede may keep, [from, to) in minutes after midnight.
const ORARI_BASE: readonly [number, number][] = [
  [8 * 60 + 30, 12 * 60 + 30],
  [8 * 60, 12 * 60],
  [8 * 60 + 30, 13 * 60],
  [9 * 60, 12 * 60 + 30],
];

/** The slot lengths of an office's sedi (a draw keeps the seeded stream whatever the list). */
const SLOT_MINUTI: readonly number[] = [15, 20, 20, 30, 30];

export function generaSedi(ctx: Contesto): SediGenerate {
  const { spec, root, cal, A_LEN } = ctx;
  const rSedi = root.fork('sedi');
  const comuneIdxByNome = new Map<string, number>();
  COMUNI.forEach((c, i) => comuneIdxByNome.set(c.nome, i));
  const sediGen: SedeGen[] = [];
  const pomeriggi = quota(rSedi, spec.sedi, 0.45, 1);
  for (let i = 0; i < spec.sedi; i++) {
    const ref = SEDI_INPS[i];
    if (ref === undefined) throw new RangeError('Elenco delle sedi troppo corto');
    const comuneIdx = comuneIdxByNome.get(ref.comune);
    if (comuneIdx === undefined) throw new RangeError(`Comune della sede sconosciuto: ${ref.comune}`);
    const comune = COMUNI[comuneIdx] as Comune;
    const slotMinuti = rSedi.pick(spec.slotMinuti ?? SLOT_MINUTI);
    const [dalle, alle] = rSedi.pick(ORARI_BASE);
    const pomeriggio = pomeriggi[i] === 1 ? rSedi.pick([15 * 60 + 30, 16 * 60]) : 0;
    const { orari, slotMin, slotStr } = orariSede(dalle, alle, pomeriggio, slotMinuti);
    const modalita: Modalita[] = ['presenza'];
    if (rSedi.chance(0.75)) modalita.push('richiamata');
    if (rSedi.chance(0.35)) modalita.push('videochiamata');
    const chiusureSet = chiusureSede(ctx, rSedi, comune);
    const chiusureDays = [...chiusureSet].sort((a, b) => a - b);
    const sede: Sede = {
      id: `sede-${pad(i + 1, 3)}`,
      nome: ref.nome,
      indirizzo: ref.indirizzo,
      comune: comune.nome,
      provincia: comune.provincia,
      modalita,
      slotMinuti,
      orari,
      chiusure: chiusureDays.map((d) => cal.iso(d)),
    };
    sediGen.push({
      sede,
      comuneIdx,
      slotMin,
      slotStr,
      open: giorniApertura(ctx, slotMin, chiusureSet),
      hasNonPresenza: modalita.length > 1,
      protocolloCodice: pad(100 + ((i * 337) % 9000), 4),
    });
  }
  const { sediByComune, sediByRegione } = indiciSedi(sediGen);
  const maxSlots = sediGen.reduce((m, s) => Math.max(m, ...s.slotMin.map((x) => x.length)), 0);
  const occupied = new Uint8Array(spec.sedi * A_LEN * maxSlots);
  return { sediGen, sediByComune, sediByRegione, maxSlots, occupied };
}

/** Weekday opening hours (Monday–Friday) and the slot grid they give, as minutes and as "HH:MM". */
function orariSede(dalle: number, alle: number, pomeriggio: number, slotMinuti: number): { orari: Sede['orari']; slotMin: number[][]; slotStr: string[][] } {
  const orari: Sede['orari'] = {};
  const slotMin: number[][] = [[], [], [], [], [], [], [], []];
  const slotStr: string[][] = [[], [], [], [], [], [], [], []];
  for (let wd = 1; wd <= 5; wd++) {
    // Tuesday and Thursday afternoons: one continuous opening (model: one interval per weekday).
    const fine = pomeriggio > 0 && (wd === 2 || wd === 4) ? pomeriggio : alle;
    orari[wd as 1 | 2 | 3 | 4 | 5] = { dalle: minutesToTime(dalle), alle: minutesToTime(fine) };
    for (let t = dalle; t + slotMinuti <= fine; t += slotMinuti) {
      (slotMin[wd] as number[]).push(t);
      (slotStr[wd] as string[]).push(minutesToTime(t));
    }
  }
  return { orari, slotMin, slotStr };
}

/** Closures: the patron saint's day, a few extraordinary closures, sometimes one coming up. */
function chiusureSede(ctx: Contesto, rSedi: Random, comune: Comune): Set<number> {
  const { T, cal, APP_MIN } = ctx;
  const chiusureSet = new Set<number>();
  if (comune.patrono !== undefined) {
    const [y0, y1] = [Number(cal.iso(APP_MIN).slice(0, 4)), Number(cal.iso(T + 120).slice(0, 4))];
    for (let y = y0; y <= y1; y++) {
      const d = dayOfIso(`${y}-${comune.patrono}`);
      if (d >= APP_MIN && d <= T + 120 && cal.isWorking(d)) chiusureSet.add(d);
    }
  }
  const extra = rSedi.int(1, 3);
  for (let k = 0; k < extra; k++) {
    const d = cal.workingNear(rSedi.int(APP_MIN, T + 60), APP_MIN, T + 60);
    if (cal.isWorking(d)) chiusureSet.add(d);
  }
  if (rSedi.chance(0.3)) {
    const d = cal.workingNear(rSedi.int(T + 1, T + 30), T + 1, T + 30);
    if (cal.isWorking(d)) chiusureSet.add(d);
  }
  return chiusureSet;
}

/** Per day of the appointment calendar: 1 when the sede is open (working day, has slots, not closed). */
function giorniApertura(ctx: Contesto, slotMin: number[][], chiusureSet: Set<number>): Uint8Array {
  const { cal, A_BASE, A_LEN } = ctx;
  const open = new Uint8Array(A_LEN);
  for (let k = 0; k < A_LEN; k++) {
    const d = A_BASE + k;
    open[k] = cal.isWorking(d) && (slotMin[cal.weekday(d)] as number[]).length > 0 && !chiusureSet.has(d) ? 1 : 0;
  }
  return open;
}

/** Which sedi are in each comune and in each regione (where datori are sent to book). */
function indiciSedi(sediGen: SedeGen[]): Pick<SediGenerate, 'sediByComune' | 'sediByRegione'> {
  const sediByComune = new Map<number, number[]>();
  const sediByRegione = new Map<string, number[]>();
  sediGen.forEach((s, i) => {
    const c = COMUNI[s.comuneIdx] as Comune;
    const a = sediByComune.get(s.comuneIdx) ?? [];
    a.push(i);
    sediByComune.set(s.comuneIdx, a);
    const b = sediByRegione.get(c.regione) ?? [];
    b.push(i);
    sediByRegione.set(c.regione, b);
  });
  return { sediByComune, sediByRegione };
}
