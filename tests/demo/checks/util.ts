// Helpers of the dataset checks: a capped list of problems, and the readings of codici fiscali,
// dates and times the rules compare.
import type { Delega, IsoDate, Quesito } from '../../../electron/common/model';

/** At most this many problems: a rule broken on 200,000 rows would otherwise list every row. */
export const MAX_PROBLEMS = 30;

export interface Problems {
  /** The problems found, at most MAX_PROBLEMS. */
  list: string[];
  /** Records `msg` when `cond` fails; a function message is built only when it is kept. */
  ok(cond: boolean, msg: string | (() => string)): void;
}

export function problems(): Problems {
  const list: string[] = [];
  return {
    list,
    ok(cond, msg) {
      if (!cond && list.length < MAX_PROBLEMS) list.push(typeof msg === 'string' ? msg : msg());
    },
  };
}

const MONTHS = 'ABCDEHLMPRST';

/** Birth date and sex written in a (non-omocode) codice fiscale. */
export function decodeCf(cf: string, today: IsoDate): { nascita: IsoDate; sesso: 'M' | 'F' } {
  const yy = Number(cf.slice(6, 8));
  const year = 2000 + yy > Number(today.slice(0, 4)) ? 1900 + yy : 2000 + yy;
  const month = MONTHS.indexOf(cf.charAt(8)) + 1;
  const dd = Number(cf.slice(9, 11));
  return {
    nascita: `${year}-${String(month).padStart(2, '0')}-${String(dd > 40 ? dd - 40 : dd).padStart(2, '0')}`,
    sesso: dd > 40 ? 'F' : 'M',
  };
}

export function ageOn(nascita: IsoDate, today: IsoDate): number {
  let age = Number(today.slice(0, 4)) - Number(nascita.slice(0, 4));
  if (today.slice(5) < nascita.slice(5)) age--;
  return age;
}

/** The check digit of an 11-digit codice fiscale (a company's, as the intermediari have). */
export function luhn11(cf: string): boolean {
  if (!/^\d{11}$/.test(cf)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const n = Number(cf.charAt(i));
    sum += i % 2 === 0 ? n : n * 2 > 9 ? n * 2 - 9 : n * 2;
  }
  return (10 - (sum % 10)) % 10 === Number(cf.charAt(10));
}

/** 'HH:MM' → minutes after midnight. */
export function minutes(t: string): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

/** The quesito as it stood on day `d`: an esito given later was still 'in attesa'. */
export function asOf(q: Quesito, d: IsoDate): { esito: Quesito['esito']; dataInvio: IsoDate; dataEsito: IsoDate | null } {
  if (q.dataEsito !== null && q.dataEsito <= d) return { esito: q.esito, dataInvio: q.dataInvio, dataEsito: q.dataEsito };
  return { esito: 'in_attesa', dataInvio: q.dataInvio, dataEsito: null };
}

export function activeOn(d: Delega, day: IsoDate): boolean {
  return d.dataAttivazione !== null && d.dataAttivazione <= day && (d.dataFine === null || day < d.dataFine);
}

export function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const a = m.get(k);
    if (a === undefined) m.set(k, [x]);
    else a.push(x);
  }
  return m;
}

export function uniqueCount<T>(xs: readonly T[]): number {
  return new Set(xs).size;
}
