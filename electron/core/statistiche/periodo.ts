import type { FiltriStatistiche, PeriodoRisolto } from '../../common/commands/statistiche';
import { addDays, giorniTra, isoWeekday, romeInstant } from '../../common/domain/calendario';
import type { IsoDate } from '../../common/model';
import type { FiltriSql } from '../store/statistiche';

// The statistics' period (#15): a ready-made one resolved against today's date in Rome, and the
// UTC instants that bound its days (the SQL compares instants on the index, never converts them).

/** The same day `mesi` months earlier, clamped to the month's last day (31 May − 3 months = 28/29 February). */
export function mesiPrima(d: IsoDate, mesi: number): IsoDate {
  const anno = Number(d.slice(0, 4));
  const mese = Number(d.slice(5, 7)) - 1 - mesi;
  const y = anno + Math.floor(mese / 12);
  const m = ((mese % 12) + 12) % 12;
  const ultimo = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const giorno = Math.min(Number(d.slice(8, 10)), ultimo);
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(giorno).padStart(2, '0')}`;
}

/** 'mese': from the 1st of this month to today; 'Nmesi': from today − N months + 1 day to today. A custom range as given. */
export function risolviPeriodo(f: Pick<FiltriStatistiche, 'periodo' | 'dal' | 'al'>, oggi: IsoDate): PeriodoRisolto {
  switch (f.periodo) {
    case 'mese':
      return { dal: `${oggi.slice(0, 8)}01`, al: oggi };
    case '3mesi':
    case '6mesi':
    case '12mesi':
      return { dal: addDays(mesiPrima(oggi, Number.parseInt(f.periodo, 10)), 1), al: oggi };
    case undefined:
      // The schema requires both dates without a periodo.
      return { dal: f.dal!, al: f.al! };
  }
}

export function filtriSql(f: FiltriStatistiche, periodo: PeriodoRisolto): FiltriSql {
  return {
    ...periodo,
    dalUtc: romeInstant(periodo.dal, '00:00'),
    alUtc: romeInstant(addDays(periodo.al, 1), '00:00'),
    sede: f.sedeId ?? null,
    operatore: f.operatoreId ?? null,
    argomento: f.argomento ?? null,
  };
}

/** Weeks up to 3 months (92 days), months beyond. */
export function granularitaDi(p: PeriodoRisolto): 'settimana' | 'mese' {
  const giorni = giorniTra(p.dal, p.al) + 1;
  return giorni <= 92 ? 'settimana' : 'mese';
}

/** The first day of every bucket of the period (a Monday, or the 1st), the first clipped to `dal`. */
export function inizioBucket(p: PeriodoRisolto, granularita: 'settimana' | 'mese'): IsoDate[] {
  const out: IsoDate[] = [];
  let inizio = granularita === 'settimana' ? addDays(p.dal, 1 - isoWeekday(p.dal)) : `${p.dal.slice(0, 8)}01`;
  while (inizio <= p.al) {
    out.push(inizio < p.dal ? p.dal : inizio);
    inizio = granularita === 'settimana' ? addDays(inizio, 7) : mesiPrima(inizio, -1);
  }
  return out;
}
