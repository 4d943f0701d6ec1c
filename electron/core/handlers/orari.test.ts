import { beforeEach, describe, expect, it } from 'vitest';
import type { Bozza, ProposteOrari } from '../../common/commands/types';
import { addSedi, app, fakeRemote, offline, SEDE_A, SEDE_B } from '../bozze/testing';
import { GatewayError } from '../gateway/errors';
import { CacheWriter } from '../store/cacheWriter';
import { FIXTURE, useTestCore } from '../testing';

const core = useTestCore({ seed: true });
beforeEach(() => {
  addSedi(core);
  new CacheWriter(core.ctx.sqlite).quesito({ ...FIXTURE.quesiti[1]!, id: '8', protocollo: 'INPS.0100.2026.0000008', codiceRapporto: '9876543210' });
});

const bozza = (codiceRapporto: string, quesitiIds: string[], extra: Record<string, unknown> = {}) =>
  app<Bozza>(core, 'bozza.crea', { codiceRapporto, quesitiIds, sedeId: SEDE_A.id, modalita: 'presenza', ...extra });
const proponi = (ids: string[]) => app<ProposteOrari>(core, 'bozze.proponiOrari', { ids });
const slot = (...s: [string, string][]) => s.map(([data, ora]) => ({ data, ora }));

describe('bozze.proponiOrari online', () => {
  it('gives each draft the earliest free slot: never one slot twice, never two visits of a client on one day; one query per sede', async () => {
    const remote = fakeRemote({
      slot: (sedeId) =>
        sedeId === SEDE_A.id
          ? slot(['2026-03-12', '08:30'], ['2026-03-12', '09:00'], ['2026-03-13', '08:30'], ['2026-03-13', '09:00'])
          : slot(['2026-03-12', '10:00']),
    });
    core.ctx.gateway = remote;
    const rossi1 = await bozza('0000123456', ['1']);
    const rossi2 = await bozza('0000123499', []);
    const bianchi = await bozza('9876543210', ['8']);
    const altraSede = await bozza('0000123456', ['2'], { sedeId: SEDE_B.id });
    const esito = await proponi([rossi1.id, rossi2.id, bianchi.id, altraSede.id]);
    expect(esito).toEqual({
      online: true,
      proposte: [
        { bozzaId: rossi1.id, data: '2026-03-12', ora: '08:30' },
        { bozzaId: rossi2.id, data: '2026-03-13', ora: '08:30' },
        { bozzaId: bianchi.id, data: '2026-03-12', ora: '09:00' },
      ],
      saltati: [
        {
          id: altraSede.id,
          datoreNominativo: 'Rossi Mario',
          motivo: 'Nessun orario libero della sede nella finestra di date: allarga la finestra o scegli un’altra sede.',
        },
      ],
    });
    // The default window: from tomorrow to 30 days from today (Rome), asked once per sede.
    expect(remote.slotCalls).toEqual([
      { sedeId: SEDE_A.id, dal: '2026-03-11', al: '2026-04-09' },
      { sedeId: SEDE_B.id, dal: '2026-03-11', al: '2026-04-09' },
    ]);
    expect(await app<Bozza>(core, 'bozza.dettaglio', { id: bianchi.id })).toMatchObject({ data: '2026-03-12', ora: '09:00', stato: 'bozza' });
  });

  it('keeps to each draft’s window and to the days its client already has a visit', async () => {
    core.ctx.gateway = fakeRemote({ slot: () => slot(['2026-03-12', '08:30'], ['2026-03-20', '08:30'], ['2026-03-23', '08:30']) });
    const fissata = await bozza('0000123499', [], { data: '2026-03-20', ora: '10:00' });
    const b = await bozza('0000123456', ['1'], { finestraDal: '2026-03-16', finestraAl: '2026-03-31' });
    expect((await proponi([b.id])).proposte).toEqual([{ bozzaId: b.id, data: '2026-03-23', ora: '08:30' }]);
    expect(fissata.data).toBe('2026-03-20');
  });

  it('lists what cannot take a slot: no sede, a past window, a draft in coda, a sede the service refuses', async () => {
    core.ctx.gateway = fakeRemote({
      slot: (sedeId) =>
        sedeId === SEDE_B.id
          ? new GatewayError({ kind: 'permanent', status: 404, code: 'NON_TROVATO', detail: 'Sede non trovata.' })
          : slot(['2026-03-12', '08:30']),
    });
    const senzaSede = await bozza('0000123456', ['1'], { sedeId: null });
    const passata = await bozza('0000123499', [], { finestraDal: '2026-03-01', finestraAl: '2026-03-09' });
    const rifiutata = await bozza('9876543210', ['8'], { sedeId: SEDE_B.id });
    const inCoda = await bozza('0000123456', ['2'], { data: '2026-03-20', ora: '09:00' });
    await app(core, 'bozza.invia', { id: inCoda.id });
    const esito = await proponi([senzaSede.id, passata.id, rifiutata.id, inCoda.id]);
    expect(esito.proposte).toEqual([]);
    expect(esito.saltati.map((s) => [s.id, s.motivo])).toEqual([
      [senzaSede.id, 'Scegli prima la sede: gli orari si propongono sede per sede.'],
      [passata.id, 'La finestra di date è già passata: indicane una nuova.'],
      [inCoda.id, 'La bozza è in coda di invio: non si può modificare finché il servizio non risponde.'],
      [rifiutata.id, 'Sede non trovata.'],
    ]);
  });
});

describe('bozze.proponiOrari offline', () => {
  it('without the service, sets preferences from the sede’s timetable: first working day of the window at opening, then the next slots', async () => {
    const remote = fakeRemote({ slot: () => offline() });
    core.ctx.gateway = remote;
    // 14 March 2026 is a Saturday: the first working day of the window is Monday 16.
    const finestra = { finestraDal: '2026-03-14', finestraAl: '2026-03-20' };
    const a = await bozza('0000123456', ['1'], finestra);
    const b = await bozza('9876543210', ['8'], finestra);
    const stessoCliente = await bozza('0000123499', [], finestra);
    const esito = await proponi([a.id, b.id, stessoCliente.id]);
    expect(esito).toEqual({
      online: false,
      proposte: [
        { bozzaId: a.id, data: '2026-03-16', ora: '08:30' },
        { bozzaId: b.id, data: '2026-03-16', ora: '09:00' },
        { bozzaId: stessoCliente.id, data: '2026-03-17', ora: '08:30' },
      ],
      saltati: [],
    });
  });

  it('with no service configured, the same preferences', async () => {
    const a = await bozza('0000123456', ['1']);
    expect(await proponi([a.id])).toEqual({ online: false, proposte: [{ bozzaId: a.id, data: '2026-03-11', ora: '08:30' }], saltati: [] });
  });
});
