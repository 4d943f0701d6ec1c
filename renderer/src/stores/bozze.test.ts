import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BozzaRiga, Pagina } from '@common/commands/types';
import { setCommandClient, type CommandClient } from '../api/client';
import { scaricaFile } from '../api/download';
import { filtriDaQuery, queryDaFiltri, useBozzeStore, vuoti } from './bozze';

vi.mock('../api/download', () => ({ scaricaFile: vi.fn(), base64ToBytes: () => new Uint8Array() }));

const riga = (n: number, over: Partial<BozzaRiga> = {}): BozzaRiga => ({
  id: `b-${String(n).padStart(4, '0')}`,
  stato: 'bozza',
  datoreCf: 'RSSMRA80A01H501U',
  datoreNominativo: `Cliente ${n}`,
  codiceRapporto: String(1_000_000_000 + n),
  quesiti: 1,
  protocolli: ['INPS.0001.2026.0000001'],
  sedeId: null,
  sedeNome: null,
  data: null,
  ora: null,
  finestraDal: null,
  finestraAl: null,
  modalita: null,
  allegati: 0,
  mancanti: ['la sede'],
  errore: null,
  appuntamentoId: null,
  operatoreId: 'operatore1',
  creataIl: '2026-03-02T09:00:00.000Z',
  aggiornataIl: '2026-03-02T09:00:00.000Z',
  ...over,
});

type Cerca = { limite: number; offset: number; testo?: string; stati?: string[] };

/** A core holding `n` drafts: bozze.cerca pages through them, optionally slowly for one text. */
function fakeCore(n: number, lento?: (input: Cerca) => Promise<void>) {
  const tutte = Array.from({ length: n }, (_, i) => riga(i));
  const invoke = vi.fn(async (_name: string, input: Cerca): Promise<Pagina<BozzaRiga>> => {
    await lento?.(input);
    const trovate = input.testo ? tutte.filter((r) => r.datoreNominativo.includes(input.testo!)) : tutte;
    return { righe: trovate.slice(input.offset, input.offset + input.limite), totale: trovate.length };
  });
  setCommandClient({ invoke, on: () => () => undefined } as unknown as CommandClient);
  return invoke;
}

beforeEach(() => setActivePinia(createPinia()));

describe('the Bozze filters in the address', () => {
  it('round-trips every filter, leaving the defaults out', () => {
    const filtri = {
      ...vuoti(),
      stati: ['bozza' as const, 'da_correggere' as const],
      testo: 'rossi',
      sedeId: 'sede-001',
      creataDal: '2026-03-01',
      ordine: 'cliente' as const,
    };
    const query = queryDaFiltri(filtri);
    expect(query).toEqual({ stato: 'bozza,da_correggere', cliente: 'rossi', sede: 'sede-001', dal: '2026-03-01', ordine: 'cliente' });
    expect(filtriDaQuery(query as never)).toEqual(filtri);
    expect(queryDaFiltri(vuoti())).toEqual({});
  });

  it('ignores what a pasted or old link carries that the screen does not know', () => {
    expect(filtriDaQuery({ stato: 'bozza,spedita,bozza', dal: '2026-02-31', al: 'ieri', ordine: 'prezzo', cliente: ['verdi', 'bianchi'] })).toEqual({
      ...vuoti(),
      stati: ['bozza'],
      testo: 'verdi',
    });
  });
});

describe('useBozzeStore', () => {
  it('never shows the answer of an older search over a newer one', async () => {
    let release: (() => void) | undefined;
    fakeCore(30, async ({ testo }) => {
      if (testo === 'Cliente 1') await new Promise<void>((resolve) => (release = resolve));
    });
    const store = useBozzeStore();
    store.filtri.testo = 'Cliente 1';
    const vecchia = store.cerca();
    store.filtri.testo = 'Cliente 2';
    await store.cerca();
    release?.();
    await vecchia;
    expect([...store.righe.values()].map((r) => r.datoreNominativo)).toEqual([
      'Cliente 2',
      'Cliente 20',
      'Cliente 21',
      'Cliente 22',
      'Cliente 23',
      'Cliente 24',
      'Cliente 25',
      'Cliente 26',
      'Cliente 27',
      'Cliente 28',
      'Cliente 29',
    ]);
    expect(store.totale).toBe(11);
  });

  it('selects one row, adds with Ctrl, takes a range across pages not yet loaded, and all of the filter', async () => {
    const invoke = fakeCore(1_200);
    const store = useBozzeStore();
    await store.cerca();
    store.soloQuesta(3);
    store.alterna(5);
    expect(store.selezionate.map((r) => r.id)).toEqual(['b-0003', 'b-0005']);
    store.alterna(3);
    expect(store.selezionate.map((r) => r.id)).toEqual(['b-0005']);
    // From the anchor (row 3, the last one clicked) to row 450: the pages in between are loaded first.
    await store.intervallo(450);
    expect(store.selezione.size).toBe(448);
    expect(store.selezione.has('b-0450')).toBe(true);
    store.svuota();
    invoke.mockClear();
    await store.selezionaTutte();
    expect(store.selezione.size).toBe(1_200);
    // In the core's largest pages, not the list's.
    expect(invoke.mock.calls.map((c) => [c[1].offset, c[1].limite])).toEqual([
      [0, 500],
      [500, 500],
      [1000, 500],
    ]);
  });

  it('after Prepara in blocco, the next search selects the drafts just created', async () => {
    fakeCore(40);
    const store = useBozzeStore();
    store.mostraSolo(['b-0001', 'b-0039', 'b-9999']);
    await store.cerca();
    expect(store.selezionate.map((r) => r.id).sort()).toEqual(['b-0001', 'b-0039']);
    // Once: a later search keeps the operator's own selection.
    store.svuota();
    await store.cerca();
    expect(store.selezione.size).toBe(0);
  });

  it('a selected draft shows its new state after a reload without being selected again', async () => {
    const invoke = fakeCore(3);
    const store = useBozzeStore();
    await store.cerca();
    store.soloQuesta(1);
    invoke.mockResolvedValueOnce({ righe: [riga(0), riga(1, { stato: 'in_coda' }), riga(2)], totale: 3 });
    await store.cerca();
    expect(store.selezionate.map((r) => r.stato)).toEqual(['in_coda']);
  });

  it('exports the selection, else every draft of the filter; only-these drafts reach the core as ids', async () => {
    const invoke = fakeCore(5);
    invoke.mockImplementation(async (name: string, input: Cerca) =>
      name === 'bozze.esporta'
        ? ({ nomeFile: 'bozze.csv', mime: 'text/csv', contenuto: 'x', codifica: 'testo', righe: 1 } as never)
        : { righe: [riga(0), riga(1), riga(2)].slice(input.offset, input.offset + input.limite), totale: 3 },
    );
    const store = useBozzeStore();
    store.filtri.testo = 'Cliente';
    await store.cerca();
    await store.esporta('csv');
    expect(invoke).toHaveBeenLastCalledWith('bozze.esporta', { testo: 'Cliente', ordine: '-creata', formato: 'csv' });
    store.soloQuesta(1);
    await store.esporta('xlsx');
    expect(invoke).toHaveBeenLastCalledWith('bozze.esporta', { testo: 'Cliente', ordine: '-creata', ids: ['b-0001'], formato: 'xlsx' });
    expect(scaricaFile).toHaveBeenCalledTimes(2);
    store.filtri.ids = ['b-0002'];
    await store.cerca();
    expect(invoke).toHaveBeenLastCalledWith('bozze.cerca', expect.objectContaining({ ids: ['b-0002'] }));
  });

  it('hands the drafts a batch just prepared to the next visit, once', () => {
    const store = useBozzeStore();
    store.mostraSolo(['b-0001', 'b-0002']);
    expect(store.prendiInArrivo()).toEqual(['b-0001', 'b-0002']);
    expect(store.prendiInArrivo()).toBeNull();
  });
});
