// Deterministic demo data for Cassetto Desk: a patronato office (the demo intermediario) with
// its clients (datori di lavoro domestico), their deleghe, rapporti, quesiti, the appointments
// booked at INPS sedi and the messages on them. Same seed + size + today → the same dataset.
//
// Internally every calendar day is a day number (days since 1970-01-01, UTC) and every instant
// a number of milliseconds; strings are produced once, at the end. Hot loops draw from tables
// precomputed per dataset (calendar, slot grids, weights) — no closures or regexes per item.
import type {
  Appuntamento,
  AppuntamentoStato,
  Argomento,
  AutoreComunicazione,
  CancellatoDa,
  Comunicazione,
  Datore,
  Delega,
  DelegaStato,
  Esito,
  Intermediario,
  IsoDate,
  Modalita,
  Operatore,
  Quesito,
  Rapporto,
  Sede,
  TipologiaRapporto,
} from '../model';
import { buildCodiceFiscale } from '../domain/codiceFiscale';
import { isWorkingDay } from '../domain/calendario';
import { valutaIdoneita } from '../domain/idoneita';
import { Random, WeightedTable } from './random';
import {
  COGNOMI,
  COMUNI,
  DOMINI_EMAIL,
  NOMI_FEMMINILI,
  NOMI_MASCHILI,
  PAESI_LAVORATORI,
  PESO_LAVORATORI_ITALIANI,
  PREFISSI_CELLULARE,
  type Comune,
} from './names';
import { SEDI_INPS } from './sedi';
import {
  ARGOMENTI_DEMO,
  MOTIVI_ANNULLAMENTO_DELEGA,
  MOTIVI_CANCELLAZIONE_UTENTE,
  MOTIVI_CHIUSURA,
  MOTIVI_DISDETTA_SEDE,
  MOTIVI_NEGATIVO,
  MOTIVI_POSITIVO,
  MOTIVO_CHIUSURA_QUESITO_POSITIVO,
  MOTIVO_DISDETTA_QUESITO_DEFINITO,
  MOTIVO_REVOCA_ALTRO_INTERMEDIARIO,
  MOTIVO_REVOCA_DATORE,
  MSG_CITTADINO,
  MSG_INTERMEDIARIO,
  MSG_SEDE,
  MSG_SEDE_CHIUSURA,
  MSG_SEDE_DISDETTA,
  NOTE_APPUNTAMENTO,
  OGGETTI_QUESITO,
} from './testi';

// ───────────────────────────── public API ─────────────────────────────

export type DatasetSize = 'tiny' | 'small' | 'office';

export interface DemoAccount {
  username: string;
  password: string;
  operatoreId: string;
  intermediarioId: string;
}

export interface CitizenAccount {
  username: string;
  password: string;
  datoreCf: string;
}

export interface DemoDataset {
  seed: number;
  size: DatasetSize;
  today: IsoDate;
  intermediari: Intermediario[];
  operatori: Operatore[];
  accounts: DemoAccount[];
  citizenAccounts: CitizenAccount[];
  datori: Datore[];
  deleghe: Delega[];
  rapporti: Rapporto[];
  argomenti: Argomento[];
  quesiti: Quesito[];
  sedi: Sede[];
  appuntamenti: Appuntamento[];
  comunicazioni: Comunicazione[];
}

/** The office the app runs as by default. */
export const DEMO_INTERMEDIARIO_ID = 'int-001';
/** Password of every demo account (operators and citizens). */
export const DEMO_PASSWORD = 'demo';

interface SizeSpec {
  datori: number;
  /** Datori who revoked the demo office by delegating another intermediary (2 deleghe each). */
  altroIntermediario: number;
  rapporti: number;
  quesiti: number;
  appuntamenti: number;
  comunicazioni: number;
  sedi: number;
  /** Share of appointments that are earlier, cancelled bookings of a re-booked quesito. */
  quotaRiprenotazioni: number;
  /** Chance that a group of quesiti of one rapporto gets more than one quesito. */
  quotaMultiQuesito: number;
  /** Longest chain of bookings (cancelled ones + the last) on the same quesiti. */
  catenaMax: number;
  /** Chance that idonei quesiti are left unbooked (the worklist): idonei in the last 30 days / earlier. */
  nonPrenotatiRecenti: number;
  nonPrenotati: number;
  /** Esiti of quesiti past their termine: in attesa, negativo (rest: positivo), and late positivi. */
  quotaInAttesa: number;
  quotaNegativo: number;
  quotaPositivoTardivo: number;
  /** Chance that the last booking of a past appointment was cancelled. */
  quotaCancellatiPassati: number;
  /** Chance that a chain of bookings spreads over the whole window of idoneità (late bookers). */
  quotaPrenotazioniTardive: number;
  /** Confirmed upcoming appointments guaranteed whatever the seed (small sizes: the agenda). */
  agendaMinima: number;
}

const SIZES: Record<DatasetSize, SizeSpec> = {
  tiny: {
    datori: 12,
    altroIntermediario: 1,
    rapporti: 18,
    quesiti: 72,
    appuntamenti: 40,
    comunicazioni: 80,
    sedi: 6,
    quotaRiprenotazioni: 0.08,
    quotaMultiQuesito: 0.2,
    catenaMax: 3,
    nonPrenotatiRecenti: 0.5,
    nonPrenotati: 0.04,
    quotaInAttesa: 0.32,
    quotaNegativo: 0.3,
    quotaPositivoTardivo: 0.6,
    quotaCancellatiPassati: 0.15,
    quotaPrenotazioniTardive: 0.4,
    agendaMinima: 5,
  },
  small: {
    datori: 50,
    altroIntermediario: 3,
    rapporti: 75,
    quesiti: 300,
    appuntamenti: 160,
    comunicazioni: 320,
    sedi: 20,
    quotaRiprenotazioni: 0.08,
    quotaMultiQuesito: 0.2,
    catenaMax: 3,
    nonPrenotatiRecenti: 0.5,
    nonPrenotati: 0.04,
    quotaInAttesa: 0.32,
    quotaNegativo: 0.3,
    quotaPositivoTardivo: 0.6,
    quotaCancellatiPassati: 0.15,
    quotaPrenotazioniTardive: 0.4,
    agendaMinima: 12,
  },
  // DESIGN §7: 10,000 deleghe · 15,000 rapporti · 60,000 quesiti · 100,000 appuntamenti ·
  // 200,000 comunicazioni. 9,700 datori + 300 who moved to another intermediary = 10,000 deleghe.
  office: {
    datori: 9_700,
    altroIntermediario: 300,
    rapporti: 15_000,
    quesiti: 60_000,
    appuntamenti: 100_000,
    comunicazioni: 200_000,
    sedi: 100,
    // 100,000 appointments on 60,000 quesiti, each in at most one non-cancelled appointment:
    // at least ~45% of the appointments must be earlier, cancelled bookings.
    quotaRiprenotazioni: 0.5,
    quotaMultiQuesito: 0.04,
    catenaMax: 8,
    nonPrenotatiRecenti: 0.25,
    nonPrenotati: 0.01,
    quotaInAttesa: 0.34,
    quotaNegativo: 0.36,
    quotaPositivoTardivo: 0.75,
    quotaCancellatiPassati: 0.1,
    quotaPrenotazioniTardive: 0.15,
    agendaMinima: 0,
  },
};

export function datasetCounts(size: DatasetSize): {
  datori: number;
  deleghe: number;
  rapporti: number;
  quesiti: number;
  appuntamenti: number;
  comunicazioni: number;
  sedi: number;
} {
  const s = SIZES[size];
  if (s === undefined) throw new RangeError(`Dimensione del dataset sconosciuta: «${String(size)}».`);
  return {
    datori: s.datori,
    deleghe: s.datori + s.altroIntermediario,
    rapporti: s.rapporti,
    quesiti: s.quesiti,
    appuntamenti: s.appuntamenti,
    comunicazioni: s.comunicazioni,
    sedi: s.sedi,
  };
}

// ───────────────────────────── fixed actors ─────────────────────────────

/** 11-digit codice fiscale of a legal entity: 10 digits + the check digit (Luhn variant). */
function codiceFiscaleEnte(first10: string): string {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const n = first10.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += n;
    else sum += n * 2 > 9 ? n * 2 - 9 : n * 2;
  }
  return first10 + String((10 - (sum % 10)) % 10);
}

const INTERMEDIARI: readonly Intermediario[] = [
  {
    id: DEMO_INTERMEDIARIO_ID,
    denominazione: 'Patronato Famiglia e Lavoro – Ufficio zonale Roma Tuscolano',
    codiceFiscale: codiceFiscaleEnte('8012345058'),
  },
  {
    id: 'int-002',
    denominazione: 'Studio Associato di Consulenza del Lavoro Ferri & Galli',
    codiceFiscale: codiceFiscaleEnte('0987654100'),
  },
  {
    id: 'int-003',
    denominazione: 'Associazione Datori di Lavoro Domestico – Sezione di Roma',
    codiceFiscale: codiceFiscaleEnte('9701234058'),
  },
];

export const DEMO_OPERATORI: readonly Operatore[] = [
  { id: 'op-001', intermediarioId: 'int-001', username: 'operatore1', nominativo: 'Giulia Ferri' },
  { id: 'op-002', intermediarioId: 'int-001', username: 'operatore2', nominativo: 'Marco De Santis' },
  { id: 'op-003', intermediarioId: 'int-001', username: 'operatore3', nominativo: 'Francesca Lombardi' },
  { id: 'op-004', intermediarioId: 'int-001', username: 'operatore4', nominativo: 'Davide Romano' },
  { id: 'op-005', intermediarioId: 'int-002', username: 'operatore5', nominativo: 'Paolo Galli' },
  { id: 'op-006', intermediarioId: 'int-002', username: 'operatore6', nominativo: 'Chiara Martini' },
  { id: 'op-007', intermediarioId: 'int-003', username: 'operatore7', nominativo: 'Silvana Costa' },
];

/** Indexes into DEMO_OPERATORI per intermediario index (0 = the demo office). */
const DEMO_OPERATORI_PER_INTERMEDIARIO: readonly (readonly number[])[] = [[0, 1, 2, 3], [4, 5], [6]];

// ───────────────────────────── calendar ─────────────────────────────

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

function dayOfIso(s: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new RangeError(`Data non valida: «${s}» (atteso AAAA-MM-GG).`);
  const d = Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / DAY_MS;
  if (isoOfDay(d) !== s) throw new RangeError(`Data non valida: «${s}».`);
  return d;
}

function isoOfDay(d: number): string {
  return new Date(d * DAY_MS).toISOString().slice(0, 10);
}

/** Last Sunday of a month (0-based month), as a day number. */
function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0) / DAY_MS;
  const wd = new Date(last * DAY_MS).getUTCDay();
  return last - wd;
}

/** Every day from `from` to `to`: its ISO string, working-day flag, weekday, Rome's UTC offset. */
class Calendario {
  readonly base: number;
  readonly len: number;
  private readonly isoArr: string[];
  private readonly working: Uint8Array;
  private readonly weekdayArr: Uint8Array;
  private readonly offsetArr: Int16Array;
  /** Working days in [base, base + i]. */
  private readonly workCum: Int32Array;
  /** The working days, in order. */
  private readonly workList: Int32Array;

  constructor(from: number, to: number) {
    this.base = from;
    this.len = to - from + 1;
    this.isoArr = new Array<string>(this.len);
    this.working = new Uint8Array(this.len);
    this.weekdayArr = new Uint8Array(this.len);
    this.offsetArr = new Int16Array(this.len);
    this.workCum = new Int32Array(this.len);
    const list: number[] = [];
    const dst = new Map<number, [number, number]>();
    let count = 0;
    for (let i = 0; i < this.len; i++) {
      const d = from + i;
      const iso = isoOfDay(d);
      this.isoArr[i] = iso;
      const wd = new Date(d * DAY_MS).getUTCDay();
      this.weekdayArr[i] = wd === 0 ? 7 : wd;
      const w = isWorkingDay(iso);
      this.working[i] = w ? 1 : 0;
      if (w) {
        count++;
        list.push(d);
      }
      this.workCum[i] = count;
      const year = Number(iso.slice(0, 4));
      let range = dst.get(year);
      if (range === undefined) {
        range = [lastSunday(year, 2), lastSunday(year, 9)];
        dst.set(year, range);
      }
      // Daytime offset (times used here are 07:00–22:00, away from the 02:00/03:00 switch).
      this.offsetArr[i] = d >= range[0] && d < range[1] ? 120 : 60;
    }
    this.workList = Int32Array.from(list);
  }

  private idx(d: number): number {
    const i = d - this.base;
    if (i < 0 || i >= this.len) throw new RangeError(`Giorno fuori dal calendario del generatore: ${isoOfDay(d)}`);
    return i;
  }

  iso(d: number): string {
    const i = d - this.base;
    return i >= 0 && i < this.len ? (this.isoArr[i] as string) : isoOfDay(d);
  }

  isWorking(d: number): boolean {
    return this.working[this.idx(d)] === 1;
  }

  weekday(d: number): number {
    return this.weekdayArr[this.idx(d)] as number;
  }

  /** The n-th working day after d (n = 0 → d), like domain/calendario addWorkingDays. */
  addWorkingDays(d: number, n: number): number {
    if (n === 0) return d;
    const k = (this.workCum[this.idx(d)] as number) + n - 1;
    const r = this.workList[k];
    if (r === undefined) throw new RangeError('Calendario del generatore troppo corto');
    return r;
  }

  /** UTC milliseconds of a Rome wall-clock time (minutes after midnight, 07:00–22:00) on day d. */
  instantMs(d: number, minuteOfDay: number): number {
    return d * DAY_MS + (minuteOfDay - (this.offsetArr[this.idx(d)] as number)) * MIN_MS;
  }

  /** Nearest working day ≥ d and ≤ max, else nearest ≤ d and ≥ min; d if none. */
  workingNear(d: number, min: number, max: number): number {
    for (let x = d; x <= max; x++) if (this.isWorking(x)) return x;
    for (let x = d - 1; x >= min; x--) if (this.isWorking(x)) return x;
    return d;
  }
}

// ───────────────────────────── helpers ─────────────────────────────

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function minutesToTime(m: number): string {
  return `${pad(Math.floor(m / 60), 2)}:${pad(m % 60, 2)}`;
}

/** Letters only, lower case, for e-mail addresses. */
function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Distribute `total` over `n` buckets, each between `min` and `max`, at random. */
function distribute(rng: Random, n: number, total: number, min: number, max: number, weights?: Float64Array): Int32Array {
  if (total < n * min || total > n * max) {
    throw new RangeError(`Impossibile distribuire ${total} elementi su ${n} (min ${min}, max ${max})`);
  }
  const counts = new Int32Array(n).fill(min);
  let left = total - n * min;
  if (left === 0) return counts;
  if (weights === undefined) {
    // Tickets: every bucket has (max - min) places; draw `left` of them without replacement.
    const tickets = new Int32Array(n * (max - min));
    for (let i = 0, k = 0; i < n; i++) for (let j = min; j < max; j++) tickets[k++] = i;
    for (let t = 0; t < left; t++) {
      const j = t + Math.floor(rng.next() * (tickets.length - t));
      const pickIdx = tickets[j] as number;
      tickets[j] = tickets[t] as number;
      tickets[t] = pickIdx;
      counts[pickIdx] = (counts[pickIdx] as number) + 1;
    }
    return counts;
  }
  const cum = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += weights[i] as number;
    cum[i] = s;
  }
  let guard = 0;
  while (left > 0) {
    const i = rng.weightedIndex(cum);
    if ((counts[i] as number) < max) {
      counts[i] = (counts[i] as number) + 1;
      left--;
    } else if (++guard > total * 50) {
      throw new RangeError('Distribuzione non riuscita');
    }
  }
  return counts;
}

function shuffleBytes(rng: Random, a: Uint8Array): Uint8Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
  return a;
}

/** Exactly round(n · share) flags set (at least `min`), at random positions: a share that holds on small sets too. */
function quota(rng: Random, n: number, share: number, min = 0): Uint8Array {
  const flags = new Uint8Array(n);
  flags.fill(1, 0, Math.min(n, Math.max(min, Math.round(n * share))));
  return shuffleBytes(rng, flags);
}

/** For each of n items, the index of its class, in exact proportion to the weights (shuffled). */
function strati(rng: Random, n: number, weights: readonly number[]): Uint8Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Uint8Array(n);
  let k = 0;
  let acc = 0;
  for (let c = 0; c < weights.length; c++) {
    acc += weights[c] as number;
    const end = c === weights.length - 1 ? n : Math.round((acc / total) * n);
    for (; k < end; k++) out[k] = c;
  }
  return shuffleBytes(rng, out);
}

// ───────────────────────────── generator ─────────────────────────────

const ESITI_IDX: readonly Esito[] = ['in_attesa', 'positivo', 'negativo'];
const E_ATTESA = 0;
const E_POSITIVO = 1;
const E_NEGATIVO = 2;

const ST_CONFERMATO = 0;
const ST_CHIUSO = 1;
const ST_CANCELLATO = 2;
const STATI_IDX: readonly AppuntamentoStato[] = ['confermato', 'chiuso_definito', 'cancellato'];

const MODALITA_NON_PRESENZA: readonly Modalita[] = ['richiamata', 'videochiamata'];

interface SedeGen {
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

export function generateDataset(opts: { seed: number; size: DatasetSize; today: IsoDate }): DemoDataset {
  const { seed, size, today } = opts;
  const spec = SIZES[size];
  if (spec === undefined) throw new RangeError(`Dimensione del dataset sconosciuta: «${String(size)}».`);
  if (!Number.isInteger(seed)) throw new RangeError(`Seed non valido: ${seed} (serve un intero).`);
  const T = dayOfIso(today);
  const root = new Random(seed);

  // Calendar: rapporti start up to ~10 years back, deleghe expire up to ~2.5 years ahead.
  const cal = new Calendario(T - 3700, T + 1000);
  /** "Now": today at 00:00 in Rome; every instant of the dataset is before it. */
  const nowMs = cal.instantMs(T - 1, 24 * 60); // midnight keeps the previous day's offset (DST switch days)
  const APP_MIN = T - 372; // earliest booking day / appointment day (≈ 12 months ago)
  const APP_MAX = T + 60; // latest appointment day
  const A_BASE = APP_MIN;
  const A_LEN = APP_MAX - APP_MIN + 1;

  // ── sedi ──
  const rSedi = root.fork('sedi');
  const comuneIdxByNome = new Map<string, number>();
  COMUNI.forEach((c, i) => comuneIdxByNome.set(c.nome, i));
  const sediGen: SedeGen[] = [];
  const ORARI_BASE: readonly [number, number][] = [
    [8 * 60 + 30, 12 * 60 + 30],
    [8 * 60, 12 * 60],
    [8 * 60 + 30, 13 * 60],
    [9 * 60, 12 * 60 + 30],
  ];
  const pomeriggi = quota(rSedi, spec.sedi, 0.45, 1);
  for (let i = 0; i < spec.sedi; i++) {
    const ref = SEDI_INPS[i];
    if (ref === undefined) throw new RangeError('Elenco delle sedi troppo corto');
    const comuneIdx = comuneIdxByNome.get(ref.comune);
    if (comuneIdx === undefined) throw new RangeError(`Comune della sede sconosciuto: ${ref.comune}`);
    const comune = COMUNI[comuneIdx] as Comune;
    const slotMinuti = rSedi.pick([15, 20, 20, 30, 30]);
    const [dalle, alle] = rSedi.pick(ORARI_BASE);
    const pomeriggio = pomeriggi[i] === 1 ? rSedi.pick([15 * 60 + 30, 16 * 60]) : 0;
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
    const modalita: Modalita[] = ['presenza'];
    if (rSedi.chance(0.75)) modalita.push('richiamata');
    if (rSedi.chance(0.35)) modalita.push('videochiamata');
    // Closures: the patron saint's day, a few extraordinary closures, sometimes one coming up.
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
    const chiusureDays = [...chiusureSet].sort((a, b) => a - b);
    const open = new Uint8Array(A_LEN);
    for (let k = 0; k < A_LEN; k++) {
      const d = A_BASE + k;
      open[k] = cal.isWorking(d) && (slotMin[cal.weekday(d)] as number[]).length > 0 && !chiusureSet.has(d) ? 1 : 0;
    }
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
      open,
      hasNonPresenza: modalita.length > 1,
      protocolloCodice: pad(100 + ((i * 337) % 9000), 4),
    });
  }
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
  const maxSlots = sediGen.reduce((m, s) => Math.max(m, ...s.slotMin.map((x) => x.length)), 0);
  const occupied = new Uint8Array(spec.sedi * A_LEN * maxSlots);

  // ── datori ──
  const rDatori = root.fork('datori');
  const SUD = new Set(['Campania', 'Puglia', 'Sicilia', 'Calabria', 'Basilicata', 'Molise', 'Abruzzo', 'Sardegna']);
  // Residence: where the size has a sede; the demo office is in Rome, so Lazio weighs more.
  const residenza = new WeightedTable(
    COMUNI.map((c, i) => [i, sediByComune.has(i) ? c.abitanti * (c.regione === 'Lazio' ? 6 : 1) : 0] as const).filter(
      (e) => e[1] > 0,
    ),
  );
  const nascita = new WeightedTable(COMUNI.map((c, i) => [i, c.abitanti * (SUD.has(c.regione) ? 1.6 : 1)] as const));
  // Age brackets of employers (many elderly employers of badanti), phone and e-mail: exact shares.
  const ETA_DATORE: readonly [number, number][] = [
    [30, 45],
    [45, 65],
    [65, 80],
    [80, 90],
  ];
  const etaStrato = strati(rDatori, spec.datori, [18, 22, 25, 35]);
  const conTelefono = quota(rDatori, spec.datori, 0.7, 1);
  const conEmail = quota(rDatori, spec.datori, 0.4, 1);
  const slugCache = new Map<string, string>();
  const slugOf = (s: string): string => {
    let v = slugCache.get(s);
    if (v === undefined) {
      v = slug(s);
      slugCache.set(s, v);
    }
    return v;
  };
  const cfUsati = new Set<string>();
  const datori: Datore[] = [];
  const datoreEta = new Int32Array(spec.datori);
  const datoreComune = new Int32Array(spec.datori);
  const datoreSede = new Int32Array(spec.datori);
  for (let i = 0; i < spec.datori; i++) {
    const sesso: 'M' | 'F' = rDatori.chance(0.58) ? 'F' : 'M';
    const comuneRes = residenza.draw(rDatori);
    const comuneNascita = rDatori.chance(0.65) ? comuneRes : nascita.draw(rDatori);
    let cf = '';
    let nome = '';
    let cognome = '';
    let nascitaDay = 0;
    for (let attempt = 0; ; attempt++) {
      if (attempt % 5 === 0) {
        nome = rDatori.pick(sesso === 'F' ? NOMI_FEMMINILI : NOMI_MASCHILI);
        cognome = rDatori.pick(COGNOMI);
      }
      const [a, b] = ETA_DATORE[etaStrato[i] as number] as [number, number];
      nascitaDay = T - rDatori.int(Math.ceil(a * 365.25) + 2, Math.floor(b * 365.25) - 2);
      cf = buildCodiceFiscale({
        cognome,
        nome,
        dataNascita: isoOfDay(nascitaDay),
        sesso,
        codiceCatastale: (COMUNI[comuneNascita] as Comune).codiceCatastale,
      });
      if (!cfUsati.has(cf)) break;
      if (attempt > 50) throw new Error('Troppe collisioni di codice fiscale');
    }
    cfUsati.add(cf);
    const comune = COMUNI[comuneRes] as Comune;
    const telefono = conTelefono[i] === 1
      ? `${rDatori.pick(PREFISSI_CELLULARE)}${pad(rDatori.int(0, 9_999_999), 7)}`
      : null;
    const email = conEmail[i] === 1
      ? `${slugOf(nome)}.${slugOf(cognome)}${rDatori.chance(0.5) ? String(rDatori.int(10, 99)) : ''}@${rDatori.pick(DOMINI_EMAIL)}`
      : null;
    datori.push({ codiceFiscale: cf, cognome, nome, comune: comune.nome, provincia: comune.provincia, telefono, email });
    datoreEta[i] = Math.floor((T - nascitaDay) / 365.25);
    datoreComune[i] = comuneRes;
    const locali = sediByComune.get(comuneRes) as number[];
    datoreSede[i] = rDatori.pick(locali);
  }

  // ── deleghe ──
  const rDeleghe = root.fork('deleghe');
  const nD = spec.datori;
  const nDaAttivare = Math.max(1, Math.round(nD * 0.04));
  const nAnnullata = Math.max(1, Math.round(nD * 0.03));
  const nRevocata = Math.max(1, Math.round(nD * 0.04));
  const nAltro = spec.altroIntermediario;
  const nAttiva = nD - nDaAttivare - nAnnullata - nRevocata - nAltro;
  const nInScadenza = Math.max(1, Math.round(nAttiva * 0.04));
  // Kinds: 0 attiva, 1 attiva in scadenza, 2 da_attivare, 3 annullata, 4 revocata, 5 revocata → altro.
  const kinds: number[] = [];
  for (let k = 0; k < nAttiva - nInScadenza; k++) kinds.push(0);
  for (let k = 0; k < nInScadenza; k++) kinds.push(1);
  for (let k = 0; k < nDaAttivare; k++) kinds.push(2);
  for (let k = 0; k < nAnnullata; k++) kinds.push(3);
  for (let k = 0; k < nRevocata; k++) kinds.push(4);
  for (let k = 0; k < nAltro; k++) kinds.push(5);
  rDeleghe.shuffle(kinds);
  const deleghe: Delega[] = [];
  // Active intervals per datore, [from, to): the demo office, then possibly another intermediary.
  const demoDal = new Int32Array(nD).fill(-1);
  const demoAl = new Int32Array(nD).fill(2_000_000_000);
  const altroInt = new Int32Array(nD).fill(-1);
  const altroDal = new Int32Array(nD).fill(-1);
  const datoreDelegaDemoAttiva = new Uint8Array(nD);
  let delegaSeq = 0;
  const nextDelegaId = (): string => `del-${pad(++delegaSeq, 6)}`;
  for (let i = 0; i < nD; i++) {
    const cf = (datori[i] as Datore).codiceFiscale;
    const kind = kinds[i] as number;
    let stato: DelegaStato;
    let sottoscrizione: number;
    let attivazione: number | null = null;
    let scadenza: number | null = null;
    let fine: number | null = null;
    let motivo: string | null = null;
    switch (kind) {
      case 0:
      case 1: {
        stato = 'attiva';
        // Most clients have been with the office for a while.
        sottoscrizione = T - 8 - Math.floor(Math.pow(rDeleghe.next(), 0.6) * 5 * 365);
        attivazione = Math.min(T - 1, sottoscrizione + rDeleghe.int(0, 10));
        if (kind === 1) scadenza = T + rDeleghe.int(1, 30);
        else if (rDeleghe.chance(0.45)) scadenza = T + rDeleghe.int(31, 900);
        break;
      }
      case 2:
        stato = 'da_attivare';
        sottoscrizione = T - rDeleghe.int(1, 30);
        break;
      case 3:
        stato = 'annullata';
        sottoscrizione = T - rDeleghe.int(25, 700);
        fine = Math.min(T - 1, sottoscrizione + rDeleghe.int(2, 20));
        motivo = rDeleghe.pick(MOTIVI_ANNULLAMENTO_DELEGA);
        break;
      default: {
        stato = 'revocata';
        sottoscrizione = T - rDeleghe.int(400, 5 * 365);
        attivazione = sottoscrizione + rDeleghe.int(0, 10);
        fine = rDeleghe.int(Math.max(attivazione + 30, T - 330), T - 5);
        motivo = kind === 5 ? MOTIVO_REVOCA_ALTRO_INTERMEDIARIO : MOTIVO_REVOCA_DATORE;
      }
    }
    deleghe.push({
      id: nextDelegaId(),
      datoreCf: cf,
      intermediarioId: DEMO_INTERMEDIARIO_ID,
      stato,
      dataSottoscrizione: cal.iso(sottoscrizione),
      dataAttivazione: attivazione === null ? null : cal.iso(attivazione),
      dataScadenza: scadenza === null ? null : cal.iso(scadenza),
      dataFine: fine === null ? null : cal.iso(fine),
      motivoFine: motivo,
    });
    if (attivazione !== null) {
      demoDal[i] = attivazione;
      if (fine !== null) demoAl[i] = fine;
    }
    if (stato === 'attiva') datoreDelegaDemoAttiva[i] = 1;
    if (kind === 5 && fine !== null) {
      // The datore signed with another intermediary; its activation revoked ours the same day.
      const altro = rDeleghe.int(1, 2);
      const firma = Math.max(sottoscrizione + 1, fine - rDeleghe.int(0, 7));
      altroInt[i] = altro;
      altroDal[i] = fine;
      deleghe.push({
        id: nextDelegaId(),
        datoreCf: cf,
        intermediarioId: (INTERMEDIARI[altro] as Intermediario).id,
        stato: 'attiva',
        dataSottoscrizione: cal.iso(firma),
        dataAttivazione: cal.iso(fine),
        dataScadenza: rDeleghe.chance(0.3) ? cal.iso(T + rDeleghe.int(31, 900)) : null,
        dataFine: null,
        motivoFine: null,
      });
    }
  }

  // ── rapporti ──
  const rRapporti = root.fork('rapporti');
  const perDatore = distribute(rRapporti, nD, spec.rapporti, 1, 3);
  const paeseTable = new WeightedTable<number>([
    [-1, PESO_LAVORATORI_ITALIANI],
    ...PAESI_LAVORATORI.map((p, i) => [i, p.peso] as const),
  ]);
  const rapporti: Rapporto[] = [];
  const rapDatore = new Int32Array(spec.rapporti);
  const rapInizio = new Int32Array(spec.rapporti);
  const codiciUsati = new Set<string>();
  const cfLavoratori = new Map<string, string>(); // cf → nominativo (a worker keeps one code)
  for (let i = 0; i < nD; i++) {
    const k = perDatore[i] as number;
    const eta = datoreEta[i] as number;
    const starts: number[] = [];
    for (let j = 0; j < k; j++) starts.push(T - 120 - Math.floor(Math.pow(rRapporti.next(), 1.5) * 3400));
    starts.sort((a, b) => a - b);
    let prev: Rapporto | null = null;
    let prevStart = 0;
    for (let j = 0; j < k; j++) {
      const start = starts[j] as number;
      const last = j === k - 1;
      let tipologia: TipologiaRapporto;
      const r = rRapporti.next();
      if (eta >= 75) tipologia = r < 0.72 ? 'badante' : 'colf';
      else if (eta >= 45) tipologia = r < 0.6 ? 'colf' : r < 0.9 ? 'badante' : 'baby_sitter';
      else tipologia = r < 0.5 ? 'baby_sitter' : 'colf';
      let lavoratoreCf: string;
      let lavoratoreNominativo: string;
      if (prev !== null && start - prevStart > 60 && rRapporti.chance(0.3)) {
        // A new contract with the same worker: the previous one ended just before.
        lavoratoreCf = prev.lavoratoreCf;
        lavoratoreNominativo = prev.lavoratoreNominativo;
        tipologia = prev.tipologia;
        const fine = start - rRapporti.int(1, 20);
        if (prev.dataFine === null || dayOfIso(prev.dataFine) >= start) prev.dataFine = cal.iso(Math.max(prevStart + 30, fine));
      } else {
        const femmina = rRapporti.chance(tipologia === 'baby_sitter' ? 0.95 : 0.86);
        const paese = paeseTable.draw(rRapporti);
        let nome: string;
        let cognome: string;
        let catastale: string;
        if (paese < 0) {
          nome = rRapporti.pick(femmina ? NOMI_FEMMINILI : NOMI_MASCHILI);
          cognome = rRapporti.pick(COGNOMI);
          catastale = (COMUNI[nascita.draw(rRapporti)] as Comune).codiceCatastale;
        } else {
          const p = PAESI_LAVORATORI[paese] as (typeof PAESI_LAVORATORI)[number];
          nome = rRapporti.pick(femmina ? p.nomiFemminili : p.nomiMaschili);
          cognome = rRapporti.pick(p.cognomi);
          catastale = p.codiceCatastale;
        }
        const nascitaDay = T - rRapporti.int(Math.ceil(24 * 365.25), Math.floor(66 * 365.25));
        lavoratoreCf = buildCodiceFiscale({
          cognome,
          nome,
          dataNascita: isoOfDay(nascitaDay),
          sesso: femmina ? 'F' : 'M',
          codiceCatastale: catastale,
        });
        lavoratoreNominativo = `${nome} ${cognome}`;
        const gia = cfLavoratori.get(lavoratoreCf);
        if (gia !== undefined) lavoratoreNominativo = gia;
        else cfLavoratori.set(lavoratoreCf, lavoratoreNominativo);
      }
      let fine: number | null = null;
      if (rRapporti.chance(last ? 0.12 : 0.4) && T - 20 > start + 90) fine = rRapporti.int(start + 90, T - 20);
      let codice: string;
      do {
        codice = String(rRapporti.int(1000, 9999)) + pad(rRapporti.int(0, 999_999), 6);
      } while (codiciUsati.has(codice));
      codiciUsati.add(codice);
      const rap: Rapporto = {
        codice,
        datoreCf: (datori[i] as Datore).codiceFiscale,
        lavoratoreCf,
        lavoratoreNominativo,
        tipologia,
        dataInizio: cal.iso(start),
        dataFine: fine === null ? null : cal.iso(fine),
      };
      rapDatore[rapporti.length] = i;
      rapInizio[rapporti.length] = start;
      rapporti.push(rap);
      prev = rap;
      prevStart = start;
    }
  }
  const nR = rapporti.length;

  // ── argomenti ──
  const argomenti: Argomento[] = ARGOMENTI_DEMO.map((a) => ({ ...a }));
  const termini = argomenti.map((a) => a.termineGiorni);
  const argTable = new WeightedTable<number>([
    [0, 25],
    [1, 15],
    [2, 30],
    [3, 14],
    [4, 16],
  ]);

  // ── quesiti ──
  const rQuesiti = root.fork('quesiti');
  const nQ = spec.quesiti;
  // Idoneo from (in attesa): the day after the termine-th working day after dataInvio.
  const idoneoMemo = new Map<number, number>();
  let idoneoChecks = 0;
  const idoneoDal = (invio: number, arg: number): number => {
    const key = invio * 8 + arg;
    let v = idoneoMemo.get(key);
    if (v === undefined) {
      v = cal.addWorkingDays(invio, termini[arg] as number) + 1;
      if (idoneoChecks < 8) {
        // Keep the fast table honest against the domain rule.
        idoneoChecks++;
        const ref = valutaIdoneita(
          { esito: 'in_attesa', dataInvio: cal.iso(invio), dataEsito: null },
          termini[arg] as number,
          cal.iso(invio),
        );
        const refDal = ref.idoneo ? ref.dal : ref.idoneoDal;
        if (refDal !== cal.iso(v)) throw new Error(`Idoneità incoerente con il dominio: ${refDal} ≠ ${cal.iso(v)}`);
      }
      idoneoMemo.set(key, v);
    }
    return v;
  };
  const rapWeights = new Float64Array(nR);
  for (let r = 0; r < nR; r++) {
    const rap = rapporti[r] as Rapporto;
    // Ongoing rapporti raise more quesiti; clients with a delega never activated raise fewer here.
    const base = rap.dataFine === null ? 1 : dayOfIso(rap.dataFine) > T - 400 ? 0.7 : 0.25;
    rapWeights[r] = demoDal[rapDatore[r] as number] === -1 ? base * 0.25 : base;
  }
  const qPerRap = distribute(rQuesiti, nR, nQ, 0, 1_000_000, rapWeights);
  const qRap = new Int32Array(nQ);
  const qInvio = new Int32Array(nQ);
  const qArg = new Uint8Array(nQ);
  const qEsito = new Uint8Array(nQ);
  const qEsitoDay = new Int32Array(nQ).fill(-1);
  const qIdoneo = new Int32Array(nQ);
  const qTesto = new Uint8Array(nQ);
  const qMotivo = new Uint8Array(nQ);
  {
    let q = 0;
    for (let r = 0; r < nR; r++) for (let k = 0; k < (qPerRap[r] as number); k++) qRap[q++] = r;
  }
  // A few quesiti that become idonei in the next days (for the worklist), whatever the seed.
  const nImminenti = Math.max(2, Math.round(nQ * 0.01));
  const imminenti = new Set<number>();
  while (imminenti.size < Math.min(nImminenti, nQ)) imminenti.add(rQuesiti.int(0, nQ - 1));
  const candidati: number[] = [];
  const recenti = quota(rQuesiti, nQ, 0.58);
  for (let q = 0; q < nQ; q++) {
    const r = qRap[q] as number;
    const lo = Math.max(T - 420, (rapInizio[r] as number) + 15);
    const arg = argTable.draw(rQuesiti);
    qArg[q] = arg;
    let invio: number;
    if (imminenti.has(q)) {
      // Sent on a working day such that it becomes idoneo within the next week.
      candidati.length = 0;
      for (let d = T - 1; d >= Math.max(lo, T - 130); d--) {
        if (!cal.isWorking(d)) continue;
        const idon = idoneoDal(d, arg);
        if (idon > T + 7) continue;
        if (idon <= T) break;
        candidati.push(d);
      }
      invio = candidati.length > 0 ? rQuesiti.pick(candidati) : T - 1;
    } else {
      const recent = recenti[q] === 1;
      const a = recent ? Math.max(lo, T - 183) : lo;
      const b = recent ? T - 1 : Math.max(lo, T - 184);
      invio = rQuesiti.int(Math.min(a, T - 1), Math.min(b, T - 1));
      if (rQuesiti.chance(0.95)) invio = cal.workingNear(invio, lo, T - 1);
    }
    qInvio[q] = invio;
    const idon = idoneoDal(invio, arg);
    qIdoneo[q] = idon;
    let esito = E_ATTESA;
    let esitoDay = -1;
    const maxEsito = T - 1;
    if (imminenti.has(q)) {
      esito = E_ATTESA;
    } else if (idon > T - 1) {
      // Still within the termine: mostly waiting, some already answered.
      const x = rQuesiti.next();
      if (x >= 0.8 && invio + 2 <= maxEsito) {
        esito = x < 0.93 ? E_POSITIVO : E_NEGATIVO;
        esitoDay = rQuesiti.int(invio + 2, maxEsito);
      }
    } else {
      const x = rQuesiti.next();
      if (x < spec.quotaInAttesa) esito = E_ATTESA;
      else if (x < spec.quotaInAttesa + spec.quotaNegativo) {
        esito = E_NEGATIVO;
        esitoDay = rQuesiti.int(Math.min(invio + 3, maxEsito), Math.min(maxEsito, invio + 150));
      } else {
        esito = E_POSITIVO;
        const late = rQuesiti.chance(spec.quotaPositivoTardivo) && idon + 3 <= maxEsito;
        if (late) esitoDay = rQuesiti.int(idon + 3, Math.min(maxEsito, idon + 90));
        else esitoDay = rQuesiti.int(Math.min(invio + 3, idon - 1), idon - 1);
      }
    }
    if (esitoDay >= 0) {
      // Answers come on working days.
      const d = cal.workingNear(esitoDay, invio + 1, maxEsito);
      if (d > invio && d <= maxEsito) esitoDay = d;
    }
    qEsito[q] = esito;
    qEsitoDay[q] = esitoDay;
    const argCod = (argomenti[arg] as Argomento).codice;
    qTesto[q] = rQuesiti.int(0, OGGETTI_QUESITO[argCod].length - 1);
    qMotivo[q] = rQuesiti.int(0, 2);
  }
  // Order by dataInvio: ids and protocol numbers grow with time.
  const qOrder = Int32Array.from({ length: nQ }, (_, i) => i).sort((a, b) => (qInvio[a] as number) - (qInvio[b] as number) || a - b);
  const qId = new Array<string>(nQ);
  const quesiti: Quesito[] = new Array<Quesito>(nQ);
  {
    let anno = -1;
    let seq = 0;
    for (let k = 0; k < nQ; k++) {
      const q = qOrder[k] as number;
      const invioIso = cal.iso(qInvio[q] as number);
      const y = Number(invioIso.slice(0, 4));
      if (y !== anno) {
        anno = y;
        seq = rQuesiti.int(1_000, 20_000);
      }
      seq += rQuesiti.int(1, 9);
      const id = `q-${pad(k + 1, 6)}`;
      qId[q] = id;
      const r = qRap[q] as number;
      const arg = qArg[q] as number;
      const argCod = (argomenti[arg] as Argomento).codice;
      const esito = qEsito[q] as number;
      const sedeCod = (sediGen[datoreSede[rapDatore[r] as number] as number] as SedeGen).protocolloCodice;
      quesiti[k] = {
        id,
        protocollo: `INPS.${sedeCod}.${y}.${pad(seq, 7)}`,
        codiceRapporto: (rapporti[r] as Rapporto).codice,
        argomento: argCod,
        oggetto: OGGETTI_QUESITO[argCod][qTesto[q] as number] as string,
        dataInvio: invioIso,
        esito: ESITI_IDX[esito] as Esito,
        dataEsito: esito === E_ATTESA ? null : cal.iso(qEsitoDay[q] as number),
        motivoEsito:
          esito === E_ATTESA
            ? null
            : ((esito === E_POSITIVO ? MOTIVI_POSITIVO : MOTIVI_NEGATIVO)[argCod][qMotivo[q] as number] as string),
      };
    }
  }

  // ── booking windows and groups ──
  // A quesito can be booked on day B when, seen as it was on B, it is idoneo:
  // in attesa → B ≥ idoneoDal; negativo → from its esito on (or earlier, once idoneo while waiting);
  // positivo → only while still waiting past the termine (B < dataEsito).
  const rApp = root.fork('appuntamenti');
  const wLo = new Int32Array(nQ);
  const wHi = new Int32Array(nQ).fill(-1);
  for (let q = 0; q < nQ; q++) {
    const e = qEsito[q] as number;
    const idon = qIdoneo[q] as number;
    let lo = idon;
    let hi = T - 1;
    if (e === E_NEGATIVO) lo = Math.min(idon, qEsitoDay[q] as number);
    else if (e === E_POSITIVO) hi = (qEsitoDay[q] as number) - 1;
    lo = Math.max(lo, APP_MIN);
    wLo[q] = lo;
    wHi[q] = hi;
  }
  // Quesiti per rapporto, bookable ones sorted by window start.
  const rapQStart = new Int32Array(nR + 1);
  for (let q = 0; q < nQ; q++) {
    if ((wLo[q] as number) > (wHi[q] as number)) continue;
    const k = (qRap[q] as number) + 1;
    rapQStart[k] = (rapQStart[k] as number) + 1;
  }
  for (let r = 0; r < nR; r++) rapQStart[r + 1] = (rapQStart[r + 1] as number) + (rapQStart[r] as number);
  const rapQ = new Int32Array(rapQStart[nR] as number);
  {
    const fill = rapQStart.slice(0, nR);
    for (let q = 0; q < nQ; q++) {
      if ((wLo[q] as number) > (wHi[q] as number)) continue;
      const r = qRap[q] as number;
      const pos = fill[r] as number;
      rapQ[pos] = q;
      fill[r] = pos + 1;
    }
  }
  const groupQ: number[] = []; // flat list of quesiti
  const groupStart: number[] = [];
  const groupLo: number[] = [];
  const groupHi: number[] = [];
  const groupRap: number[] = [];
  const groupScartato: number[] = [];
  const groupAttesa: number[] = []; // 1 when a member is in attesa (so idoneo today)
  for (let r = 0; r < nR; r++) {
    const a = rapQStart[r] as number;
    const b = rapQStart[r + 1] as number;
    if (a === b) continue;
    const list = Array.from(rapQ.subarray(a, b)).sort((x, y) => (wLo[x] as number) - (wLo[y] as number) || x - y);
    let k = 0;
    while (k < list.length) {
      const first = list[k++] as number;
      let lo = wLo[first] as number;
      let hi = wHi[first] as number;
      const members = [first];
      while (k < list.length && members.length < 3 && rApp.chance(spec.quotaMultiQuesito)) {
        const nxt = list[k] as number;
        const nlo = Math.max(lo, wLo[nxt] as number);
        const nhi = Math.min(hi, wHi[nxt] as number);
        if (nhi - nlo < 4) break;
        members.push(nxt);
        lo = nlo;
        hi = nhi;
        k++;
      }
      // Leave some idonei quesiti unbooked (the worklist), above all the ones idonei only lately.
      groupScartato.push(rApp.chance(lo >= T - 30 ? spec.nonPrenotatiRecenti : spec.nonPrenotati) ? 1 : 0);
      groupAttesa.push(members.some((m) => qEsito[m] === E_ATTESA) ? 1 : 0);
      groupStart.push(groupQ.length);
      for (const m of members) groupQ.push(m);
      groupLo.push(lo);
      groupHi.push(hi);
      groupRap.push(r);
    }
  }
  groupStart.push(groupQ.length);
  {
    // At least one group of quesiti waiting past their termine stays unbooked, whatever the seed.
    const attesa: number[] = [];
    let lasciato = false;
    for (let gi = 0; gi < groupLo.length; gi++) {
      if (groupAttesa[gi] !== 1) continue;
      if (groupScartato[gi] === 1) lasciato = true;
      else attesa.push(gi);
    }
    if (!lasciato && attesa.length > 1) groupScartato[rApp.pick(attesa)] = 1;
  }
  let used: number[] = [];
  for (let gi = 0; gi < groupLo.length; gi++) if (groupScartato[gi] === 0) used.push(gi);
  let nG = used.length;
  const N = spec.appuntamenti;
  const targetGroups = Math.round(N * (1 - spec.quotaRiprenotazioni));
  if (nG > targetGroups) {
    used = rApp
      .shuffle(used)
      .slice(0, targetGroups)
      .sort((a, b) => a - b);
    nG = targetGroups;
  }
  // Chain lengths: 1 + re-bookings, each needing at least one day of the window.
  const extra = N - nG;
  if (extra < 0) throw new Error('Troppi gruppi di quesiti');
  const cap = new Int32Array(nG);
  let capTot = 0;
  for (let g = 0; g < nG; g++) {
    const gi = used[g] as number;
    const len = (groupHi[gi] as number) - (groupLo[gi] as number) + 1;
    const c = Math.max(0, Math.min(spec.catenaMax, len) - 1);
    cap[g] = c;
    capTot += c;
  }
  if (capTot < extra) {
    throw new Error(`Dataset non generabile: servono ${extra} riprenotazioni, possibili ${capTot} (seed ${seed}).`);
  }
  const chainLen = new Int32Array(nG).fill(1);
  {
    const tickets = new Int32Array(capTot);
    for (let g = 0, k = 0; g < nG; g++) for (let c = 0; c < (cap[g] as number); c++) tickets[k++] = g;
    for (let t = 0; t < extra; t++) {
      const j = t + Math.floor(rApp.next() * (capTot - t));
      const g = tickets[j] as number;
      tickets[j] = tickets[t] as number;
      tickets[t] = g;
      chainLen[g] = (chainLen[g] as number) + 1;
    }
  }

  // ── appointments ──
  const leadTable = new WeightedTable<[number, number]>([
    [[1, 7], 25],
    [[8, 20], 45],
    [[21, 40], 25],
    [[41, 59], 5],
  ]);
  const apps: Appuntamento[] = new Array<Appuntamento>(N);
  const appCreato = new Float64Array(N);
  const appFine = new Float64Array(N); // cancellation / closing instant, 0 when none
  const appEndMsg = new Float64Array(N);
  const appGestito = new Uint8Array(N);
  const appDatore = new Int32Array(N);
  const appStato = new Uint8Array(N);
  const appCancDa = new Uint8Array(N); // 0 none, 1 utente, 2 sede
  const appB = new Int32Array(N);
  const appData = new Int32Array(N);
  const appInAttesa = new Uint8Array(N);
  let nApp = 0;
  // Groups idonei up to yesterday that surely give an upcoming, confirmed appointment.
  const agenda = new Uint8Array(nG);
  if (spec.agendaMinima > 0) {
    const aperti: number[] = [];
    for (let g = 0; g < nG; g++) if (groupHi[used[g] as number] === T - 1) aperti.push(g);
    rApp.shuffle(aperti);
    for (let k = 0; k < Math.min(spec.agendaMinima, aperti.length); k++) agenda[aperti[k] as number] = 1;
  }
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
  const minuteAfter = (day: number, afterMs: number, lo: number, hi: number): number => {
    // A Rome wall-clock minute in [lo, hi] on `day`, strictly after `afterMs` when on the same day.
    const first = Math.max(lo, Math.floor((afterMs - cal.instantMs(day, 0)) / MIN_MS) + 1);
    return first > hi ? hi + 1 : rApp.int(first, Math.max(first, hi));
  };
  const secs = (): number => rApp.int(0, 59_999);
  /** An instant on a day in [B, maxDay], after `creato`: when an appointment was cancelled or closed. */
  const instantBetween = (B: number, creato: number, maxDay: number): number => {
    const d = rApp.int(B, Math.max(B, maxDay));
    const m = minuteAfter(d, creato, 7 * 60, 21 * 60 + 45);
    const ms = cal.instantMs(d, Math.min(m, 21 * 60 + 59)) + secs();
    return ms > creato ? ms : creato + MIN_MS;
  };

  for (let g = 0; g < nG; g++) {
    const gi = used[g] as number;
    const lo = groupLo[gi] as number;
    const hi = groupHi[gi] as number;
    const r = groupRap[gi] as number;
    const datore = rapDatore[r] as number;
    const rap = rapporti[r] as Rapporto;
    const qa = groupStart[gi] as number;
    const qb = groupStart[gi + 1] as number;
    const qIds: string[] = [];
    let minPositivo = Infinity;
    let inAttesa = false;
    for (let k = qa; k < qb; k++) {
      const q = groupQ[k] as number;
      qIds.push(qId[q] as string);
      if (qEsito[q] === E_POSITIVO) minPositivo = Math.min(minPositivo, qEsitoDay[q] as number);
      else if (qEsito[q] === E_ATTESA) inAttesa = true;
    }
    qIds.sort();
    const L = chainLen[g] as number;
    // Most people book soon after the quesiti become idonei (and re-book soon after a
    // cancellation); some wait until the end of the window (for most, the last days).
    // Early bookers use the first `len` days of the window, late ones the last `len` days.
    const len = Math.min(hi - lo + 1, rApp.int(7, 35) * L + rApp.int(0, 14));
    const inAgenda = agenda[g] === 1;
    const from = inAgenda || rApp.chance(spec.quotaPrenotazioniTardive) ? hi - len + 1 : lo;
    const pref = datoreSede[datore] as number;
    const altSedi = sediByRegione.get((COMUNI[datoreComune[datore] as number] as Comune).regione) as number[];
    for (let i = 0; i < L; i++) {
      const segLo = from + Math.floor((i * len) / L);
      const segHi = from + Math.floor(((i + 1) * len) / L) - 1;
      const final = i === L - 1;
      let B = rApp.int(final && inAgenda ? Math.max(segLo, T - 14) : segLo, segHi);
      if (!cal.isWorking(B) && rApp.chance(0.9)) B = cal.workingNear(B, segLo, segHi);
      // Who books: an operator of the intermediary holding an active delega that day, or the citizen.
      let inter = -1;
      if (B >= (demoDal[datore] as number) && (demoDal[datore] as number) >= 0 && B < (demoAl[datore] as number)) inter = 0;
      else if ((altroInt[datore] as number) >= 0 && B >= (altroDal[datore] as number)) inter = altroInt[datore] as number;
      // Operators book on working days; weekend bookings are the citizen's own.
      const gestito = inter >= 0 && rApp.chance(0.93) && cal.isWorking(B);
      const operatore = gestito ? rApp.pick(DEMO_OPERATORI_PER_INTERMEDIARIO[inter] as readonly number[]) : -1;
      const creatoMin = gestito ? rApp.int(8 * 60 + 30, 18 * 60) : rApp.int(7 * 60, 21 * 60 + 30);
      const creato = cal.instantMs(B, creatoMin) + secs();
      const sedePref = rApp.chance(0.85) ? pref : rApp.pick(altSedi);
      const [la, lb] = leadTable.draw(rApp);
      // A booking later cancelled and re-booked: mostly for a day already past.
      // With a positive answer to come, the appointment usually came first (and led to it).
      let maxDay = final || B + 1 > T - 1 ? APP_MAX : T - 1;
      if (final && minPositivo - 1 >= B + 1 && rApp.chance(0.75)) maxDay = Math.min(maxDay, minPositivo - 1);
      let target = Math.min(B + rApp.int(la, lb), maxDay);
      if (final && inAgenda) target = Math.min(Math.max(target, T + rApp.int(1, 20)), APP_MAX);
      findSlot(sedePref, B + 1, target, maxDay);
      const sg = sediGen[slotOut.sede] as SedeGen;
      const data = slotOut.day;
      const slot = slotOut.slot;
      const slotMinute = (sg.slotMin[cal.weekday(data)] as number[])[slot] as number;
      // State.
      let stato = ST_CONFERMATO;
      let cancDa = 0;
      let fineMs = 0;
      let motivo: string | null = null;
      if (!final) {
        stato = ST_CANCELLATO;
        cancDa = rApp.chance(0.65) ? 1 : 2;
        fineMs = instantBetween(B, creato, Math.min(segHi, data - 1, T - 1));
      } else if (data >= minPositivo) {
        // The quesito was answered positively before the appointment: nothing left to discuss.
        const m = minuteAfter(minPositivo, creato, 9 * 60, 17 * 60);
        fineMs = cal.instantMs(minPositivo, Math.min(m, 17 * 60 + 59)) + secs();
        if (rApp.chance(0.7)) {
          stato = ST_CHIUSO;
          motivo = MOTIVO_CHIUSURA_QUESITO_POSITIVO;
        } else {
          stato = ST_CANCELLATO;
          cancDa = 2;
          motivo = MOTIVO_DISDETTA_QUESITO_DEFINITO;
        }
      } else if (data >= T) {
        if (!inAgenda && rApp.chance(0.08)) {
          stato = ST_CANCELLATO;
          cancDa = rApp.chance(0.6) ? 1 : 2;
          fineMs = instantBetween(B, creato, T - 1);
        }
      } else {
        // Closed as defined only when INPS has answered (a quesito still waiting is not defined).
        const x = rApp.next();
        if (x < 0.25) {
          if (!inAttesa) {
            stato = ST_CHIUSO;
            motivo = rApp.pick(MOTIVI_CHIUSURA);
            fineMs = instantBetween(B, creato, data - 1);
          }
        } else if (x < 0.25 + spec.quotaCancellatiPassati) {
          stato = ST_CANCELLATO;
          cancDa = rApp.chance(0.6) ? 1 : 2;
          fineMs = instantBetween(B, creato, data - 1);
        }
      }
      if (stato === ST_CANCELLATO && motivo === null) {
        motivo = cancDa === 1 ? rApp.pick(MOTIVI_CANCELLAZIONE_UTENTE) : rApp.pick(MOTIVI_DISDETTA_SEDE);
      }
      if (fineMs >= nowMs) fineMs = nowMs - MIN_MS;
      if (stato !== ST_CANCELLATO) occupied[slotOut.sede * A_LEN * maxSlots + (data - A_BASE) * maxSlots + slot] = 1;
      let modalita: Modalita = 'presenza';
      if (sg.hasNonPresenza && rApp.chance(0.35)) {
        const mods = sg.sede.modalita;
        modalita = mods.length === 2 ? (mods[1] as Modalita) : rApp.pick(MODALITA_NON_PRESENZA);
      }
      const nota = rApp.chance(0.35) ? rApp.pick(NOTE_APPUNTAMENTO) : null;
      const creatoIso = new Date(creato).toISOString();
      apps[nApp] = {
        id: '',
        codiceRapporto: rap.codice,
        datoreCf: rap.datoreCf,
        sedeId: sg.sede.id,
        data: cal.iso(data),
        ora: (sg.slotStr[cal.weekday(data)] as string[])[slot] as string,
        modalita,
        stato: STATI_IDX[stato] as AppuntamentoStato,
        cancellatoDa: cancDa === 0 ? null : ((cancDa === 1 ? 'utente' : 'sede') as CancellatoDa),
        motivoStato: motivo,
        nota,
        gestitoDaIntermediario: gestito,
        operatoreId: operatore >= 0 ? (DEMO_OPERATORI[operatore] as Operatore).id : null,
        quesitiIds: qIds.slice(),
        creatoIl: creatoIso,
        aggiornatoIl: fineMs > 0 ? new Date(fineMs).toISOString() : creatoIso,
      };
      appCreato[nApp] = creato;
      appFine[nApp] = fineMs;
      appEndMsg[nApp] = fineMs > 0 ? fineMs + 2 * DAY_MS : cal.instantMs(data, Math.min(slotMinute + 60, 20 * 60));
      appGestito[nApp] = gestito ? 1 : 0;
      appDatore[nApp] = datore;
      appStato[nApp] = stato;
      appCancDa[nApp] = cancDa;
      appB[nApp] = B;
      appData[nApp] = data;
      appInAttesa[nApp] = inAttesa ? 1 : 0;
      nApp++;
    }
  }
  if (nApp !== N) throw new Error(`Appuntamenti generati ${nApp}, attesi ${N}`);
  // Small sets: make sure both kinds of cancellation and the closed state show up.
  {
    let utente = -1;
    let sede = -1;
    let chiuso = false;
    for (let a = 0; a < N; a++) {
      if (appCancDa[a] === 1) utente = a;
      else if (appCancDa[a] === 2) sede = a;
      if (appStato[a] === ST_CHIUSO) chiuso = true;
    }
    if (utente < 0 && sede >= 0) {
      const app = apps[sede] as Appuntamento;
      app.cancellatoDa = 'utente';
      app.motivoStato = rApp.pick(MOTIVI_CANCELLAZIONE_UTENTE);
      appCancDa[sede] = 1;
    } else if (sede < 0 && utente >= 0) {
      const app = apps[utente] as Appuntamento;
      app.cancellatoDa = 'sede';
      app.motivoStato = rApp.pick(MOTIVI_DISDETTA_SEDE);
      appCancDa[utente] = 2;
    }
    if (!chiuso) {
      // Close a past confirmed appointment, preferably one whose quesiti INPS has answered.
      let pick = -1;
      for (let a = 0; a < N; a++) {
        if (appStato[a] !== ST_CONFERMATO || (appData[a] as number) >= T) continue;
        if (pick < 0 || (appInAttesa[pick] === 1 && appInAttesa[a] === 0)) pick = a;
      }
      if (pick >= 0) {
        const app = apps[pick] as Appuntamento;
        const fine = instantBetween(appB[pick] as number, appCreato[pick] as number, (appData[pick] as number) - 1);
        app.stato = 'chiuso_definito';
        app.motivoStato = rApp.pick(MOTIVI_CHIUSURA);
        app.aggiornatoIl = new Date(fine).toISOString();
        appStato[pick] = ST_CHIUSO;
        appFine[pick] = fine;
        appEndMsg[pick] = fine + 2 * DAY_MS;
      }
    }
  }
  // Ids grow with creation time.
  const aOrder = Int32Array.from({ length: N }, (_, i) => i).sort(
    (a, b) => (appCreato[a] as number) - (appCreato[b] as number) || a - b,
  );
  const appuntamenti: Appuntamento[] = new Array<Appuntamento>(N);
  for (let k = 0; k < N; k++) {
    const a = aOrder[k] as number;
    const app = apps[a] as Appuntamento;
    app.id = `app-${pad(k + 1, 6)}`;
    appuntamenti[k] = app;
  }

  // ── comunicazioni ──
  const rCom = root.fork('comunicazioni');
  const M = spec.comunicazioni;
  const perApp = new Int32Array(N);
  const countTable = new WeightedTable<number>([
    [0, 15],
    [1, 25],
    [2, 25],
    [3, 17],
    [4, 11],
    [5, 7],
  ]);
  let sum = 0;
  for (let a = 0; a < N; a++) {
    const c = countTable.draw(rCom);
    perApp[a] = c;
    sum += c;
  }
  while (sum < M) {
    const a = rCom.int(0, N - 1);
    if ((perApp[a] as number) < 5) {
      perApp[a] = (perApp[a] as number) + 1;
      sum++;
    }
  }
  while (sum > M) {
    const a = rCom.int(0, N - 1);
    if ((perApp[a] as number) > 0) {
      perApp[a] = (perApp[a] as number) - 1;
      sum--;
    }
  }
  const cApp = new Int32Array(M);
  const cTime = new Float64Array(M);
  const cAutore = new Uint8Array(M); // 0 sede, 1 intermediario, 2 cittadino
  const cTesto: string[] = new Array<string>(M);
  const AUTORI: readonly AutoreComunicazione[] = ['sede', 'intermediario', 'cittadino'];
  const times: number[] = [];
  let c = 0;
  for (let a = 0; a < N; a++) {
    const n = perApp[a] as number;
    if (n === 0) continue;
    const start = (appCreato[a] as number) + MIN_MS;
    let end = Math.min(nowMs - MIN_MS, appEndMsg[a] as number);
    if (end <= start + MIN_MS) end = Math.min(nowMs - MIN_MS, start + 6 * 3_600_000);
    times.length = 0;
    for (let k = 0; k < n; k++) {
      let t = start + Math.floor(rCom.next() * (end - start));
      // Messages are written in the daytime (08:00–19:59 in Rome).
      const day = Math.floor(t / DAY_MS);
      const local = Math.floor((t - cal.instantMs(day, 0)) / MIN_MS);
      if (local < 8 * 60 || local >= 20 * 60) {
        const moved = cal.instantMs(local < 8 * 60 ? day : day + 1, rCom.int(8 * 60, 19 * 60 + 59)) + rCom.int(0, 59_999);
        if (moved > start && moved < end) t = moved;
      }
      times.push(t);
    }
    times.sort((x, y) => x - y);
    const gestito = appGestito[a] === 1;
    const stato = appStato[a] as number;
    const fine = appFine[a] as number;
    for (let k = 0; k < n; k++) {
      const t = times[k] as number;
      let autore: number;
      let testo: string;
      const lastAfterFine = k === n - 1 && fine > 0 && t > fine;
      if (lastAfterFine && (stato === ST_CHIUSO || (stato === ST_CANCELLATO && appCancDa[a] === 2))) {
        autore = 0;
        testo = rCom.pick(stato === ST_CHIUSO ? MSG_SEDE_CHIUSURA : MSG_SEDE_DISDETTA);
      } else {
        const x = rCom.next();
        autore = gestito ? (x < 0.45 ? 0 : x < 0.9 ? 1 : 2) : x < 0.5 ? 0 : 2;
        testo = rCom.pick(autore === 0 ? MSG_SEDE : autore === 1 ? MSG_INTERMEDIARIO : MSG_CITTADINO);
      }
      cApp[c] = a;
      cTime[c] = t;
      cAutore[c] = autore;
      cTesto[c] = testo;
      c++;
    }
  }
  const cOrder = Int32Array.from({ length: M }, (_, i) => i).sort(
    (x, y) => (cTime[x] as number) - (cTime[y] as number) || x - y,
  );
  const comunicazioni: Comunicazione[] = new Array<Comunicazione>(M);
  for (let k = 0; k < M; k++) {
    const i = cOrder[k] as number;
    comunicazioni[k] = {
      id: `com-${pad(k + 1, 6)}`,
      appuntamentoId: (apps[cApp[i] as number] as Appuntamento).id,
      autore: AUTORI[cAutore[i] as number] as AutoreComunicazione,
      testo: cTesto[i] as string,
      inviataIl: new Date(cTime[i] as number).toISOString(),
    };
  }

  // ── accounts ──
  const accounts: DemoAccount[] = DEMO_OPERATORI.map((o) => ({
    username: o.username,
    password: DEMO_PASSWORD,
    operatoreId: o.id,
    intermediarioId: o.intermediarioId,
  }));
  // Citizens: the datori with most self-booked appointments (and an active delega, to show both).
  const selfBooked = new Int32Array(nD);
  for (let a = 0; a < N; a++) {
    if (appGestito[a] !== 0) continue;
    const d = appDatore[a] as number;
    selfBooked[d] = (selfBooked[d] as number) + 1;
  }
  const cittadini = Array.from({ length: nD }, (_, i) => i)
    .sort((x, y) => (selfBooked[y] as number) - (selfBooked[x] as number) || (datoreDelegaDemoAttiva[y] as number) - (datoreDelegaDemoAttiva[x] as number) || x - y)
    .slice(0, Math.min(3, nD));
  const citizenAccounts: CitizenAccount[] = cittadini.map((i, k) => ({
    username: `cittadino${k + 1}`,
    password: DEMO_PASSWORD,
    datoreCf: (datori[i] as Datore).codiceFiscale,
  }));

  return {
    seed,
    size,
    today,
    intermediari: INTERMEDIARI.map((x) => ({ ...x })),
    operatori: DEMO_OPERATORI.map((x) => ({ ...x })),
    accounts,
    citizenAccounts,
    datori,
    deleghe,
    rapporti,
    argomenti,
    quesiti,
    sedi: sediGen.map((s) => s.sede),
    appuntamenti,
    comunicazioni,
  };
}
