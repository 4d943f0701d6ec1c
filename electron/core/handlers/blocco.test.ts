import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BloccoEsito, Bozza, PreparazioneEsito, ProposteOrari } from '../../common/commands/types';
import type { Delega } from '../../common/model';
import { addSedi, app, appuntamento, cambiaQuesito, count, fakeRemote, refusal, rigaBozza, SEDE_A, SEDE_B, statoDi } from '../bozze/testing';
import { GatewayError } from '../gateway/errors';
import { CacheWriter } from '../store/cacheWriter';
import { PageApplier } from '../sync/applyPage';
import { pushOutbox } from '../sync/push';
import { FIXTURE, TEST_NOW, useTestCore } from '../testing';

const core = useTestCore({ seed: true });
beforeEach(() => addSedi(core));

const protocollo = (id: string) => FIXTURE.quesiti.find((q) => q.id === id)!.protocollo;
const invia = (ids: string[]) => app<BloccoEsito>(core, 'bozze.inviaInBlocco', { ids });

/** A complete draft of the fixture, ready to send. */
async function completa(codiceRapporto: string, quesitiIds: string[], ora = '09:00'): Promise<Bozza> {
  return app<Bozza>(core, 'bozza.crea', { codiceRapporto, quesitiIds, sedeId: SEDE_B.id, modalita: 'presenza', data: '2026-03-20', ora });
}

describe('bozze.inviaInBlocco', () => {
  it('queues the complete drafts with their outbox rows, lists the others with what is missing, pushes once', async () => {
    const pronta = await completa('0000123456', ['2']);
    const incompleta = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123499', quesitiIds: [] });
    const pushSoon = vi.spyOn(core.ctx.sync, 'pushSoon');
    const esito = await invia([pronta.id, incompleta.id, 'sparita']);
    expect(esito.fatte).toEqual([pronta.id]);
    expect(esito.saltati).toEqual([
      {
        id: incompleta.id,
        datoreNominativo: 'Rossi Mario',
        motivo:
          'La bozza non è completa: mancano alcuni dati. Scegli almeno un quesito idoneo. Scegli la sede. Scegli il giorno. Scegli l’orario. Scegli la modalità.',
      },
      { id: 'sparita', datoreNominativo: null, motivo: 'Bozza non trovata: potrebbe essere stata eliminata da un’altra finestra.' },
    ]);
    expect(pushSoon).toHaveBeenCalledTimes(1);
    expect(statoDi(core, pronta.id)).toBe('in_coda');
    expect(count(core, 'outbox', 'entita_id = ?', pronta.id)).toBe(1);
    expect(statoDi(core, incompleta.id)).toBe('bozza');
    expect(count(core, 'outbox', 'entita_id = ?', incompleta.id)).toBe(0);
  });

  it('skips a draft whose client’s delega was revoked meanwhile (the feed froze it), sending the rest', async () => {
    const rossi = await completa('0000123456', ['2']);
    new CacheWriter(core.ctx.sqlite).quesito({ ...FIXTURE.quesiti[1]!, id: '8', protocollo: 'INPS.0100.2026.0000008', codiceRapporto: '9876543210' });
    const bianchi = await completa('9876543210', ['8'], '09:30');
    const revocata: Delega = { ...FIXTURE.deleghe[0]!, stato: 'revocata', dataFine: '2026-03-10', motivoFine: 'Delega conferita ad altro intermediario' };
    new PageApplier(core.ctx.sqlite).apply(
      { changes: [{ seq: 1, entity: 'delega', op: 'upsert', data: revocata }], nextCursor: 'c', hasMore: false },
      TEST_NOW,
    );
    const esito = await invia([rossi.id, bianchi.id]);
    expect(esito).toEqual({
      fatte: [bianchi.id],
      saltati: [{ id: rossi.id, datoreNominativo: 'Rossi Mario', motivo: 'La bozza è sospesa perché la delega del cliente non è attiva.' }],
    });
    expect(statoDi(core, rossi.id)).toBe('congelata');
    expect(count(core, 'outbox', 'entita_id = ?', rossi.id)).toBe(0);
  });

  it('skips a draft whose quesito stopped being idoneo, or was booked elsewhere, since it was prepared', async () => {
    const esito = await app<PreparazioneEsito>(core, 'bozze.prepara', { quesitiIds: ['1', '2'], sedeId: SEDE_B.id, modalita: 'presenza' });
    const id = esito.create[0]!.bozzaId;
    await app(core, 'bozza.modifica', { id, quesitiIds: ['1', '2'], sedeId: SEDE_B.id, modalita: 'presenza', data: '2026-03-20', ora: '09:00' });
    const before = rigaBozza(core, id);
    cambiaQuesito(core, '1', { esito: 'positivo', dataEsito: '2026-03-09' });
    appuntamento(core, { id: 'altrove', quesitiIds: ['2'], data: '2026-03-25' });
    expect(await invia([id])).toEqual({
      fatte: [],
      saltati: [
        {
          id,
          datoreNominativo: 'Rossi Mario',
          motivo: `Quesito ${protocollo('1')}: Non idoneo: esito positivo. Il quesito ${protocollo('2')} è già in un appuntamento confermato.`,
        },
      ],
    });
    expect(rigaBozza(core, id)).toEqual(before);
    expect(count(core, 'outbox')).toBe(0);
  });

  it('refuses to edit a draft of a batch being sent: it is in coda, nothing changes', async () => {
    const a = await completa('0000123456', ['2']);
    await invia([a.id]);
    const queued = rigaBozza(core, a.id);
    const outbox = core.ctx.sqlite.prepare('SELECT * FROM outbox').all();
    const error = await refusal(core, 'bozza.modifica', { id: a.id, quesitiIds: ['2'], nota: 'cambiata' });
    expect(error).toMatchObject({
      code: 'STATO_NON_MODIFICABILE',
      message: 'La bozza è in coda di invio: non si può modificare finché il servizio non risponde.',
    });
    const batch = await app<BloccoEsito>(core, 'bozze.modificaInBlocco', { ids: [a.id], campi: { nota: 'cambiata' } });
    expect(batch).toEqual({
      fatte: [],
      saltati: [{ id: a.id, datoreNominativo: 'Rossi Mario', motivo: 'La bozza è in coda di invio: non si può modificare finché il servizio non risponde.' }],
    });
    expect(rigaBozza(core, a.id)).toEqual(queued);
    expect(core.ctx.sqlite.prepare('SELECT * FROM outbox').all()).toEqual(outbox);
  });

  it('two windows sending the same selection: the second finds the drafts in coda, no outbox row twice', async () => {
    const a = await completa('0000123456', ['2']);
    const [first, second] = await Promise.all([invia([a.id]), invia([a.id])]);
    expect(first.fatte).toEqual([a.id]);
    expect(second).toEqual({
      fatte: [],
      saltati: [{ id: a.id, datoreNominativo: 'Rossi Mario', motivo: 'La bozza è già in coda di invio: non viene inviata una seconda volta.' }],
    });
    expect(count(core, 'outbox')).toBe(1);
  });

  it('a crash in the middle of a batch leaves each draft queued with its rows, or untouched', async () => {
    const ids: string[] = [];
    for (const [i, q] of ['1', '2'].entries()) ids.push((await completa('0000123456', [q], `0${8 + i}:30`)).id);
    const accoda = core.ctx.store.outbox.accoda.bind(core.ctx.store.outbox);
    let calls = 0;
    vi.spyOn(core.ctx.store.outbox, 'accoda').mockImplementation((...args) => {
      if (++calls === 2) throw new Error('disk I/O error');
      accoda(...args);
    });
    expect(await refusal(core, 'bozze.inviaInBlocco', { ids })).toMatchObject({ code: 'ERRORE_INTERNO' });
    // Both drafts share a commit: the failure on the second takes the first back too. Never a
    // draft in coda without its booking row, nor a row without its draft in coda.
    for (const id of ids) expect([statoDi(core, id), count(core, 'outbox', 'entita_id = ?', id)]).toEqual(['bozza', 0]);
    vi.restoreAllMocks();
    expect((await invia(ids)).fatte).toEqual(ids);
    for (const id of ids) expect([statoDi(core, id), count(core, 'outbox', 'entita_id = ?', id)]).toEqual(['in_coda', 1]);
  });

  it('a slot taken by another office between Proponi orari and Invia: that draft goes to Da correggere with the reason, the rest are booked', async () => {
    const esito = await app<PreparazioneEsito>(core, 'bozze.prepara', { quesitiIds: ['1', '2'], sedeId: SEDE_A.id, modalita: 'presenza' });
    new CacheWriter(core.ctx.sqlite).quesito({ ...FIXTURE.quesiti[1]!, id: '8', protocollo: 'INPS.0100.2026.0000008', codiceRapporto: '9876543210' });
    const altra = await app<PreparazioneEsito>(core, 'bozze.prepara', { quesitiIds: ['8'], sedeId: SEDE_A.id, modalita: 'presenza' });
    const ids = [esito.create[0]!.bozzaId, altra.create[0]!.bozzaId];
    const taken = ids[1]!;
    const remote = fakeRemote({
      slot: () => [
        { data: '2026-03-16', ora: '08:30' },
        { data: '2026-03-16', ora: '09:00' },
      ],
      rifiuta: (key) =>
        key === taken
          ? new GatewayError({ kind: 'permanent', status: 409, code: 'SLOT_NON_DISPONIBILE', detail: 'La data e ora scelte non sono più disponibili.' })
          : null,
    });
    core.ctx.gateway = remote;
    const proposte = await app<ProposteOrari>(core, 'bozze.proponiOrari', { ids });
    expect(proposte.proposte).toHaveLength(2);
    expect((await invia(ids)).fatte).toEqual(ids);
    await pushOutbox(core.ctx.store, remote, core.ctx.allegati, core.ctx.clock, () => 0.5);
    expect(statoDi(core, ids[0]!)).toBe('inviata');
    const refused = await app<Bozza>(core, 'bozza.dettaglio', { id: taken });
    expect(refused).toMatchObject({
      stato: 'da_correggere',
      quesitiIds: ['8'],
      data: '2026-03-16',
      errore: { codice: 'SLOT_NON_DISPONIBILE', messaggio: 'La data e ora scelte non sono più disponibili.' },
    });
  });
});

describe('bozze.modificaInBlocco and bozze.eliminaInBlocco', () => {
  it('sets the fields given on the drafts that may change; another sede clears the day and time', async () => {
    const a = await completa('0000123456', ['2']);
    const b = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123499', quesitiIds: [] });
    const esito = await app<BloccoEsito>(core, 'bozze.modificaInBlocco', {
      ids: [a.id, b.id],
      campi: { sedeId: SEDE_A.id, modalita: 'videochiamata', finestra: { dal: '2026-03-16', al: '2026-03-27' }, nota: 'Portare i MAV' },
    });
    expect(esito).toEqual({ fatte: [a.id, b.id], saltati: [] });
    expect(await app<Bozza>(core, 'bozza.dettaglio', { id: a.id })).toMatchObject({
      sedeId: SEDE_A.id,
      modalita: 'videochiamata',
      finestraDal: '2026-03-16',
      finestraAl: '2026-03-27',
      nota: 'Portare i MAV',
      data: null,
      ora: null,
      quesitiIds: ['2'],
    });
    expect(count(core, 'audit_log', "azione = 'bozze.modificaInBlocco'")).toBe(2);
  });

  it('leaves a draft unchanged when the sede does not offer the mode, with the reason', async () => {
    const a = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'], sedeId: SEDE_A.id, modalita: 'videochiamata' });
    const before = rigaBozza(core, a.id);
    const esito = await app<BloccoEsito>(core, 'bozze.modificaInBlocco', { ids: [a.id], campi: { sedeId: SEDE_B.id } });
    expect(esito.saltati).toEqual([
      { id: a.id, datoreNominativo: 'Rossi Mario', motivo: 'La sede scelta non offre questa modalità di appuntamento. Modalità non offerta dalla sede.' },
    ]);
    expect(rigaBozza(core, a.id)).toEqual(before);
  });

  it('deletes the drafts not yet sent and keeps the queued ones, with the reason', async () => {
    const a = await completa('0000123456', ['2']);
    const b = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123499', quesitiIds: [] });
    await invia([a.id]);
    const esito = await app<BloccoEsito>(core, 'bozze.eliminaInBlocco', { ids: [a.id, b.id] });
    expect(esito).toEqual({
      fatte: [b.id],
      saltati: [{ id: a.id, datoreNominativo: 'Rossi Mario', motivo: 'La bozza è in coda di invio: attendi l’esito prima di eliminarla.' }],
    });
    expect(count(core, 'bozze')).toBe(1);
  });

  it('refuses an unknown sede for the whole selection, changing nothing', async () => {
    const a = await app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: ['2'] });
    const before = rigaBozza(core, a.id);
    expect(await refusal(core, 'bozze.modificaInBlocco', { ids: [a.id], campi: { sedeId: 'sede-x', nota: 'x' } })).toMatchObject({
      code: 'NON_TROVATO',
      message: 'Sede sconosciuta: aggiorna i dati con «Sincronizza ora».',
    });
    expect(rigaBozza(core, a.id)).toEqual(before);
  });

  it('refuses an empty selection or no field to change', async () => {
    expect(await refusal(core, 'bozze.eliminaInBlocco', { ids: [] })).toMatchObject({
      code: 'INPUT_NON_VALIDO',
      details: [{ message: 'Seleziona almeno una bozza.' }],
    });
    expect(await refusal(core, 'bozze.modificaInBlocco', { ids: ['x'], campi: {} })).toMatchObject({
      code: 'INPUT_NON_VALIDO',
      details: [{ message: 'Indica almeno un dato da cambiare.' }],
    });
  });
});

describe('a batch of 500 drafts', () => {
  it('prepares, plans offline and queues 500 drafts of 100 clients: one outbox row each, no slot twice, one visit a day per client', async () => {
    const writer = new CacheWriter(core.ctx.sqlite);
    const quesitiIds: string[] = [];
    core.ctx.sqlite.transaction(() => {
      for (let c = 0; c < 100; c++) {
        const cf = `BLCCLN80A01H5${String(c).padStart(2, '0')}X`;
        writer.datore({ ...FIXTURE.datori[0]!, codiceFiscale: cf, cognome: `Cliente${c}` });
        writer.delega({ ...FIXTURE.deleghe[0]!, id: `del-b${c}`, datoreCf: cf, dataScadenza: null });
        for (let r = 0; r < 5; r++) {
          const codice = String(7_000_000_000 + c * 10 + r);
          writer.rapporto({ ...FIXTURE.rapporti[0]!, codice, datoreCf: cf });
          writer.quesito({ ...FIXTURE.quesiti[1]!, id: `b${c}-${r}`, protocollo: `INPS.BLOCCO.${c}.${r}`, codiceRapporto: codice });
          quesitiIds.push(`b${c}-${r}`);
        }
      }
    })();
    const finestra = { dal: '2026-03-11', al: '2026-09-30' };
    const esito = await app<PreparazioneEsito>(core, 'bozze.prepara', { quesitiIds, sedeId: SEDE_A.id, modalita: 'presenza', finestra });
    expect([esito.create.length, esito.saltati.length]).toEqual([500, 0]);
    // The Bozze screen plans on the drafts as they are now: the batch refreshed their statistics.
    expect(core.ctx.sqlite.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'bozze_creata'").pluck().get()).toMatch(/^500 /);
    const ids = esito.create.map((c) => c.bozzaId);
    const proposte = await app<ProposteOrari>(core, 'bozze.proponiOrari', { ids });
    expect([proposte.online, proposte.proposte.length, proposte.saltati.length]).toEqual([false, 500, 0]);
    expect(new Set(proposte.proposte.map((p) => `${p.data} ${p.ora}`)).size).toBe(500);
    const cliente = new Map(esito.create.map((c) => [c.bozzaId, c.datoreNominativo]));
    expect(new Set(proposte.proposte.map((p) => `${cliente.get(p.bozzaId)} ${p.data}`)).size).toBe(500);
    const inviate = await invia(ids);
    expect([inviate.fatte.length, inviate.saltati.length]).toEqual([500, 0]);
    expect([count(core, 'bozze', "stato = 'in_coda'"), count(core, 'outbox'), count(core, 'audit_log', "azione = 'bozze.prepara'")]).toEqual([500, 500, 500]);
  });
});
