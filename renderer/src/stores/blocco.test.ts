import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bozza, BozzaRiga } from '@common/commands/types';
import type { BozzaStato } from '@common/model';
import { CommandError, setCommandClient, type CommandClient } from '../api/client';
import { useBloccoStore } from './blocco';

const riga = (id: string, nominativo: string) => ({ id, datoreNominativo: nominativo, codiceRapporto: '1234567890' }) as BozzaRiga;

/** The core's drafts by id and state; the sandbox's answers arrive by changing `stati`. */
function fakeCore(stati: Map<string, { stato: BozzaStato; errore?: string } | null>) {
  const invoke = vi.fn(async (name: string, input: { ids?: string[]; id?: string; stati?: string[] }) => {
    if (name === 'bozze.inviaInBlocco') {
      const fatte = input.ids!.filter((id) => id !== 'b-3');
      return { fatte, saltati: [{ id: 'b-3', datoreNominativo: 'Terzi', motivo: 'Manca la sede.' }] };
    }
    if (name === 'bozze.cerca') {
      const righe = [...stati].filter(([, s]) => s?.stato === 'in_coda').map(([id]) => ({ id }));
      return { righe, totale: righe.length };
    }
    if (name === 'bozza.dettaglio') {
      const s = stati.get(input.id!);
      if (!s) throw new CommandError('NON_TROVATO', 'Bozza non trovata.', []);
      return { id: input.id, stato: s.stato, errore: s.errore ? { codice: 'X', messaggio: s.errore } : null } as Bozza;
    }
    throw new Error(`unexpected ${name}`);
  });
  setCommandClient({ invoke, on: () => () => undefined } as unknown as CommandClient);
  return invoke;
}

beforeEach(() => setActivePinia(createPinia()));

describe('useBloccoStore: Invia in blocco', () => {
  it('follows the queued drafts until each is confirmed or refused, and lists the ones refused at once', async () => {
    const stati = new Map<string, { stato: BozzaStato; errore?: string } | null>([
      ['b-1', { stato: 'in_coda' }],
      ['b-2', { stato: 'in_coda' }],
      ['b-3', { stato: 'bozza' }],
      ['b-4', { stato: 'in_coda' }],
    ]);
    const invoke = fakeCore(stati);
    const store = useBloccoStore();
    await store.invia([riga('b-1', 'Uno'), riga('b-2', 'Due'), riga('b-3', 'Terzi'), riga('b-4', 'Quattro')]);
    expect(store.invio?.map((v) => [v.id, v.stato])).toEqual([
      ['b-1', 'in_coda'],
      ['b-2', 'in_coda'],
      ['b-4', 'in_coda'],
    ]);
    expect(store.saltatiInvio).toEqual([{ id: 'b-3', datoreNominativo: 'Terzi', motivo: 'Manca la sede.' }]);
    expect(store.concluse).toBe(0);

    // A sync: one confirmed, one refused, one deleted meanwhile.
    stati.set('b-1', { stato: 'inviata' });
    stati.set('b-2', { stato: 'da_correggere', errore: 'L’orario non è più disponibile.' });
    stati.set('b-4', null);
    invoke.mockClear();
    await store.aggiornaInvio();
    expect(store.invio?.map((v) => [v.stato, v.motivo])).toEqual([
      ['inviata', null],
      ['da_correggere', 'L’orario non è più disponibile.'],
      ['eliminata', null],
    ]);
    expect(store.concluse).toBe(3);
    // One search for the queue, then each draft that left it, once.
    expect(invoke.mock.calls.map((c) => c[0])).toEqual(['bozze.cerca', 'bozza.dettaglio', 'bozza.dettaglio', 'bozza.dettaglio']);
    invoke.mockClear();
    await store.aggiornaInvio();
    expect(invoke).not.toHaveBeenCalled();
  });

  it('keeps the last states read when a re-read fails, and tries again on the next change', async () => {
    const stati = new Map<string, { stato: BozzaStato } | null>([['b-1', { stato: 'in_coda' }]]);
    const invoke = fakeCore(stati);
    const store = useBloccoStore();
    await store.invia([riga('b-1', 'Uno')]);
    invoke.mockRejectedValueOnce(new Error('rete'));
    await store.aggiornaInvio();
    expect(store.invio?.[0]?.stato).toBe('in_coda');
    stati.set('b-1', { stato: 'inviata' });
    await store.aggiornaInvio();
    expect(store.invio?.[0]?.stato).toBe('inviata');
  });
});
