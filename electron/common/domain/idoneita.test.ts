import { describe, expect, it } from 'vitest';
import { IDONEITA_MESSAGES, describeIdoneita, scadenzaRisposta, valutaIdoneita } from './idoneita';

describe('scadenzaRisposta', () => {
  it('is the termine-th working day after the quesito was sent', () => {
    expect(scadenzaRisposta('2026-02-02', 20)).toBe('2026-03-02'); // four full weeks, no holidays
    // Mon 30 Mar: 31, 1, 2, 3 Apr, (Mon 6 Pasquetta), Tue 7 Apr
    expect(scadenzaRisposta('2026-03-30', 5)).toBe('2026-04-07');
    expect(scadenzaRisposta('2026-03-06', 0)).toBe('2026-03-06');
  });
});

describe('valutaIdoneita', () => {
  const inAttesa = { esito: 'in_attesa' as const, dataInvio: '2026-02-02', dataEsito: null };

  it('in attesa: not yet on the scadenza day', () => {
    expect(valutaIdoneita(inAttesa, 20, '2026-03-02')).toEqual({
      idoneo: false,
      motivo: 'in_attesa_nei_termini',
      idoneoDal: '2026-03-03',
    });
    expect(valutaIdoneita(inAttesa, 20, '2026-02-10').idoneo).toBe(false);
  });

  it('in attesa: idoneo from the day after the scadenza', () => {
    expect(valutaIdoneita(inAttesa, 20, '2026-03-03')).toEqual({ idoneo: true, motivo: 'termine_scaduto', dal: '2026-03-03' });
    expect(valutaIdoneita(inAttesa, 20, '2026-09-01')).toEqual({ idoneo: true, motivo: 'termine_scaduto', dal: '2026-03-03' });
  });

  it('in attesa: the day after is a calendar day, even a Saturday', () => {
    const q = { esito: 'in_attesa' as const, dataInvio: '2026-02-06', dataEsito: null };
    expect(valutaIdoneita(q, 5, '2026-02-13')).toMatchObject({ idoneo: false, idoneoDal: '2026-02-14' });
    expect(valutaIdoneita(q, 5, '2026-02-14')).toMatchObject({ idoneo: true, dal: '2026-02-14' });
  });

  it('negativo: idoneo since the esito, or since it was sent when the date is missing', () => {
    expect(valutaIdoneita({ esito: 'negativo', dataInvio: '2026-02-02', dataEsito: '2026-02-10' }, 20, '2026-02-11')).toEqual({
      idoneo: true,
      motivo: 'esito_negativo',
      dal: '2026-02-10',
    });
    expect(valutaIdoneita({ esito: 'negativo', dataInvio: '2026-02-02', dataEsito: null }, 20, '2026-02-11')).toEqual({
      idoneo: true,
      motivo: 'esito_negativo',
      dal: '2026-02-02',
    });
  });

  it('positivo: never idoneo', () => {
    expect(valutaIdoneita({ esito: 'positivo', dataInvio: '2026-02-02', dataEsito: '2026-02-05' }, 20, '2027-01-01')).toEqual({
      idoneo: false,
      motivo: 'esito_positivo',
      idoneoDal: null,
    });
  });
});

describe('describeIdoneita', () => {
  it('writes one Italian line per case', () => {
    expect(describeIdoneita({ idoneo: true, motivo: 'termine_scaduto', dal: '2026-03-05' })).toBe('Idoneo dal 05/03/2026 (termine di risposta scaduto)');
    expect(describeIdoneita({ idoneo: true, motivo: 'esito_negativo', dal: '2026-02-10' })).toBe('Idoneo dal 10/02/2026 (esito negativo)');
    expect(describeIdoneita({ idoneo: false, motivo: 'esito_positivo', idoneoDal: null })).toBe('Non idoneo: esito positivo');
    expect(describeIdoneita({ idoneo: false, motivo: 'in_attesa_nei_termini', idoneoDal: '2026-03-12' })).toBe('Diventa idoneo il 12/03/2026');
    expect(describeIdoneita({ idoneo: false, motivo: 'in_attesa_nei_termini', idoneoDal: null })).toBe(
      `Non idoneo: ${IDONEITA_MESSAGES.in_attesa_nei_termini}`,
    );
  });
});
