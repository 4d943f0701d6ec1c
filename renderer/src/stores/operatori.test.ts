import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setCommandClient, type CommandClient } from '../api/client';
import { useOperatoriStore, type OperatoreElenco } from './operatori';

const GIULIA: OperatoreElenco = { id: 'op-001', nominativo: 'Giulia Ferri', username: 'operatore1', appuntamenti: 12 };
const SENZA_NOME: OperatoreElenco = { id: 'op-009', nominativo: null, username: null, appuntamenti: 3 };

/** A core answering operatori.elenco with `risposte` in turn (an Error is thrown); dati.aggiornati fired by hand. */
function fakeCore(...risposte: (OperatoreElenco[] | Error)[]) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const invoke = vi.fn(async (name: string) => {
    expect(name).toBe('operatori.elenco');
    const r = risposte.length > 1 ? risposte.shift()! : risposte[0]!;
    if (r instanceof Error) throw r;
    return r;
  });
  const on = vi.fn((event: string, listener: (payload: unknown) => void) => {
    listeners.set(event, listener);
    return () => listeners.delete(event);
  });
  setCommandClient({ invoke, on } as unknown as CommandClient);
  return { invoke, aggiornati: () => listeners.get('dati.aggiornati')?.({}) };
}

beforeEach(() => setActivePinia(createPinia()));

describe('the operators store', () => {
  it('names an operator the service named, shows the id of one it did not, and nothing for nobody', async () => {
    fakeCore([GIULIA, SENZA_NOME]);
    const store = useOperatoriStore();
    await store.carica();
    expect(store.nomeOperatore('op-001')).toBe('Giulia Ferri');
    expect(store.nomeOperatore('op-009')).toBe('op-009');
    expect(store.nomeOperatore('op-404')).toBe('op-404');
    expect(store.nomeOperatore(null)).toBe('');
  });

  it('maps the registro’s login to the name, and says who is logged in with both', async () => {
    fakeCore([GIULIA, SENZA_NOME]);
    const store = useOperatoriStore();
    await store.carica();
    expect(store.nomeUtente('operatore1')).toBe('Giulia Ferri');
    expect(store.nomeUtente('operatore7')).toBe('operatore7');
    expect(store.nomeEUtente('operatore1')).toBe('Giulia Ferri (operatore1)');
    expect(store.nomeEUtente('operatore7')).toBe('operatore7');
  });

  it('loads once however many screens ask, and again when the core says data changed', async () => {
    const core = fakeCore([SENZA_NOME], [GIULIA, { ...SENZA_NOME, nominativo: 'Paolo Galli' }]);
    const store = useOperatoriStore();
    await Promise.all([store.carica(), store.carica(), store.carica()]);
    expect(core.invoke).toHaveBeenCalledTimes(1);
    expect(store.nomeOperatore('op-009')).toBe('op-009');
    core.aggiornati();
    await vi.waitFor(() => expect(store.nomeOperatore('op-009')).toBe('Paolo Galli'));
    expect(core.invoke).toHaveBeenCalledTimes(2);
    expect(store.elenco.map((o) => o.id)).toEqual(['op-001', 'op-009']);
  });

  it('a failed load keeps what it had: the screens show ids, never a blank', async () => {
    const core = fakeCore(new Error('core non raggiungibile'), [GIULIA], new Error('di nuovo'));
    const store = useOperatoriStore();
    await store.carica();
    expect(store.nomeOperatore('op-001')).toBe('op-001');
    core.aggiornati();
    await vi.waitFor(() => expect(store.nomeOperatore('op-001')).toBe('Giulia Ferri'));
    core.aggiornati();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.nomeOperatore('op-001')).toBe('Giulia Ferri');
  });
});
