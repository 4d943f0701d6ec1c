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

/** Outcomes per sede: one horizontal stacked bar each, the busiest on top. */
export function opzioniSedi(righe: StatisticheSedeRiga[]): OpzioniGrafico {
  const conPrenotati = righe.filter((r) => r.prenotati > 0).reverse();
  return {
    tooltip,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: assiValori,
    yAxis: { type: 'category', data: conPrenotati.map((r) => r.nome) },
    series: ESITI.map((e) => ({ type: 'bar', stack: 'esiti', name: testi.esiti[e], data: conPrenotati.map((r) => r.esiti[e]) })),
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
