import { describe, expect, it } from 'vitest';
import type { PromemoriaDati } from '../store/promemoria';
import { dataLungaIt, promemoriaEmail, promemoriaTesto } from './testo';

const dati: PromemoriaDati = {
  id: 'a1',
  data: '2026-03-17',
  ora: '09:20',
  stato: 'confermato',
  modalita: 'richiamata',
  codiceRapporto: '0000123456',
  cliente: { codiceFiscale: 'RSSMRA48E12H501Z', nome: 'Niccolò', cognome: 'Àlvarez', email: null, telefono: null },
  lavoratoreNominativo: null,
  sede: { nome: 'INPS Roma Eur', indirizzo: 'Viale Civiltà del Lavoro 46', comune: 'Roma', provincia: 'RM' },
  quesiti: [{ protocollo: 'P1', argomento: 'contributi', argomentoDescrizione: null, oggetto: 'Contributi 2025 non visibili' }],
  allegati: [],
};

describe('dataLungaIt', () => {
  it.each([
    ['2026-03-17', 'martedì 17 marzo 2026'],
    ['2026-03-01', 'domenica 1 marzo 2026'],
    ['2026-12-31', 'giovedì 31 dicembre 2026'],
    ['2027-01-04', 'lunedì 4 gennaio 2027'],
  ])('%s → %s', (iso, atteso) => {
    expect(dataLungaIt(iso)).toBe(atteso);
  });
});

describe('promemoriaTesto', () => {
  it('explains the mode and lists what to keep at hand for a phone call', () => {
    const t = promemoriaTesto(dati, null);
    expect(t.modalita.nome).toBe('Richiamata telefonica');
    expect(t.modalita.spiega).toContain('la chiama al telefono');
    expect(t.portareTitolo).toBe('Cosa tenere a portata di mano');
    expect(t.portare).toEqual([
      'Un documento d’identità valido e la tessera sanitaria (codice fiscale)',
      'Il codice del rapporto di lavoro domestico: 0000123456',
      'Le ricevute dei versamenti dei contributi che non risultano nell’estratto conto del lavoratore',
    ]);
    expect(t.quesiti).toEqual(['P1 — Contributi: Contributi 2025 non visibili']);
    expect(t.ufficio).toBeNull();
  });

  it('puts the office’s name and contact line at the end of the e-mail', () => {
    const t = promemoriaTesto(dati, { nome: 'Patronato Sant’Anna', telefono: '+39 06 1234567', email: null, indirizzo: 'Via Po 1, Roma' });
    const { testo } = promemoriaEmail(t);
    expect(testo.split('\r\n').slice(-3)).toEqual(['Cordiali saluti', 'Patronato Sant’Anna', 'tel. +39 06 1234567 · Via Po 1, Roma']);
  });

  it('warns when the sede has no address on file', () => {
    const t = promemoriaTesto({ ...dati, sede: { ...dati.sede!, indirizzo: '' } }, null);
    expect(t.indirizzo).toBe('indirizzo non disponibile: verificare sul Cassetto');
    expect(t.indirizzoNoto).toBe(false);
  });
});
