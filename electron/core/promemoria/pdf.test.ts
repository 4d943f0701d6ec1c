import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { PromemoriaDati } from '../store/promemoria';
import { promemoriaPdf } from './pdf';
import { promemoriaTesto } from './testo';
import { leggiPdf } from './testing';

const lungo = 'Contributi versati per il trimestre ma non visibili nell’estratto conto del lavoratore, con richiesta di verifica dei pagamenti già effettuati';
const dati: PromemoriaDati = {
  id: 'a1',
  data: '2026-03-17',
  ora: '09:20',
  stato: 'confermato',
  modalita: 'presenza',
  codiceRapporto: '0000123456',
  cliente: { codiceFiscale: 'RSSMRA48E12H501Z', nome: 'Maria Àngela', cognome: 'Dell’Università', email: null, telefono: null },
  lavoratoreNominativo: 'Ioana Popescu',
  sede: { nome: 'INPS Roma Eur', indirizzo: 'Viale Civiltà del Lavoro 46', comune: 'Roma', provincia: 'RM' },
  // The most a booking holds: 10 quesiti of every argomento, 3 attachments.
  quesiti: Array.from({ length: 10 }, (_, i) => ({
    protocollo: `INPS.0100.2026.000000${i}`,
    argomento: (['mav', 'anagrafiche', 'contributi', 'rapporti', 'avviso_bonario'] as const)[i % 5]!,
    argomentoDescrizione: null,
    oggetto: lungo,
  })),
  allegati: ['ricevute-versamenti-2025-primo-trimestre.pdf', 'lettera-avviso-bonario-inps.pdf', 'estratto-conto-lavoratore-scansione.tiff'],
};
const meta = { creatoIl: new Date('2026-03-10T09:00:00Z'), preparato: 'Preparato il 10/03/2026 con Cassetto Desk.' };

describe('promemoriaPdf', () => {
  it('fits the fullest appointment on one page, the office’s contact at its foot', async () => {
    const ufficio = {
      nome: 'Patronato di prova — sede provinciale',
      telefono: '06 1234567',
      email: 'sede@patronato.example.it',
      indirizzo: 'Via Nazionale 10, 00184 Roma',
    };
    const letto = await leggiPdf(await promemoriaPdf([promemoriaTesto(dati, ufficio)], meta));
    expect(letto.pagine).toHaveLength(1);
    const testo = letto.testi[0]!;
    expect(testo).toContain('Gentile Maria Àngela Dell’Università,');
    expect(testo).toContain('INPS.0100.2026.0000009');
    expect(testo).toContain('estratto-conto-lavoratore-scansione.tiff');
    expect(testo).toContain('Per qualsiasi dubbio: Patronato di prova — sede provinciale');
    expect(testo).toContain('tel. 06 1234567 · e-mail sede@patronato.example.it · Via Nazionale 10, 00184 Roma');
    expect(testo).toContain('Preparato il 10/03/2026 con Cassetto Desk.');
  });

  it('embeds its font: the text is extractable, accents included, with no font of the system', async () => {
    const bytes = await promemoriaPdf([promemoriaTesto({ ...dati, quesiti: [] }, null)], meta);
    const doc = await PDFDocument.load(bytes);
    const descriptors = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'));
    expect(descriptors.map((d) => d.get(PDFName.of('FontName'))?.toString())).toEqual([
      expect.stringMatching(/OpenSans-Regular/),
      expect.stringMatching(/OpenSans-Bold/),
    ]);
    expect(descriptors.every((d) => d.has(PDFName.of('FontFile2')))).toBe(true);
    expect((await leggiPdf(bytes)).testi[0]).toContain('martedì 17 marzo 2026, ore 09:20');
  });

  it('breaks a word longer than a line instead of running off the page', async () => {
    const parola = 'x'.repeat(200);
    const letto = await leggiPdf(await promemoriaPdf([promemoriaTesto({ ...dati, quesiti: [], allegati: [parola] }, null)], meta));
    expect(letto.pagine[0]!.join('')).toContain(parola);
  });
});
