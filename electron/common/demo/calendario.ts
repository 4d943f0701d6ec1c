// Day numbers (days since 1970-01-01, UTC) and a precomputed calendar, so hot loops never parse dates.
import { isWorkingDay } from '../domain/calendario';

export const DAY_MS = 86_400_000;
export const MIN_MS = 60_000;

export function dayOfIso(s: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new RangeError(`Data non valida: «${s}» (atteso AAAA-MM-GG).`);
  const d = Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / DAY_MS;
  if (isoOfDay(d) !== s) throw new RangeError(`Data non valida: «${s}».`);
  return d;
}

export function isoOfDay(d: number): string {
  return new Date(d * DAY_MS).toISOString().slice(0, 10);
}

/** Last Sunday of a month (0-based month), as a day number. */
function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0) / DAY_MS;
  const wd = new Date(last * DAY_MS).getUTCDay();
  return last - wd;
}

/** Every day from `from` to `to`: its ISO string, working-day flag, weekday, Rome's UTC offset. */
export class Calendario {
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
