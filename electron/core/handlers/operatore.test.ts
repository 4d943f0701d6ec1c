import { describe, expect, it } from 'vitest';
import type { Bozza, BozzaRiga, Pagina, PreparazioneEsito } from '../../common/commands/types';
import { app } from '../bozze/testing';
import { memoryCredentials } from '../gateway/credentials';
import { CacheWriter } from '../store/cacheWriter';
import { FIXTURE, oneSedeGateway, TEST_NOW, useTestCore } from '../testing';

// Who made a draft: the operator the service logged in, remembered for the days the PC is offline.
type Utente = { username: string; tipo: 'operatore'; intermediarioId: string; operatoreId: string; datoreCf: null };
let loggedIn: Utente | null = null;
const gateway = Object.assign(oneSedeGateway(), { utenteNoto: () => loggedIn });
const core = useTestCore({ seed: true, gateway, credentials: memoryCredentials({ username: 'operatore7', password: 'x' }) });
const operatore7: Utente = { username: 'operatore7', tipo: 'operatore', intermediarioId: 'int-001', operatoreId: 'op-007', datoreCf: null };

const crea = (quesito: string) => app<Bozza>(core, 'bozza.crea', { codiceRapporto: '0000123456', quesitiIds: [quesito] });
const operatoreDi = (id: string) => core.ctx.sqlite.prepare('SELECT operatore_id FROM bozze WHERE id = ?').pluck().get(id);

describe('the operator on drafts', () => {
  it('records the operator logged in, and keeps them for drafts made while the service is not reachable', async () => {
    loggedIn = null;
    expect(operatoreDi((await crea('1')).id)).toBeNull(); // nobody has logged in on this database yet
    loggedIn = operatore7;
    const online = await crea('2');
    expect(operatoreDi(online.id)).toBe('op-007');
    expect(core.ctx.store.sessione.ultimo()).toEqual({ username: 'operatore7', operatoreId: 'op-007' });
    // The next day, offline: no session this run, the last operator of this database.
    loggedIn = null;
    const offline = await crea('3');
    expect(operatoreDi(offline.id)).toBe('op-007');
    new CacheWriter(core.ctx.sqlite).quesito({ ...FIXTURE.quesiti[1]!, id: '8', protocollo: 'INPS.0100.2026.0000008', codiceRapporto: '9876543210' });
    const preparate = await app<PreparazioneEsito>(core, 'bozze.prepara', { quesitiIds: ['8'] });
    expect(preparate.create).toHaveLength(1);
    expect(operatoreDi(preparate.create[0]!.bozzaId)).toBe('op-007');
    // The Bozze screen's operator filter finds them.
    const righe = (await app<Pagina<BozzaRiga>>(core, 'bozze.cerca', { operatoreId: 'op-007' })).righe.map((r) => r.id);
    expect(righe.sort()).toEqual([online.id, offline.id, preparate.create[0]!.bozzaId].sort());
  });

  it('forgets the operator on logout: drafts made afterwards record nobody', async () => {
    loggedIn = operatore7;
    await crea('1');
    loggedIn = null;
    await app(core, 'servizio.esci', {});
    expect(core.ctx.store.sessione.ultimo()).toBeNull();
    expect(operatoreDi((await crea('2')).id)).toBeNull();
  });

  it('remembers only a change of operator (one row, written when someone else logs in)', async () => {
    loggedIn = operatore7;
    await crea('1');
    const scritta = core.ctx.sqlite.prepare('SELECT aggiornata_il FROM sessione').pluck().get();
    expect(scritta).toBe(TEST_NOW);
    loggedIn = { ...operatore7, username: 'operatore1', operatoreId: 'op-001' };
    expect(operatoreDi((await crea('2')).id)).toBe('op-001');
    expect(core.ctx.sqlite.prepare('SELECT count(*) FROM sessione').pluck().get()).toBe(1);
  });

  it('remembers who the service logged in at each sync, before any draft is made', async () => {
    loggedIn = operatore7;
    await app(core, 'sync.ora', {});
    expect(core.ctx.store.sessione.ultimo()).toEqual({ username: 'operatore7', operatoreId: 'op-007' });
  });
});
