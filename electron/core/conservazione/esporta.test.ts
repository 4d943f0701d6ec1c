import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { FileEsportato } from '../../common/commands/types';
import { ESPOSITO, ROSSI } from '../bozze/testing';
import { bytesDi, leggiPdf } from '../promemoria/testing';
import { useTestCore } from '../testing';
import { call, GIALLI, NERI, pdf, ufficioConservazione, value } from './testing';
import { FORMATO_DATI, VERSIONE_DATI } from './esporta';

describe('cliente.esportaDati', () => {
  const core = useTestCore({ seed: true });

  it('gives a zip with a readable PDF, the versioned JSON and the client’s attachments, and nothing of other clients', async () => {
    const u = await ufficioConservazione(core);
    const file = await value<FileEsportato>(core, 'cliente.esportaDati', { codiceFiscale: GIALLI.codiceFiscale.toLowerCase() });
    expect(file).toMatchObject({ nomeFile: `dati-cliente-${GIALLI.codiceFiscale}-2026-03-10.zip`, mime: 'application/zip', codifica: 'base64' });
    const zip = unzipSync(bytesDi(file.contenuto));
    expect(Object.keys(zip).sort()).toEqual(['allegati/' + u.sha.gialli.slice(0, 8) + '-documento-1.pdf', 'dati.json', 'riepilogo.pdf'].sort());
    // The attachment decrypted: the very bytes the operator added.
    expect(Buffer.from(zip[`allegati/${u.sha.gialli.slice(0, 8)}-documento-1.pdf`]!)).toEqual(pdf('gialli'));

    const dati = JSON.parse(strFromU8(zip['dati.json']!)) as Record<string, unknown> & { bozze: { nota: string | null }[]; appuntamenti: { id: string }[] };
    expect(dati).toMatchObject({
      formato: FORMATO_DATI,
      versione: VERSIONE_DATI,
      datore: { codiceFiscale: GIALLI.codiceFiscale, cognome: 'Gialli' },
      deleghe: [{ stato: 'revocata', dataFine: '2024-06-30' }],
      rapporti: [{ codice: '1111111111' }],
      comunicazioni: { inviate: [{ id: 'c-gialli', testo: 'Portare il documento di identità.' }], inCoda: [{ testo: 'Va bene, grazie.', stato: 'in_attesa' }] },
      allegati: [{ sha256: u.sha.gialli, file: `allegati/${u.sha.gialli.slice(0, 8)}-documento-1.pdf` }],
    });
    expect(dati.bozze.map((b) => b.nota)).toEqual(expect.arrayContaining([null, 'Portare il MAV di marzo']));
    expect(dati.bozze).toHaveLength(2);
    expect(dati.appuntamenti.map((a) => a.id)).toEqual(['ap-gialli']);
    const testo = strFromU8(zip['dati.json']!);
    for (const altro of [ROSSI, ESPOSITO, NERI.codiceFiscale, 'Nota di Rossi', 'c-rossi', 'ap-rossi', u.sha.condiviso, u.sha.rossi])
      expect(testo).not.toContain(altro);

    const letto = await leggiPdf(zip['riepilogo.pdf']!);
    const tutto = letto.testi.join(' ');
    expect(tutto).toContain('Dati di Gialli Franco');
    for (const frase of [
      'Anagrafica',
      'Deleghe',
      'revocata',
      'Rapporti di lavoro',
      '1111111111',
      'Appuntamenti',
      'Confermato',
      'Comunicazioni con la sede',
      'Portare il documento di identità.',
      'Bozze di prenotazione',
      'Portare il MAV di marzo',
      'Allegati',
      'documento-1.pdf',
    ]) {
      expect(tutto).toContain(frase);
    }
    expect(tutto).not.toContain('Rossi');

    // Recorded in the registro with the client.
    const riga = core.ctx.sqlite.prepare("SELECT entita, cliente_cf FROM audit_log WHERE azione = 'cliente.esportaDati'").get();
    expect(riga).toEqual({ entita: 'cliente', cliente_cf: GIALLI.codiceFiscale });
  });

  it('an unknown client is refused in Italian; the registro records the refusal, no export', async () => {
    const r = await call(core, 'cliente.esportaDati', { codiceFiscale: GIALLI.codiceFiscale });
    expect(r).toMatchObject({ ok: false, error: { code: 'NON_TROVATO', message: expect.stringMatching(/Nessun cliente con questo codice fiscale/) } });
    expect(core.ctx.sqlite.prepare("SELECT esito FROM audit_log WHERE azione = 'cliente.esportaDati'").pluck().all()).toEqual(['errore']);
  });
});
