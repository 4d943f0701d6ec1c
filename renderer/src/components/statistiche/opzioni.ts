import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { EsitiAppuntamenti, StatisticheAndamento, StatisticheArgomentoRiga, StatisticheSedeRiga } from '@common/commands/statistiche';
import { it } from '../../i18n/it';
import { fmtGiorno, fmtIntero, fmtMese } from './formato';

// The charts' options, built from the same figures as the tables (and formatted by the same
// functions): the numbers a chart shows are the table's.

export type OpzioniGrafico = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

const testi = it.statistiche;
export const ESITI: readonly (keyof EsitiAppuntamenti)[] = ['confermati', 'chiusiSenzaVisita', 'svolti', 'cancellatiUfficio', 'disdettiSede'];

const tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => fmtIntero(typeof v === 'number' ? v : null) } as const;
const assiValori = { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => fmtIntero(v) } } as const;

/**
 * Sedi the chart draws one by one; the rest are one bar. A bar each for a hundred sedi is a few
 * pixels tall and unreadable, and drawing them was most of a filter switch's main-thread time
 * (ECharts laying out and painting 500 stacked bars with their decals: ~90 ms of ~225 ms per
 * switch at office size, CPU profile). The table beside it lists every sede.
 */
export const SEDI_NEL_GRAFICO = 15;

/** The sum of some sedi's outcomes. */
function sommaEsiti(righe: readonly StatisticheSedeRiga[]): EsitiAppuntamenti {
  const somma = Object.fromEntries(ESITI.map((e) => [e, 0])) as unknown as EsitiAppuntamenti;
  for (const r of righe) for (const e of ESITI) somma[e] += r.esiti[e];
  return somma;
}

/**
 * Outcomes per sede: one horizontal stacked bar each, the busiest on top (the core sends them
 * busiest first); past SEDI_NEL_GRAFICO, the others as one last bar, «Altre N sedi».
 */
export function opzioniSedi(righe: StatisticheSedeRiga[]): OpzioniGrafico {
  const conPrenotati = righe.filter((r) => r.prenotati > 0);
  const altre = conPrenotati.slice(SEDI_NEL_GRAFICO);
  const barre = [
    ...conPrenotati.slice(0, SEDI_NEL_GRAFICO).map((r) => ({ nome: r.nome, esiti: r.esiti })),
    ...(altre.length > 0 ? [{ nome: testi.sedi.altre.replace('{n}', fmtIntero(altre.length)), esiti: sommaEsiti(altre) }] : []),
  ].reverse();
  return {
    tooltip,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: assiValori,
    yAxis: { type: 'category', data: barre.map((b) => b.nome) },
    series: ESITI.map((e) => ({ type: 'bar', stack: 'esiti', name: testi.esiti[e], data: barre.map((b) => b.esiti[e]) })),
  };
}

/** The label of a bucket: a month as «mar 2026», a week by its first day. */
export function etichettaPunto(inizio: string, granularita: StatisticheAndamento['granularita']): string {
  return granularita === 'mese' ? fmtMese(inizio) : fmtGiorno(inizio);
}

/** The trend: one line per figure over the period's weeks or months. */
export function opzioniAndamento(a: StatisticheAndamento): OpzioniGrafico {
  const serie = [
    ['prenotati', testi.andamento.prenotati],
    ['chiusi', testi.andamento.chiusi],
    ['cancellatiUfficio', testi.esiti.cancellatiUfficio],
    ['disdettiSede', testi.esiti.disdettiSede],
  ] as const;
  return {
    tooltip: { ...tooltip, axisPointer: { type: 'line' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: a.punti.map((p) => etichettaPunto(p.inizio, a.granularita)) },
    yAxis: assiValori,
    series: serie.map(([k, nome]) => ({ type: 'line', name: nome, data: a.punti.map((p) => p[k]), symbolSize: 6 })),
  };
}

/** Per topic: quesiti sent and answered, and answered after the termine. */
export function opzioniArgomenti(righe: StatisticheArgomentoRiga[]): OpzioniGrafico {
  const serie = [
    ['inviati', testi.argomenti.inviati],
    ['risposti', testi.argomenti.risposti],
    ['rispostiOltreTermine', testi.argomenti.oltreTermine],
    ['negativi', testi.argomenti.negativi],
  ] as const;
  return {
    tooltip,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    xAxis: {
      type: 'category',
      data: righe.map((r) => testi.argomentiNomi[r.argomento]),
      axisLabel: { interval: 0, width: 140, overflow: 'break', lineHeight: 14 },
    },
    yAxis: assiValori,
    series: serie.map(([k, nome]) => ({ type: 'bar', name: nome, data: righe.map((r) => r[k]) })),
  };
}
