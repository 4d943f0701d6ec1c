import { beforeEach, describe, expect, it } from 'vitest';
import type { Bozza, FileEsportato, Pagina, RegistroRiga, RegistroVerifica } from '../../common/commands/types';
import { addSedi, app, appuntamento, BIANCHI, count, refusal, ROSSI, SEDE_B } from '../bozze/testing';
import { TEST_NOW, useTestCore } from '../testing';
import { pdfMinimo } from '../allegati/pdfMinimo';

// The registro attività through the dispatcher: what each family of actions records (operator,
// client, outcome), and the chain check naming the first row altered, removed or moved.
const core = useTestCore({ seed: true });
beforeEach(() => {
  addSedi(core);
  core.ctx.store.sessione.ricorda({ username: 'm.bianchi', operatoreId: 'op-7' }, TEST_NOW);
});

const righe = () =>
  core.ctx.sqlite
    .prepare('SELECT id, operatore, azione, entita, entita_id AS entitaId, cliente_cf AS clienteCf, esito, dettagli FROM audit_log ORDER BY id')
    .all() as {
    id: number;
    operatore: string | null;
    azione: string;
    entita: string;
    entitaId: string | null;
    clienteCf: string | null;
    esito: string;
    dettagli: string | null;
  }[];
const verifica = () => app<RegistroVerifica>(core, 'registro.verifica', {});
const tutto = () => core.ctx.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all();
const pdf = () => pdfMinimo('delega');

/** A few actions of different families, all recorded. */
async function qualcheAzione(): Promise<Bozza> {
  const bozza = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
  await app(core, 'bozza.allegato.aggiungi', { bozzaId: bozza.id, nomeFile: 'delega.pdf', contenutoBase64: pdf().toString('base64') });
  await app(core, 'agenda.esporta', { formato: 'csv' });
  await refusal(core, 'bozza.invia', { id: bozza.id });
  return bozza;
}

describe('recording', () => {
  it('records a draft created, an attachment added and read, an export and a refused send, with the login, the client and the outcome', async () => {
    const bozza = await qualcheAzione();
    const sha = core.ctx.sqlite.prepare('SELECT sha256 FROM bozza_allegati').pluck().get() as string;
    await app(core, 'allegato.contenuto', { sha256: sha, scopo: 'scarica' });
    await app(core, 'allegato.contenuto', { sha256: sha });
    await app(core, 'bozza.elimina', { id: bozza.id });

    expect(righe().map(({ id: _id, ...r }) => r)).toEqual([
      { operatore: 'm.bianchi', azione: 'bozza.crea', entita: 'bozza', entitaId: bozza.id, clienteCf: ROSSI, esito: 'ok', dettagli: null },
      { operatore: 'm.bianchi', azione: 'bozza.allegato.aggiungi', entita: 'bozza', entitaId: bozza.id, clienteCf: ROSSI, esito: 'ok', dettagli: 'delega.pdf' },
      { operatore: 'm.bianchi', azione: 'agenda.esporta', entita: 'agenda', entitaId: null, clienteCf: null, esito: 'ok', dettagli: 'CSV, 0 righe' },
      {
        operatore: 'm.bianchi',
        azione: 'bozza.invia',
        entita: 'bozza',
        entitaId: bozza.id,
        clienteCf: ROSSI,
        esito: 'errore',
        dettagli: expect.stringMatching(/^La bozza non è completa/) as unknown as string,
      },
      { operatore: 'm.bianchi', azione: 'allegato.scarica', entita: 'allegato', entitaId: sha, clienteCf: ROSSI, esito: 'ok', dettagli: null },
      { operatore: 'm.bianchi', azione: 'allegato.anteprima', entita: 'allegato', entitaId: sha, clienteCf: ROSSI, esito: 'ok', dettagli: null },
      { operatore: 'm.bianchi', azione: 'bozza.elimina', entita: 'bozza', entitaId: bozza.id, clienteCf: ROSSI, esito: 'ok', dettagli: null },
    ]);
  });

  it('records a cancel, a comunicazione and a printed agenda with the appointment’s client; a refused cancel too', async () => {
    appuntamento(core, { id: 'app-1', stato: 'confermato', data: '2026-03-20', datoreCf: BIANCHI, codiceRapporto: '9876543210', sedeId: SEDE_B.id });
    await app(core, 'appuntamento.comunica', { appuntamentoId: 'app-1', testo: 'Porterà il modello F24.' });
    await app(core, 'appuntamento.cancella', { id: 'app-1' });
    expect((await refusal(core, 'appuntamento.cancella', { id: 'non-esiste' })).code).toBe('NON_TROVATO');
    const stampa = await app<Pagina<unknown>>(core, 'agenda.stampa', { testo: BIANCHI });
    expect(stampa.totale).toBe(1);

    expect(righe().map((r) => [r.azione, r.entitaId, r.clienteCf, r.esito])).toEqual([
      ['appuntamento.comunica', 'app-1', BIANCHI, 'ok'],
      ['appuntamento.cancella', 'app-1', BIANCHI, 'ok'],
      ['appuntamento.cancella', 'non-esiste', null, 'errore'],
      ['agenda.stampa', null, BIANCHI, 'ok'],
    ]);
  });

  it('records the skipped drafts of a batch as refused, one row each, and the done ones as done', async () => {
    const a = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    await app(core, 'bozze.inviaInBlocco', { ids: [a.id] }); // incomplete: skipped with its reason
    await app(core, 'bozze.eliminaInBlocco', { ids: [a.id] });
    expect(righe().map((r) => [r.azione, r.entitaId, r.clienteCf, r.esito])).toEqual([
      ['bozza.crea', a.id, ROSSI, 'ok'],
      ['bozza.invia', a.id, ROSSI, 'errore'],
      ['bozza.elimina', a.id, ROSSI, 'ok'],
    ]);
  });

  it('records settings, backup and logout refused where there is no workspace or service, with the login in use', async () => {
    await refusal(core, 'backup.crea', {});
    await refusal(core, 'servizio.esci', {});
    await refusal(core, 'ufficio.imposta', { nome: 'Patronato Roma Centro', telefono: null, email: null, indirizzo: null });
    expect(righe().map((r) => [r.operatore, r.azione, r.esito])).toEqual([
      ['m.bianchi', 'backup.crea', 'errore'],
      ['m.bianchi', 'servizio.esci', 'errore'],
      ['m.bianchi', 'ufficio.imposta', 'errore'],
    ]);
  });

  it('never records a password: a refused login keeps the username tried, not what was typed as password', async () => {
    await refusal(core, 'servizio.accedi', { username: 'm.bianchi', password: 'segreta-123' });
    expect(JSON.stringify(tutto())).not.toContain('segreta-123');
    expect(righe().at(-1)).toMatchObject({ azione: 'servizio.accedi', esito: 'errore', dettagli: expect.stringContaining('utente «m.bianchi»') as unknown });
  });

  it('records nothing for searches and screens', async () => {
    await app(core, 'bozze.cerca', {});
    await app(core, 'registro.cerca', {});
    await app(core, 'registro.verifica', {});
    expect(count(core, 'audit_log')).toBe(0);
  });
});

describe('registro.cerca and registro.esporta', () => {
  it('filters by operator, client (name or codice fiscale), action, outcome and day; the export is itself recorded', async () => {
    await qualcheAzione();
    core.ctx.store.sessione.ricorda({ username: 'g.verdi', operatoreId: 'op-8' }, TEST_NOW);
    await app(core, 'bozza.crea', { codiceRapporto: '9876543210', quesitiIds: [] });
    const cerca = (f: Record<string, unknown>) => app<Pagina<RegistroRiga>>(core, 'registro.cerca', f);

    expect((await cerca({})).totale).toBe(5);
    expect((await cerca({})).righe[0]).toMatchObject({ operatore: 'g.verdi', clienteCf: BIANCHI, clienteNominativo: expect.any(String) as unknown });
    expect((await cerca({ operatore: 'm.bianchi' })).totale).toBe(4);
    expect((await cerca({ testo: 'rossi' })).righe.map((r) => r.azione)).toEqual(['bozza.invia', 'bozza.allegato.aggiungi', 'bozza.crea']);
    expect((await cerca({ testo: ROSSI.slice(0, 6) })).totale).toBe(3);
    expect((await cerca({ testo: 'mario ro' })).totale).toBe(3);
    expect((await cerca({ testo: 'ro' })).totale).toBe(3);
    expect((await cerca({ testo: 'mario bianchi' })).totale).toBe(0);
    expect((await cerca({ azioni: ['agenda.esporta'] })).totale).toBe(1);
    expect((await cerca({ esito: 'errore' })).righe.map((r) => r.azione)).toEqual(['bozza.invia']);
    expect((await cerca({ dal: '2026-03-10', al: '2026-03-10' })).totale).toBe(5);
    expect((await cerca({ dal: '2026-03-11' })).totale).toBe(0);
    expect((await cerca({ ordine: 'il', limite: 2, offset: 1 })).righe.map((r) => r.azione)).toEqual(['bozza.allegato.aggiungi', 'agenda.esporta']);
    expect(await refusal(core, 'registro.cerca', { dal: '2026-03-11', al: '2026-03-10' })).toMatchObject({ code: 'INPUT_NON_VALIDO' });

    const file = await app<FileEsportato>(core, 'registro.esporta', { formato: 'csv', operatore: 'm.bianchi' });
    expect(file.righe).toBe(4);
    expect(file.contenuto).toContain('Prenotazione inviata;Non riuscita;Rossi Mario');
    expect(file.contenuto).not.toContain('g.verdi');
    expect(righe().at(-1)).toMatchObject({
      operatore: 'g.verdi',
      azione: 'registro.esporta',
      esito: 'ok',
      dettagli: 'CSV, 4 righe, filtri: operatore=m.bianchi',
    });
    const xlsx = await app<FileEsportato>(core, 'registro.esporta', { formato: 'xlsx' });
    expect(Buffer.from(xlsx.contenuto, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('lists the operators and actions for the filters, with the actions’ Italian names', async () => {
    await qualcheAzione();
    const opzioni = await app<{ operatori: string[]; azioni: { azione: string; etichetta: string }[] }>(core, 'registro.opzioni', {});
    expect(opzioni.operatori).toEqual(['m.bianchi']);
    expect(opzioni.azioni).toContainEqual({ azione: 'bozza.invia', etichetta: 'Prenotazione inviata' });
  });
});

describe('registro.verifica', () => {
  const sql = (text: string, ...params: unknown[]) => core.ctx.sqlite.prepare(text).run(...params);

  it('reports an intact chain, and changes nothing', async () => {
    await qualcheAzione();
    const prima = tutto();
    expect(await verifica()).toEqual({
      integro: true,
      righe: 4,
      primaRigaAlterata: null,
      messaggio: 'Registro integro: 4 righe controllate, nessuna alterata o rimossa.',
    });
    expect(tutto()).toEqual(prima);
  });

  it('names a row whose content was altered (here the client’s codice fiscale), and changes nothing', async () => {
    await qualcheAzione();
    sql('UPDATE audit_log SET cliente_cf = ? WHERE id = 2', BIANCHI);
    const prima = tutto();
    const esito = await verifica();
    expect(esito).toMatchObject({ integro: false, righe: 2, primaRigaAlterata: { id: 2, il: TEST_NOW, azione: 'bozza.allegato.aggiungi' } });
    expect(esito.messaggio).toBe(
      'Registro non integro: la riga n. 2 (10/03/2026 alle 10:00, «Allegato aggiunto») è stata alterata, spostata o inserita a mano, oppure è stata cambiata la riga prima. Non modificare il database: conserva una copia della cartella dei dati e avvisa il responsabile della privacy.',
    );
    expect(tutto()).toEqual(prima);
  });

  it('names the row after a removed one', async () => {
    await qualcheAzione();
    sql('DELETE FROM audit_log WHERE id = 2');
    const esito = await verifica();
    expect(esito).toMatchObject({ integro: false, primaRigaAlterata: { id: 3, azione: 'agenda.esporta' } });
    expect(esito.messaggio).toMatch(/^Registro non integro: mancano la riga n\. 2 \(rimossa\); la catena si interrompe prima di la riga n\. 3 /);
  });

  it('names a removed row even when the later ones were renumbered to hide the gap', async () => {
    await qualcheAzione();
    sql('DELETE FROM audit_log WHERE id = 2');
    sql('UPDATE audit_log SET id = id - 1 WHERE id > 2');
    expect(await verifica()).toMatchObject({ integro: false, primaRigaAlterata: { id: 2, azione: 'agenda.esporta' } });
  });

  it('names the first of two rows swapped (reordered)', async () => {
    await qualcheAzione();
    // Rows 2 and 3 swap places: each keeps its content and hash, under the other's id.
    sql('UPDATE audit_log SET id = -2 WHERE id = 2');
    sql('UPDATE audit_log SET id = 2 WHERE id = 3');
    sql('UPDATE audit_log SET id = 3 WHERE id = -2');
    expect(await verifica()).toMatchObject({ integro: false, primaRigaAlterata: { id: 2, azione: 'agenda.esporta' } });
  });

  it('sees the last rows removed: the ids never go back, so the next row leaves a gap; before it, SQLite’s sequence shows them', async () => {
    await qualcheAzione();
    sql('DELETE FROM audit_log WHERE id >= 3');
    expect(await verifica()).toMatchObject({
      integro: false,
      primaRigaAlterata: { id: 3, il: null, azione: null },
      messaggio: expect.stringMatching(/^Registro non integro: mancano le ultime righe \(le righe dalla n\. 3 alla n\. 4, rimosse\)\./) as unknown,
    });
    await app(core, 'bozze.esporta', { formato: 'csv' });
    expect(righe().map((r) => r.id)).toEqual([1, 2, 5]);
    expect(await verifica()).toMatchObject({ integro: false, primaRigaAlterata: { id: 5, azione: 'bozze.esporta' } });
  });

  it('starts intact when empty', async () => {
    expect(await verifica()).toEqual({
      integro: true,
      righe: 0,
      primaRigaAlterata: null,
      messaggio: 'Il registro è vuoto: non c’è ancora nessuna attività registrata.',
    });
  });
});

describe('actions recorded by other parts', () => {
  it('records a refused retention run and a refused export of a client’s data, with the client', async () => {
    await refusal(core, 'cliente.esportaDati', { codiceFiscale: 'RSSMRA80A01H501U' });
    await refusal(core, 'conservazione.esegui', { soglia: '2025-01-01', clienti: [ROSSI] });
    expect(righe().map((r) => [r.azione, r.clienteCf, r.esito])).toEqual([
      ['cliente.esportaDati', 'RSSMRA80A01H501U', 'errore'],
      ['conservazione.esegui', null, 'errore'],
    ]);
  });
});
