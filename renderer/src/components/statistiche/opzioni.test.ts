import { describe, expect, it } from 'vitest';
import type { EsitiAppuntamenti, StatisticheSedeRiga } from '@common/commands/statistiche';
import { ESITI, opzioniSedi, SEDI_NEL_GRAFICO } from './opzioni';

function sede(i: number, prenotati: number): StatisticheSedeRiga {
  // Outcomes that differ per sede, so a sum that drops or repeats one shows.
  const esiti: EsitiAppuntamenti = { confermati: prenotati - 4, chiusiSenzaVisita: 1, svolti: i, cancellatiUfficio: 2, disdettiSede: 1 - (i % 2) };
  const nulla = { n: 0, mediana: null, p90: null };
  return {
    sedeId: `S${i}`,
    nome: `Sede ${i}`,
    comune: 'Roma',
    provincia: 'RM',
    prenotati,
    esiti,
    tassi: { confermati: null, chiusiSenzaVisita: null, svolti: null, cancellatiUfficio: null, disdettiSede: null },
    anticipoGiorni: nulla,
    attesaPrimoSlotGiorni: nulla,
    osservazioniSenzaLibero: 0,
    disdettePer100: null,
  };
}

const serie = (o: ReturnType<typeof opzioniSedi>) => o.series as { name: string; data: number[] }[];
const categorie = (o: ReturnType<typeof opzioniSedi>) => (o.yAxis as { data: string[] }).data;

describe('opzioniSedi', () => {
  it('draws each sede with bookings, the busiest on top, when they are few', () => {
    const righe = [sede(1, 30), sede(2, 20), sede(3, 0)];
    const o = opzioniSedi(righe);
    expect(categorie(o)).toEqual(['Sede 2', 'Sede 1']); // ECharts draws the first category at the bottom
    expect(serie(o).map((s) => s.data)).toEqual(ESITI.map((e) => [righe[1]!.esiti[e], righe[0]!.esiti[e]]));
  });

  it(`past ${SEDI_NEL_GRAFICO} sedi, draws the busiest and sums the others into one bar, «Altre N sedi»`, () => {
    const righe = Array.from({ length: 40 }, (_, i) => sede(i, 100 - i));
    const o = opzioniSedi(righe);
    const nomi = categorie(o);
    expect(nomi).toHaveLength(SEDI_NEL_GRAFICO + 1);
    expect(nomi[0]).toBe(`Altre ${40 - SEDI_NEL_GRAFICO} sedi`);
    expect(nomi.at(-1)).toBe('Sede 0');
    const altre = righe.slice(SEDI_NEL_GRAFICO);
    for (const [k, e] of ESITI.entries()) {
      const data = serie(o)[k]!.data;
      expect(data[0]).toBe(altre.reduce((n, r) => n + r.esiti[e], 0));
      // Every booking is in the chart once: the bars add up to the table's total.
      expect(data.reduce((a, b) => a + b, 0)).toBe(righe.reduce((n, r) => n + r.esiti[e], 0));
    }
  });
});
