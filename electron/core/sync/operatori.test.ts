import { afterEach, describe, expect, it } from 'vitest';
import type { OperatoreRemoto } from '../../common/remote/changes';
import { GatewayError } from '../gateway/errors';
import { appuntamentoDiProva, oneSedeGateway, sedeDiProva, useTestCore } from '../testing';
import { CacheWriter } from '../store/cacheWriter';
import type { RemoteService } from './service';

// The office's operators by name (#15): fetched once per sync, the table replaced whole.
const GIULIA: OperatoreRemoto = { id: 'op-001', nominativo: 'Giulia Ferri', username: 'operatore1' };
const MARCO: OperatoreRemoto = { id: 'op-002', nominativo: 'Marco De Santis', username: 'operatore2' };
const DAVIDE: OperatoreRemoto = { id: 'op-004', nominativo: 'Davide Romano', username: null };

/** What the service answers for the operators, set by each test; counts how often it was asked. */
let risposta: () => Promise<OperatoreRemoto[] | null> = () => Promise.resolve([]);
let richieste = 0;
/** false: the feed has nothing new, so only the names can make news. */
let conFeed = true;
const sede = oneSedeGateway();
const feed = sede.changes.bind(sede);
const gateway: RemoteService = Object.assign(sede, {
  changes: (since: string, limit: number) => (conFeed ? feed(since, limit) : Promise.resolve({ changes: [], nextCursor: since || 'c0', hasMore: false })),
  operatori: () => {
    richieste += 1;
    return risposta();
  },
});

const core = useTestCore({ gateway, seed: true });
afterEach(() => {
  conFeed = true;
});

const tabella = () => core.ctx.sqlite.prepare('SELECT id, nominativo, username FROM operatori ORDER BY id').all();
const sync = async () => {
  const stato = await core.ctx.sync.syncNow();
  expect(stato).toMatchObject({ fase: 'inattivo', errore: null });
};

describe('the operators’ names at each sync', () => {
  it('fills the table once per sync, and replaces it: an operator the service drops disappears', async () => {
    risposta = () => Promise.resolve([GIULIA, MARCO]);
    richieste = 0;
    await sync();
    expect(tabella()).toEqual([GIULIA, MARCO]);
    expect(richieste).toBe(1);

    risposta = () => Promise.resolve([{ ...GIULIA, nominativo: 'Giulia Ferri Rossi' }, DAVIDE]);
    await sync();
    expect(tabella()).toEqual([{ ...GIULIA, nominativo: 'Giulia Ferri Rossi' }, DAVIDE]);
    expect(richieste).toBe(2);
  });

  it('tells the screens when the names changed, and only then', async () => {
    conFeed = false;
    const aggiornati = () => eventi.filter((e) => e === 'dati.aggiornati').length;
    const eventi: string[] = [];
    core.events.subscribe((e) => eventi.push(e.event));
    risposta = () => Promise.resolve([GIULIA]);
    await sync();
    expect(aggiornati()).toBe(1);
    await sync();
    expect(aggiornati()).toBe(1);
    risposta = () => Promise.resolve([GIULIA, MARCO]);
    await sync();
    expect(aggiornati()).toBe(2);
  });

  it.each([
    ['a failed fetch', () => Promise.reject(new GatewayError({ kind: 'transient', status: 503, code: 'HTTP_503', detail: 'Non disponibile.' }))],
    ['a service without the list (404)', () => Promise.resolve(null)],
    // Two rows with one id: the second insert fails, after the delete, inside the transaction.
    ['a list that cannot be stored halfway', () => Promise.resolve([MARCO, GIULIA, { ...GIULIA, nominativo: 'Doppione' }])],
  ])('%s leaves the table as it was, and the sync succeeds', async (_what, answer) => {
    risposta = () => Promise.resolve([GIULIA, DAVIDE]);
    await sync();
    risposta = answer;
    await sync();
    expect(tabella()).toEqual([GIULIA, DAVIDE]);
  });
});

describe('operatori.elenco', () => {
  it('names the operators who booked, with their counts, and lists those named with nothing booked; unknown ids stay, unnamed, last', async () => {
    const writer = new CacheWriter(core.ctx.sqlite);
    writer.sede(sedeDiProva());
    for (const a of [appuntamentoDiProva('a-1'), appuntamentoDiProva('a-2'), appuntamentoDiProva('a-3', { operatoreId: 'op-009' })]) writer.appuntamento(a);
    const conteggio = (id: string) => core.ctx.sqlite.prepare('SELECT count(*) FROM appuntamenti WHERE operatore_id = ?').pluck().get(id) as number;
    risposta = () => Promise.resolve([MARCO, GIULIA]);
    await sync();
    const result = await core.dispatcher('app')('operatori.elenco', {});
    expect(result).toEqual({
      ok: true,
      value: [
        { id: 'op-001', nominativo: 'Giulia Ferri', username: 'operatore1', appuntamenti: conteggio('op-001') },
        { id: 'op-002', nominativo: 'Marco De Santis', username: 'operatore2', appuntamenti: 0 },
        { id: 'op-009', nominativo: null, username: null, appuntamenti: 1 },
      ],
    });
    expect(conteggio('op-001')).toBeGreaterThanOrEqual(2);
  });
});
