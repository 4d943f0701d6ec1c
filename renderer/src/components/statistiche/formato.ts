import type { Distribuzione } from '@common/commands/statistiche';
import type { IsoDate } from '@common/model';

// Italian formats for the Statistiche screen, the same in the tables, the charts' labels and the
// charts' tooltips: «12,5 %», «3 gg», «mar 2026». A missing figure is a dash, never «NaN».

export const ND = '—';
const numero = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 });
const intero = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 0 });
const mese = new Intl.DateTimeFormat('it-IT', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const giorno = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const finito = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** A count: «1.234». */
export function fmtIntero(n: number | null | undefined): string {
  return finito(n) ? intero.format(n) : ND;
}

/** A share from 0 to 1 as a percentage with one decimal: «12,5 %». */
export function fmtPercentuale(quota: number | null | undefined): string {
  return finito(quota) ? `${numero.format(Math.round(quota * 1000) / 10)} %` : ND;
}

/** A number per 100 with one decimal: «2,3 per 100». */
export function fmtPer100(n: number | null | undefined): string {
  return finito(n) ? `${numero.format(Math.round(n * 10) / 10)} per 100` : ND;
}

/** Days: «3 gg». */
export function fmtGiorni(n: number | null | undefined): string {
  return finito(n) ? `${numero.format(n)} gg` : ND;
}

/** Median and p90 of a spread: «3 gg / 9 gg», or a dash when nothing was observed. */
export function fmtDistribuzione(d: Distribuzione): string {
  return d.n > 0 && finito(d.mediana) ? `${fmtGiorni(d.mediana)} / ${fmtGiorni(d.p90)}` : ND;
}

const utc = (d: IsoDate) => new Date(`${d}T00:00:00Z`);

/** A month bucket: «mar 2026». */
export function fmtMese(d: IsoDate): string {
  return mese.format(utc(d));
}

/** A week bucket by its first day: «2 mar 2026». */
export function fmtGiorno(d: IsoDate): string {
  return giorno.format(utc(d));
}
