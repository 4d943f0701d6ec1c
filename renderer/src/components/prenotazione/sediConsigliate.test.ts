import { describe, expect, it } from 'vitest';
import type { SedeConsigliata } from '@common/commands/statistiche';
import type { SedeRiga } from '@common/commands/types';
import { cfPiuFrequente, fattiSede, gruppiSedi } from './sediConsigliate';

const sede = (id: string, provincia: string): SedeRiga => ({
  id,
  nome: `Sede ${id}`,
  indirizzo: 'Via Roma 1',
  comune: `Comune ${id}`,
  provincia,
  modalita: ['presenza'],
});
const consigliata = (s: SedeRiga, stessaProvincia: boolean, attesa: number | null, disdette: number | null): SedeConsigliata => ({
  sede: s,
  stessaProvincia,
  attesaMedianaGiorni: attesa,
  osservazioni: attesa === null ? 0 : 5,
  disdettePer100: disdette,
  appuntamenti: disdette === null ? 0 : 20,
});

describe('sede consigliata', () => {
  it('lists the client’s province first, in the core’s order, with the recent wait and disdette', () => {
    const [a, b, c, d] = [sede('a', 'MI'), sede('b', 'RM'), sede('c', 'RM'), sede('d', 'NA')];
    const gruppi = gruppiSedi([a, b, c, d], {
      provincia: 'RM',
      sedi: [consigliata(c, true, 3, 2.5), consigliata(b, true, null, null), consigliata(a, false, 10, 0)],
    });
    expect(gruppi.map((g) => g.etichetta)).toEqual(['Provincia del cliente (RM)', 'Altre sedi']);
    expect(gruppi[0]!.sedi.map((s) => s.testo)).toEqual([
      'Sede c — Comune c · attesa mediana 3 gg · disdette 2,5 per 100',
      'Sede b — Comune b · nessun dato recente',
    ]);
    // A sede the suggestion left out still appears (last), so every sede can be booked.
    expect(gruppi[1]!.sedi.map((s) => s.sede.id)).toEqual(['a', 'd']);
  });

  it('keeps the plain list when there is no suggestion', () => {
    const gruppi = gruppiSedi([sede('a', 'MI')], null);
    expect(gruppi).toEqual([{ etichetta: null, sedi: [{ sede: sede('a', 'MI'), testo: 'Sede a — Comune a' }] }]);
  });

  it('says which figure is missing', () => {
    expect(fattiSede({ attesaMedianaGiorni: null, disdettePer100: 4 })).toBe('attesa: nessun dato recente · disdette 4 per 100');
  });

  it('takes the client most present in a batch, the first on a tie', () => {
    expect(cfPiuFrequente(['X', 'Y', 'Y'])).toBe('Y');
    expect(cfPiuFrequente(['X', 'Y'])).toBe('X');
    expect(cfPiuFrequente([])).toBeNull();
  });
});
