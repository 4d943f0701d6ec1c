// Italian working days and Europe/Rome time.
// IsoDate arithmetic is done on strings and UTC fields only, so results never depend on the
// machine's time zone (process.env.TZ, the operator's Windows settings, the browser).
import { tzOffset } from '@date-fns/tz';
import type { IsoDate, IsoInstant, LocalTime } from '../model';

export const ROME_TIME_ZONE = 'Europe/Rome';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A real calendar day written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one (setUTCFullYear, unlike Date.UTC,
  // does not map years 0–99 to 1900–1999).
  const last = new Date(0);
  last.setUTCFullYear(y, mo, 0);
  return d <= last.getUTCDate();
}

/** 'HH:MM', 00:00–23:59. */
export function isLocalTime(s: string): boolean {
  return LOCAL_TIME.test(s);
}

function assertIsoDate(d: IsoDate): void {
  if (!isIsoDate(d)) throw new RangeError(`Data non valida: «${d}» (atteso AAAA-MM-GG).`);
}

/** Milliseconds of UTC midnight of the day. */
function toUtcMs(d: IsoDate): number {
  assertIsoDate(d);
  const date = new Date(0);
  date.setUTCFullYear(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return date.getTime();
}

function fromUtcMs(ms: number): IsoDate {
  const date = new Date(ms);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(d: IsoDate): number {
  const day = new Date(toUtcMs(d)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Numero di giorni non intero: ${n}.`);
  return fromUtcMs(toUtcMs(d) + n * MS_PER_DAY);
}

/** Calendar days from one day to another (negative when `al` comes first). */
export function giorniTra(dal: IsoDate, al: IsoDate): number {
  return Math.round((toUtcMs(al) - toUtcMs(dal)) / MS_PER_DAY);
}

/** Negative, zero or positive like a sort comparator. Same-format strings sort as dates. */
export function compareIsoDate(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 'dd/mm/yyyy', as Italian operators read dates. */
export function formatDataIt(d: IsoDate): string {
  assertIsoDate(d);
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** Easter Sunday, Gregorian calendar (anonymous computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583) throw new RangeError(`Anno non valido: ${year}.`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

// Fixed-date national holidays (L. 260/1949 and later amendments), as MM-DD.
const FESTIVITA_FISSE: readonly string[] = [
  '01-01', // Capodanno
  '01-06', // Epifania
  '04-25', // Liberazione
  '05-01', // Festa del lavoro
  '06-02', // Festa della Repubblica
  '08-15', // Assunzione
  '11-01', // Ognissanti
  '12-08', // Immacolata
  '12-25', // Natale
  '12-26', // Santo Stefano
];
/** San Francesco d'Assisi, national holiday again from 2026 (L. 151/2025). */
const SAN_FRANCESCO_DAL = 2026;

const festivitaCache = new Map<number, { list: readonly IsoDate[]; set: ReadonlySet<IsoDate> }>();

function festivitaOf(year: number): { list: readonly IsoDate[]; set: ReadonlySet<IsoDate> } {
  const cached = festivitaCache.get(year);
  if (cached !== undefined) return cached;
  const y = pad(year, 4);
  const pasqua = easterSunday(year);
  const days = [...FESTIVITA_FISSE.map((md) => `${y}-${md}`), pasqua, addDays(pasqua, 1)];
  if (year >= SAN_FRANCESCO_DAL) days.push(`${y}-10-04`);
  days.sort(compareIsoDate);
  const entry = { list: Object.freeze(days), set: new Set(days) };
  festivitaCache.set(year, entry);
  return entry;
}

/** National public holidays of the year, sorted (a fresh array each call). */
export function festivitaNazionali(year: number): IsoDate[] {
  return [...festivitaOf(year).list];
}

export function isFestivita(d: IsoDate): boolean {
  assertIsoDate(d);
  return festivitaOf(Number(d.slice(0, 4))).set.has(d);
}

/** Monday to Friday and not a national holiday. */
export function isWorkingDay(d: IsoDate): boolean {
  return isoWeekday(d) <= 5 && !isFestivita(d);
}

/** The n-th working day after d (n = 0 → d itself, whatever day it is). */
export function addWorkingDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Numero di giorni lavorativi non valido: ${n}.`);
  assertIsoDate(d);
  let current = d;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

/** Working days in (from, to]; 0 when to ≤ from. Arithmetic per week, so long ranges stay cheap. */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const fromMs = toUtcMs(from);
  const toMs = toUtcMs(to);
  if (toMs <= fromMs) return 0;
  const totalDays = Math.round((toMs - fromMs) / MS_PER_DAY);
  let weekdays = Math.floor(totalDays / 7) * 5;
  // The remaining < 7 days are the last ones of the range.
  for (let i = totalDays - (totalDays % 7) + 1; i <= totalDays; i++) {
    const wd = new Date(fromMs + i * MS_PER_DAY).getUTCDay();
    if (wd !== 0 && wd !== 6) weekdays++;
  }
  let holidays = 0;
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const f of festivitaOf(y).list) {
      if (f > from && f <= to && isoWeekday(f) <= 5) holidays++;
    }
  }
  return weekdays - holidays;
}

function toDate(instant: Date | string): Date {
  const date = instant instanceof Date ? new Date(instant.getTime()) : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Istante non valido: «${String(instant)}».`);
  return date;
}

/** The Europe/Rome calendar day of an instant. */
export function romeDate(instant: Date | string): IsoDate {
  const date = toDate(instant);
  // Shift by Rome's offset at that instant, then read the UTC fields as Rome's wall clock.
  const shifted = date.getTime() + tzOffset(ROME_TIME_ZONE, date) * MS_PER_MINUTE;
  return fromUtcMs(shifted);
}

/**
 * The UTC instant of a Rome wall-clock time. Around DST changes it behaves like
 * Temporal's 'compatible': a time skipped in spring (02:30 on the last Sunday of March)
 * moves forward by the gap (→ 03:30 CEST); a time repeated in autumn takes the first one (CEST).
 */
export function romeInstant(date: IsoDate, time: LocalTime): IsoInstant {
  if (!isLocalTime(time)) throw new RangeError(`Ora non valida: «${time}» (atteso HH:MM).`);
  const wall = toUtcMs(date) + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))) * MS_PER_MINUTE;
  // Rome changes offset at most once in any 48 hours: the offsets a day either side bracket it.
  const before = tzOffset(ROME_TIME_ZONE, new Date(wall - MS_PER_DAY));
  const after = tzOffset(ROME_TIME_ZONE, new Date(wall + MS_PER_DAY));
  const candidates = [wall - before * MS_PER_MINUTE, wall - after * MS_PER_MINUTE].filter(
    (t) => t + tzOffset(ROME_TIME_ZONE, new Date(t)) * MS_PER_MINUTE === wall,
  );
  // No candidate: the time falls in the spring gap; reading it with the earlier offset moves it forward.
  const instant = candidates.length > 0 ? Math.min(...candidates) : wall - before * MS_PER_MINUTE;
  return new Date(instant).toISOString();
}
