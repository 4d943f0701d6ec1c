import { beforeEach, describe, expect, it } from 'vitest';
import type { Bozza, Riprenotazione } from '../../common/commands/types';
import { addSedi, app, appuntamento, count, refusal, ROSSI, SEDE_A, SEDE_B } from '../bozze/testing';
import { CacheWriter } from '../store/cacheWriter';
import { FIXTURE, TEST_NOW, useTestCore } from '../testing';

const core = useTestCore({ seed: true });
beforeEach(() => addSedi(core));

const protocollo = (id: string) => FIXTURE.quesiti.find((q) => q.id === id)!.protocollo;
const sha = (c: string) => c.repeat(64);

describe('bozza.riprenota from an appointment', () => {
  it('after a disdetta: a new draft for the rapporto with the quesiti still idonei, the note, sede, mode and the attachments held here', async () => {
    appuntamento(core, {
      id: 'app-d',
      sedeId: SEDE_A.id,
      modalita: 'videochiamata',
      quesitiIds: ['1', '2', '3'],
      stato: 'cancellato',
      cancellatoDa: 'sede',
      motivoStato: 'Sede chiusa per inventario',
      nota: 'Portare le ricevute MAV',
    });
    core.ctx.store.allegati.registra(sha('a'), 'application/pdf', 1200, TEST_NOW);
    new CacheWriter(core.ctx.sqlite).allegatiAppuntamento('app-d', [
      { sha256: sha('a'), nomeFile: 'ricevuta.pdf', mime: 'application/pdf', dimensione: 1200 },
      { sha256: sha('b'), nomeFile: 'delega.pdf', mime: 'application/pdf', dimensione: 900 },
    ]);
    const r = await app<Riprenotazione>(core, 'bozza.riprenota', { appuntamentoId: 'app-d' });
    expect(r.bozza).toMatchObject({
      stato: 'bozza',
      datoreCf: ROSSI,
      codiceRapporto: '0000123456',
      quesitiIds: ['1', '2'],
      sedeId: SEDE_A.id,
      modalita: 'videochiamata',
      nota: 'Portare le ricevute MAV',
      data: null,
      ora: null,
      allegati: [{ posizione: 0, sha256: sha('a'), nomeFile: 'ricevuta.pdf', mime: 'application/pdf', dimensione: 1200 }],
    });
    expect(r.nonIdonei).toEqual([{ protocollo: protocollo('3'), motivo: `Quesito ${protocollo('3')}: Non idoneo: esito positivo.` }]);
    expect(r.allegatiNonPortati).toEqual([
      {
        nomeFile: 'delega.pdf',
        motivo: 'Il file non è su questo computer (l’appuntamento è stato prenotato da un’altra postazione): aggiungilo di nuovo alla bozza.',
      },
    ]);
    expect(count(core, 'audit_log', "azione = 'bozza.riprenota'")).toBe(1);
  });

  it('leaves out a quesito already rebooked or in another draft, and drops a mode the sede no longer offers', async () => {
    appuntamento(core, { id: 'app-u', quesitiIds: ['1', '2'], stato: 'cancellato', cancellatoDa: 'utente', sedeId: SEDE_B.id, modalita: 'videochiamata' });
    appuntamento(core, { id: 'app-new', quesitiIds: ['2'], data: '2026-03-30' });
    const r = await app<Riprenotazione>(core, 'bozza.riprenota', { appuntamentoId: 'app-u' });
    expect(r.bozza).toMatchObject({ quesitiIds: ['1'], sedeId: SEDE_B.id, modalita: null });
    expect(r.nonIdonei).toEqual([{ protocollo: protocollo('2'), motivo: `Il quesito ${protocollo('2')} è già in un appuntamento confermato.` }]);
    const again = await refusal(core, 'bozza.riprenota', { appuntamentoId: 'app-u' });
    expect(again).toMatchObject({
      code: 'NESSUN_QUESITO_IDONEO',
      message: 'Nessun quesito della prenotazione è ancora prenotabile: non c’è niente da riprenotare.',
      details: [
        { path: 'quesitiIds', message: `Il quesito ${protocollo('1')} è già in un’altra bozza.` },
        { path: 'quesitiIds', message: `Il quesito ${protocollo('2')} è già in un appuntamento confermato.` },
      ],
    });
    expect(count(core, 'bozze')).toBe(1);
  });

  it('refuses a Confermato or a Chiuso appointment with a clear message, writing nothing', async () => {
    appuntamento(core, { id: 'app-c', quesitiIds: ['2'] });
    appuntamento(core, { id: 'app-x', quesitiIds: ['1'], stato: 'chiuso_definito', motivoStato: 'Risolto' });
    expect(await refusal(core, 'bozza.riprenota', { appuntamentoId: 'app-c' })).toEqual({
      code: 'STATO_NON_RIPRENOTABILE',
      message: 'L’appuntamento è ancora confermato: si riprenota un appuntamento cancellato (per cambiarlo, cancellalo prima).',
      details: [],
    });
    expect(await refusal(core, 'bozza.riprenota', { appuntamentoId: 'app-x' })).toMatchObject({
      code: 'STATO_NON_RIPRENOTABILE',
      message: 'L’appuntamento è chiuso e definito dalla sede: la questione è risolta, non si riprenota.',
    });
    expect(await refusal(core, 'bozza.riprenota', { appuntamentoId: 'boh' })).toMatchObject({ code: 'NON_TROVATO' });
    expect(await refusal(core, 'bozza.riprenota', {})).toMatchObject({ code: 'INPUT_NON_VALIDO' });
    expect(count(core, 'bozze')).toBe(0);
  });

  it('refuses a client whose delega is no longer active', async () => {
    appuntamento(core, { id: 'app-e', codiceRapporto: '5555555555', datoreCf: FIXTURE.datori[2]!.codiceFiscale, stato: 'cancellato', cancellatoDa: 'sede' });
    expect(await refusal(core, 'bozza.riprenota', { appuntamentoId: 'app-e' })).toMatchObject({ code: 'DELEGA_NON_ATTIVA' });
  });
});

describe('bozza.riprenota from a refused draft', () => {
  it('replaces the draft the service refused with a new one holding what still holds; only a refused draft', async () => {
    const old = await app<Bozza>(core, 'bozza.crea', {
      codiceRapporto: '0000123456',
      quesitiIds: ['1', '2'],
      sedeId: SEDE_B.id,
      modalita: 'presenza',
      data: '2026-03-20',
      ora: '09:00',
      finestraDal: '2026-03-16',
      finestraAl: '2026-03-31',
      nota: 'Nota',
    });
    expect(await refusal(core, 'bozza.riprenota', { bozzaId: old.id })).toMatchObject({ code: 'STATO_NON_RIPRENOTABILE' });
    await app(core, 'bozza.invia', { id: old.id });
    core.ctx.store.bozze.segnaDaCorreggere(old.id, 'SLOT_NON_DISPONIBILE', 'La data e ora scelte non sono più disponibili.', TEST_NOW);
    core.ctx.store.outbox.fallito(1, 'SLOT_NON_DISPONIBILE');
    const r = await app<Riprenotazione>(core, 'bozza.riprenota', { bozzaId: old.id });
    expect(r.bozza).toMatchObject({ quesitiIds: ['1', '2'], sedeId: SEDE_B.id, data: null, finestraDal: '2026-03-16', nota: 'Nota', errore: null });
    expect(r.nonIdonei).toEqual([]);
    expect(await refusal(core, 'bozza.dettaglio', { id: old.id })).toMatchObject({ code: 'NON_TROVATO' });
    expect(count(core, 'bozze')).toBe(1);
  });
});
