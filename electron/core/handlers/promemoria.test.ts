import { beforeEach, describe, expect, it } from 'vitest';
import type { FileEsportato, PromemoriaEmail } from '../../common/commands/types';
import type { AppErrorPayload } from '../../common/errors';
import { isAllowedExternalUrl } from '../../common/externalLinks';
import type { Appuntamento } from '../../common/model';
import { bytesDi, leggiPdf } from '../promemoria/testing';
import { CacheWriter } from '../store/cacheWriter';
import { appuntamentoDiProva, FIXTURE, sedeDiProva, useTestCore } from '../testing';

// The client's promemoria through the dispatcher (validation included), the PDF read back with pdf.js.
const core = useTestCore({ seed: true });
const rossi = FIXTURE.datori[0]!;
const bianchi = FIXTURE.datori[1]!;

const sede = (id: string, nome: string, indirizzo: string) => sedeDiProva({ id, nome, indirizzo, modalita: ['presenza', 'videochiamata'] });
const appuntamento = (id: string, extra: Partial<Appuntamento>) =>
  appuntamentoDiProva(id, { sedeId: 's-eur', data: '2026-03-17', ora: '09:20', quesitiIds: ['2', 'ab'], ...extra });

beforeEach(() => {
  const w = new CacheWriter(core.ctx.sqlite);
  w.datore({ ...rossi, email: 'mario.rossi@example.it' });
  w.argomento({ codice: 'avviso_bonario', descrizione: 'Avviso bonario / Accertamento', termineGiorni: 60 });
  w.quesito({
    ...FIXTURE.quesiti[0]!,
    id: 'ab',
    protocollo: 'INPS.0100.2026.0000099',
    argomento: 'avviso_bonario',
    oggetto: 'Proprietà dell’immobile e contributi già versati',
  });
  w.sede(sede('s-eur', 'INPS Roma Eur', 'Viale Civiltà del Lavoro 46'));
  w.sede(sede('s-nuova', 'INPS Roma Tuscolano', '  '));
  w.appuntamento(appuntamento('a1', {}));
  w.allegatiAppuntamento('a1', [{ sha256: 'f'.repeat(64), nomeFile: 'avviso-bonario.pdf', mime: 'application/pdf', dimensione: 1000 }]);
  w.appuntamento(
    appuntamento('a2', {
      codiceRapporto: '9876543210',
      datoreCf: bianchi.codiceFiscale,
      data: '2026-03-20',
      ora: '11:40',
      modalita: 'videochiamata',
      quesitiIds: ['4'],
    }),
  );
  w.appuntamento(appuntamento('a3', { sedeId: 's-nuova', data: '2026-03-18', quesitiIds: [] }));
  w.appuntamento(appuntamento('a4', { stato: 'cancellato', cancellatoDa: 'sede', quesitiIds: [] }));
});

async function call<T>(name: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: AppErrorPayload }> {
  return (await core.dispatcher('app')(name, input)) as { ok: true; value: T } | { ok: false; error: AppErrorPayload };
}
async function pdf(ids: string[]) {
  const r = await call<FileEsportato>('promemoria.pdf', { ids });
  if (!r.ok) throw new Error(r.error.message);
  return { file: r.value, letto: await leggiPdf(bytesDi(r.value.contenuto)) };
}
const registro = () => core.ctx.sqlite.prepare("SELECT azione, entita_id FROM audit_log WHERE azione LIKE 'promemoria.%' AND esito = 'ok' ORDER BY id").all();

describe('promemoria.pdf', () => {
  it('prints one A4 page per appointment, in the order asked, with date, time, sede address and accents intact', async () => {
    const { file, letto } = await pdf(['a2', 'a1']);
    expect(file).toMatchObject({ nomeFile: 'promemoria-2026-03-10.pdf', mime: 'application/pdf', codifica: 'base64', righe: 2 });
    expect(letto.pagine).toHaveLength(2);
    const [bianchiPage, rossiPage] = letto.testi;
    expect(rossiPage).toContain('Gentile Mario Rossi,');
    expect(rossiPage).toContain('martedì 17 marzo 2026, ore 09:20');
    expect(rossiPage).toContain('INPS Roma Eur');
    expect(rossiPage).toContain('Viale Civiltà del Lavoro 46, Roma (RM)');
    expect(rossiPage).toContain('In presenza');
    expect(rossiPage).toContain('INPS.0100.2026.0000099 — Avviso bonario / Accertamento: Proprietà dell’immobile');
    expect(rossiPage).toContain('Un documento d’identità valido');
    expect(rossiPage).toContain('0000123456');
    expect(rossiPage).toContain('avviso-bonario.pdf');
    expect(rossiPage).toContain('La lettera di avviso bonario o di accertamento ricevuta dall’INPS');
    expect(bianchiPage).toContain('Gentile Lucia Bianchi,');
    expect(bianchiPage).toContain('venerdì 20 marzo 2026, ore 11:40');
    expect(bianchiPage).toContain('Videochiamata');
    expect(bianchiPage).toContain('Cosa tenere a portata di mano');
    expect(bianchiPage).not.toContain('Mario Rossi');
  });

  it('names the file after the appointments’ day when they share one', async () => {
    expect((await pdf(['a1'])).file.nomeFile).toBe('promemoria-2026-03-17.pdf');
  });

  it('says the address is not on file rather than failing', async () => {
    const { letto } = await pdf(['a3', 'a1']);
    expect(letto.testi[0]).toContain('INPS Roma Tuscolano');
    expect(letto.testi[0]).toContain('indirizzo non disponibile: verificare sul Cassetto');
    expect(letto.testi[1]).not.toContain('indirizzo non disponibile');
  });

  it('records each promemoria in the activity log', async () => {
    await pdf(['a1', 'a2']);
    expect(registro()).toEqual([
      { azione: 'promemoria.pdf', entita_id: 'a1' },
      { azione: 'promemoria.pdf', entita_id: 'a2' },
    ]);
  });

  it('refuses the whole request for an unknown appointment, saying which: nothing generated', async () => {
    const r = await call('promemoria.pdf', { ids: ['a1', 'non-esiste'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('NON_TROVATO');
    expect(r.error.message).toBe('L’appuntamento non-esiste non è tra quelli dell’ufficio (sincronizza e riprova). Nessun promemoria preparato.');
    expect(r.error.details).toEqual([{ path: 'ids.1', message: expect.stringContaining('non-esiste') as string }]);
    expect(registro()).toEqual([]);
  });

  it('refuses a cancelled appointment: there is nothing to remind the client of', async () => {
    const r = await call('promemoria.pdf', { ids: ['a4', 'a1', 'x'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('STATO_NON_VALIDO');
    expect(r.error.message).toMatch(/^2 appuntamenti non possono avere un promemoria\. L’appuntamento di Rossi Mario del 17\/03\/2026 è cancellato/);
    expect(r.error.details.map((d) => d.path)).toEqual(['ids.0', 'ids.2']);
  });

  it.each([
    [[], 'Scegli almeno un appuntamento.'],
    [Array.from({ length: 501 }, (_, i) => `a${i}`), 'Al massimo 500 promemoria per volta.'],
    [['a1', 'a1'], 'Un appuntamento è indicato più volte.'],
  ])('validates the selection (%#) with an Italian message', async (ids, message) => {
    const r = await call('promemoria.pdf', { ids });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details.map((d) => d.message)).toContain(message);
  });
});

describe('promemoria.email', () => {
  it('writes the same promemoria as plain text, addressed to the client when the e-mail is known', async () => {
    const r = await call<PromemoriaEmail>('promemoria.email', { id: 'a1' });
    if (!r.ok) throw new Error(r.error.message);
    const { destinatario, oggetto, testo, mailto } = r.value;
    expect(destinatario).toBe('mario.rossi@example.it');
    expect(oggetto).toBe('Promemoria: appuntamento INPS di martedì 17 marzo 2026, ore 09:20');
    expect(testo.split('\r\n').slice(0, 3)).toEqual([
      'Gentile Mario Rossi,',
      '',
      'le ricordiamo l’appuntamento con l’INPS per il rapporto di lavoro domestico 0000123456 (lavoratore: Ioana Popescu).',
    ]);
    expect(testo).toContain('Dove: INPS Roma Eur — Viale Civiltà del Lavoro 46, Roma (RM)');
    expect(testo).toContain('Modalità: In presenza.');
    expect(testo).toContain('- INPS.0100.2026.0000099 — Avviso bonario / Accertamento: Proprietà dell’immobile e contributi già versati');
    expect(mailto.startsWith('mailto:mario.rossi@example.it?subject=Promemoria%3A%20appuntamento%20INPS')).toBe(true);
    expect(decodeURIComponent(new URL(mailto).searchParams.get('body') ?? '')).toBe(testo);
    expect(isAllowedExternalUrl(mailto)).toBe(true);
  });

  it('leaves the address empty when the client has no e-mail on file, and warns about a missing sede address', async () => {
    const r = await call<PromemoriaEmail>('promemoria.email', { id: 'a3' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.destinatario).toBe('mario.rossi@example.it');
    expect(r.value.testo).toContain('Dove: INPS Roma Tuscolano — indirizzo non disponibile: verificare sul Cassetto');
    const b = await call<PromemoriaEmail>('promemoria.email', { id: 'a2' });
    if (!b.ok) throw new Error(b.error.message);
    expect(b.value.destinatario).toBeNull();
    expect(b.value.mailto.startsWith('mailto:?subject=')).toBe(true);
    expect(isAllowedExternalUrl(b.value.mailto)).toBe(true);
  });

  it('refuses an unknown appointment with the Italian reason', async () => {
    const r = await call('promemoria.email', { id: 'nessuno' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'NON_TROVATO', message: expect.stringContaining('Nessun promemoria preparato.') as string });
  });
});

describe('ufficio.imposta', () => {
  it('says it needs the app’s workspace when there is none (CLI, tests)', async () => {
    const r = await call('ufficio.imposta', { nome: 'Patronato', telefono: '06 123456' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'NON_DISPONIBILE', message: expect.stringContaining('Impostazioni') as string });
  });
});
