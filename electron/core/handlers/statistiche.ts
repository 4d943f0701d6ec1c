import type {
  FiltriStatistiche,
  PeriodoRisolto,
  StatisticheAndamento,
  StatisticheArgomenti,
  StatisticheArgomentoRiga,
  StatisticheOperatori,
  StatisticheSedi,
} from '../../common/commands/statistiche';
import { addDays, romeDate } from '../../common/domain/calendario';
import { ARGOMENTI } from '../../common/model';
import { AppError } from '../../common/errors';
import type { CoreContext } from '../context';
import { foglioAndamento, foglioArgomenti, foglioOperatori, foglioSedi, statisticheXlsx, type FoglioStatistiche } from '../export/statistiche';
import { filtriSql, granularitaDi, inizioBucket, mesiPrima, risolviPeriodo } from '../statistiche/periodo';
import { esitiDi } from '../store/statistiche';
import type { Handler } from './types';

// Statistiche (#15): each block is the store's aggregates (SQL) shaped for the screen; the period is
// resolved here against the clock, in Rome time.

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const oggi = (ctx: CoreContext) => romeDate(ctx.clock.now());

function periodoDi(f: FiltriStatistiche, ctx: CoreContext): { periodo: PeriodoRisolto; sql: ReturnType<typeof filtriSql> } {
  // Every block resolves its period here first: the one place to give the screen its page cache,
  // and to refuse figures of a cache still loading (its indexes for these reads come at the end).
  if (ctx.store.statistiche.inCaricamento()) {
    throw new AppError(
      'PRIMA_SINCRONIZZAZIONE_IN_CORSO',
      'La prima sincronizzazione sta ancora caricando i dati dell’ufficio: le statistiche saranno disponibili al suo termine.',
    );
  }
  ctx.store.statistiche.apriSchermata();
  const periodo = risolviPeriodo(f, oggi(ctx));
  return { periodo, sql: filtriSql(f, periodo) };
}

async function sedi(f: FiltriStatistiche, ctx: CoreContext): Promise<StatisticheSedi> {
  const { periodo, sql } = periodoDi(f, ctx);
  const { perSede, totale } = await ctx.store.statistiche.sedi(sql);
  const nomi = ctx.store.statistiche.nomiSedi([...perSede.keys()]);
  const righe = [...perSede].map(([sedeId, cifre]) => {
    const n = nomi.get(sedeId);
    return { sedeId, nome: n?.nome ?? sedeId, comune: n?.comune ?? '', provincia: n?.provincia ?? '', ...cifre };
  });
  righe.sort((a, b) => b.prenotati - a.prenotati || a.nome.localeCompare(b.nome, 'it') || a.sedeId.localeCompare(b.sedeId));
  return { periodo, righe, totale };
}

async function andamento(f: FiltriStatistiche, ctx: CoreContext): Promise<StatisticheAndamento> {
  const { periodo, sql } = periodoDi(f, ctx);
  const granularita = granularitaDi(periodo);
  const pieni = new Map((await ctx.store.statistiche.andamento(sql, granularita)).map((p) => [p.inizio, p]));
  const punti = inizioBucket(periodo, granularita).map(
    (inizio) => pieni.get(inizio) ?? { inizio, prenotati: 0, chiusi: 0, cancellatiUfficio: 0, disdettiSede: 0 },
  );
  return { periodo, granularita, punti };
}

async function argomenti(f: FiltriStatistiche, ctx: CoreContext): Promise<StatisticheArgomenti> {
  const { periodo, sql } = periodoDi(f, ctx);
  const cifre = await ctx.store.statistiche.argomenti(sql, oggi(ctx));
  const termini = ctx.store.statistiche.termini();
  const codici = f.argomento ? [f.argomento] : ARGOMENTI;
  const righe = codici.map((argomento): StatisticheArgomentoRiga => {
    const t = termini.get(argomento);
    const termineGiorni = t?.termineGiorni ?? null;
    const c = cifre.get(argomento);
    const risposti = c?.risposti ?? 0;
    const oltre = termineGiorni === null ? 0 : (c?.rispostiOltreTermine ?? 0);
    return {
      argomento,
      descrizione: t?.descrizione ?? argomento,
      termineGiorni,
      inviati: c?.inviati ?? 0,
      risposti,
      tempoRispostaGiorni: c?.tempo ?? { n: 0, mediana: null, p90: null },
      rispostiOltreTermine: oltre,
      quotaOltreTermine: termineGiorni === null || risposti === 0 ? null : oltre / risposti,
      senzaRispostaOltreTermine: termineGiorni === null ? 0 : (c?.senzaRispostaOltreTermine ?? 0),
      negativi: c?.negativi ?? 0,
      quotaNegativi: risposti === 0 ? null : (c?.negativi ?? 0) / risposti,
      conAppuntamento: c?.conAppuntamento ?? 0,
      esitiAppuntamenti: esitiDi(c?.esiti),
    };
  });
  return { periodo, righe };
}

async function operatori(f: FiltriStatistiche, ctx: CoreContext): Promise<StatisticheOperatori> {
  const { periodo, sql } = periodoDi(f, ctx);
  return { periodo, righe: await ctx.store.statistiche.operatori(sql) };
}

export const statisticheSedi: Handler<'statistiche.sedi'> = (f, ctx) => sedi(f, ctx);
export const statisticheAndamento: Handler<'statistiche.andamento'> = (f, ctx) => andamento(f, ctx);
export const statisticheArgomenti: Handler<'statistiche.argomenti'> = (f, ctx) => argomenti(f, ctx);
export const statisticheOperatori: Handler<'statistiche.operatori'> = (f, ctx) => operatori(f, ctx);

/** One block as an Excel sheet, with the period and the filters (by name) above the figures. */
export const statisticheEsporta: Handler<'statistiche.esporta'> = async ({ blocco, filtri }, ctx) => {
  let foglio: FoglioStatistiche;
  let periodo: PeriodoRisolto;
  switch (blocco) {
    case 'sedi': {
      const d = await sedi(filtri, ctx);
      [foglio, periodo] = [foglioSedi(d), d.periodo];
      break;
    }
    case 'andamento': {
      const d = await andamento(filtri, ctx);
      [foglio, periodo] = [foglioAndamento(d), d.periodo];
      break;
    }
    case 'argomenti': {
      const d = await argomenti(filtri, ctx);
      [foglio, periodo] = [foglioArgomenti(d), d.periodo];
      break;
    }
    case 'operatori': {
      const d = await operatori(filtri, ctx);
      [foglio, periodo] = [foglioOperatori(d), d.periodo];
      break;
    }
  }
  const sede = filtri.sedeId ? (ctx.store.statistiche.nomiSedi([filtri.sedeId]).get(filtri.sedeId)?.nome ?? filtri.sedeId) : null;
  const argomento = filtri.argomento ? (ctx.store.statistiche.termini().get(filtri.argomento)?.descrizione ?? filtri.argomento) : null;
  const operatore = filtri.operatoreId ? (ctx.store.statistiche.nomeOperatore(filtri.operatoreId) ?? filtri.operatoreId) : null;
  const contenuto = await statisticheXlsx(blocco, periodo, { sede, argomento, operatore }, foglio);
  return {
    nomeFile: `statistiche-${blocco}-${periodo.dal}-${periodo.al}.xlsx`,
    mime: XLSX_MIME,
    contenuto: contenuto.toString('base64'),
    codifica: 'base64',
    righe: foglio.righe.length,
  };
};

/** Days of observations behind a suggestion's wait, and months of bookings behind its cancellations. */
const GIORNI_ATTESA = 90;
const MESI_DISDETTE = 12;

export const sediConsigliate: Handler<'sedi.consigliate'> = async ({ codiceFiscale }, ctx) => {
  const now = ctx.clock.now();
  const provincia = ctx.store.statistiche.provinciaDi(codiceFiscale);
  const osservateDal = new Date(now.getTime() - GIORNI_ATTESA * 86_400_000).toISOString();
  const prenotateDal = filtriSql({}, { dal: addDays(mesiPrima(oggi(ctx), MESI_DISDETTE), 1), al: oggi(ctx) }).dalUtc;
  const righe = ctx.store.statistiche.consigliate(provincia, osservateDal, prenotateDal);
  return {
    provincia,
    sedi: righe.map(({ stessaProvincia, attesaMedianaGiorni, osservazioni, appuntamenti, disdetti, ...sede }) => ({
      sede,
      stessaProvincia: stessaProvincia === 1,
      attesaMedianaGiorni,
      osservazioni,
      disdettePer100: appuntamenti > 0 ? (disdetti * 100) / appuntamenti : null,
      appuntamenti,
    })),
  };
};
