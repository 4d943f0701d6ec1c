// @vitest-environment jsdom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandError, setCommandClient, type CommandClient } from '../api/client';
import { filtriComando, filtriDaQuery, queryDaFiltri, useStatisticheStore, vuoti } from './statistiche';

describe('statistiche filters ↔ address', () => {
  it('reads a custom period, a sede, a topic and an operator back from its own query', () => {
    const f = {
      ...vuoti(),
      periodo: 'personalizzato' as const,
      dal: '2026-01-01',
      al: '2026-03-31',
      sedeId: 'sede-002',
      argomento: 'mav' as const,
      operatoreId: 'op-004',
    };
    const q = queryDaFiltri(f);
    expect(q).toEqual({ periodo: 'personalizzato', dal: '2026-01-01', al: '2026-03-31', sede: 'sede-002', argomento: 'mav', operatore: 'op-004' });
    expect(filtriDaQuery(q as Record<string, string>)).toEqual(f);
  });

  it('keeps the default period out of the address and ignores what it does not know', () => {
    expect(queryDaFiltri(vuoti())).toEqual({});
    expect(filtriDaQuery({ periodo: 'sempre', argomento: 'altro', dal: '31/12/2026' })).toEqual(vuoti());
    expect(filtriDaQuery({ periodo: '3mesi' }).periodo).toBe('3mesi');
    // A date in the address means a custom period, even without periodo=personalizzato.
    expect(filtriDaQuery({ dal: '2026-02-01' })).toMatchObject({ periodo: 'personalizzato', dal: '2026-02-01', al: '' });
  });

  it('sends a ready-made period or the custom dates, never both, and only the filters set', () => {
    expect(filtriComando({ ...vuoti(), periodo: '6mesi', dal: '2026-01-01' })).toEqual({ periodo: '6mesi' });
    expect(filtriComando({ ...vuoti(), periodo: 'personalizzato', dal: '2026-01-01', al: '', sedeId: 's1' })).toEqual({ dal: '2026-01-01', sedeId: 's1' });
  });
});

const periodo = { dal: '2026-01-01', al: '2026-03-31' };
const distr = { n: 0, mediana: null, p90: null };
const esiti = { confermati: 0, chiusiSenzaVisita: 0, svolti: 0, cancellatiUfficio: 0, disdettiSede: 0 };

function fakeClient(impl: (name: string, input: unknown) => unknown) {
  const invoke = vi.fn(async (name: string, input: unknown) => impl(name, input));
  setCommandClient({ invoke, on: () => () => undefined } as unknown as CommandClient);
  return invoke;
}

const risposte = (name: string): unknown => {
  if (name === 'statistiche.sedi')
    return {
      periodo,
      righe: [],
      totale: { prenotati: 0, esiti, tassi: esiti, anticipoGiorni: distr, attesaPrimoSlotGiorni: distr, osservazioniSenzaLibero: 0, disdettePer100: null },
    };
  if (name === 'statistiche.andamento') return { periodo, granularita: 'mese', punti: [] };
  if (name === 'statistiche.argomenti') return { periodo, righe: [] };
  if (name === 'statistiche.operatori') return { periodo, righe: [] };
  throw new Error(`unexpected ${name}`);
};

describe('useStatisticheStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('asks the four blocks with the same filters', async () => {
    const invoke = fakeClient(risposte);
    const store = useStatisticheStore();
    Object.assign(store.filtri, { periodo: '3mesi', sedeId: 'sede-001' });
    await store.carica();
    expect(invoke.mock.calls.map((c) => c[0]).sort()).toEqual(['statistiche.andamento', 'statistiche.argomenti', 'statistiche.operatori', 'statistiche.sedi']);
    for (const c of invoke.mock.calls) expect(c[1]).toEqual({ periodo: '3mesi', sedeId: 'sede-001' });
    expect(store.dati?.andamento.granularita).toBe('mese');
    expect(store.caricamento).toBe(false);
  });

  it('puts the core’s refusal of a custom period beside the date it names, not above the blocks', async () => {
    const msg = 'La data «al» è precedente alla data «dal»: scambiale o correggi il periodo.';
    fakeClient(() => {
      throw new CommandError('validation', 'Dati non validi.', [{ path: 'al', message: msg }]);
    });
    const store = useStatisticheStore();
    Object.assign(store.filtri, { periodo: 'personalizzato', dal: '2026-03-01', al: '2026-01-01' });
    await store.carica();
    expect(store.errori).toEqual({ al: msg });
    expect(store.messaggio).toBeNull();
    expect(store.dati).toBeNull();
  });

  it('with figures on screen, shows each block as its answer comes, and stays loading until the last', async () => {
    let rilascia: () => void = () => undefined;
    const cancello = new Promise<void>((r) => (rilascia = r));
    fakeClient(async (name, input) => {
      const out = risposte(name) as { periodo: unknown };
      if (name === 'statistiche.argomenti' && (input as { periodo?: string }).periodo === '6mesi') await cancello;
      return { ...out, periodo: { dal: (input as { periodo?: string }).periodo, al: '' } };
    });
    const store = useStatisticheStore();
    await store.carica();
    store.filtri.periodo = '6mesi';
    const carica = store.carica();
    await vi.waitFor(() => expect(store.dati?.sedi.periodo.dal).toBe('6mesi'));
    expect(store.dati?.operatori.periodo.dal).toBe('6mesi');
    expect(store.dati?.argomenti.periodo.dal).toBe('12mesi');
    expect(store.caricamento).toBe(true);
    rilascia();
    await carica;
    expect(store.dati?.argomenti.periodo.dal).toBe('6mesi');
    expect(store.caricamento).toBe(false);
  });

  it('never lets an older answer land over a newer one', async () => {
    let rilascia: () => void = () => undefined;
    const cancello = new Promise<void>((r) => (rilascia = r));
    fakeClient(async (name, input) => {
      if ((input as { periodo?: string }).periodo === 'mese') await cancello;
      const out = risposte(name) as { periodo: unknown };
      return { ...out, periodo: { dal: (input as { periodo?: string }).periodo, al: '' } };
    });
    const store = useStatisticheStore();
    store.filtri.periodo = 'mese';
    const vecchia = store.carica();
    store.filtri.periodo = '6mesi';
    await store.carica();
    rilascia();
    await vecchia;
    expect(store.dati?.sedi.periodo.dal).toBe('6mesi');
  });
});
