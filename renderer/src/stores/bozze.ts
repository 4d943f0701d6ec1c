import { defineStore } from 'pinia';
import { computed, reactive } from 'vue';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { CommandInput } from '@common/commands/table';
import type { BozzaRiga } from '@common/commands/types';
import { isIsoDate } from '@common/domain/calendario';
import { BOZZA_STATI, type BozzaStato } from '@common/model';
import { useCommandClient } from '../api/client';
import { messaggioErrore } from '../api/errori';
import { esportaBozze, type FormatoBozze } from '../api/esporta';
import { selezioneBozze } from './bozzeSelezione';
import { usePagine } from './pagine';

export const PAGE_SIZE = 200;
/** The core's largest page: "select all of the filter" reads the ids in pages this big. */
const PAGE_MAX = 500;
/** The batch commands take at most this many drafts. */
export const SELEZIONE_MAX = 5_000;

export const ORDINI = ['creata', '-creata', 'aggiornata', '-aggiornata', 'cliente', '-cliente', 'data', '-data'] as const;
export type OrdineBozze = (typeof ORDINI)[number];

export interface FiltriBozze {
  stati: BozzaStato[];
  testo: string;
  sedeId: string;
  operatoreId: string;
  creataDal: string;
  creataAl: string;
  ordine: OrdineBozze;
  /** Only these drafts (those a batch just prepared): kept out of the address, which it would overflow. */
  ids: string[];
}

export const vuoti = (): FiltriBozze => ({ stati: [], testo: '', sedeId: '', operatoreId: '', creataDal: '', creataAl: '', ordine: '-creata', ids: [] });

const primo = (v: LocationQuery[string] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** The filters from the address (a link from Da fare, a reload): anything unknown is ignored, not refused; it never holds ids. */
export function filtriDaQuery(query: LocationQuery): FiltriBozze {
  const stati = primo(query.stato)
    .split(',')
    .filter((s): s is BozzaStato => (BOZZA_STATI as readonly string[]).includes(s));
  const ordine = primo(query.ordine);
  const data = (v: string) => (isIsoDate(v) ? v : '');
  return {
    stati: [...new Set(stati)],
    testo: primo(query.cliente).slice(0, 100),
    sedeId: primo(query.sede).slice(0, 64),
    operatoreId: primo(query.operatore).slice(0, 64),
    creataDal: data(primo(query.dal)),
    creataAl: data(primo(query.al)),
    ordine: (ORDINI as readonly string[]).includes(ordine) ? (ordine as OrdineBozze) : '-creata',
    ids: [],
  };
}

/** The filters as the address keeps them: only what differs from the defaults. */
export function queryDaFiltri(f: FiltriBozze): LocationQueryRaw {
  const q: LocationQueryRaw = {};
  if (f.stati.length > 0) q.stato = f.stati.join(',');
  if (f.testo) q.cliente = f.testo;
  if (f.sedeId) q.sede = f.sedeId;
  if (f.operatoreId) q.operatore = f.operatoreId;
  if (f.creataDal) q.dal = f.creataDal;
  if (f.creataAl) q.al = f.creataAl;
  if (f.ordine !== '-creata') q.ordine = f.ordine;
  return q;
}

/** The filters as the core takes them (the search and the export). */
function filtriComando(f: FiltriBozze): Omit<CommandInput<'bozze.cerca'>, 'limite' | 'offset'> {
  return {
    testo: f.testo,
    ...(f.stati.length > 0 ? { stati: [...f.stati] } : {}),
    ...(f.sedeId ? { sedeId: f.sedeId } : {}),
    ...(f.operatoreId ? { operatoreId: f.operatoreId } : {}),
    ...(f.creataDal ? { creataDal: f.creataDal } : {}),
    ...(f.creataAl ? { creataAl: f.creataAl } : {}),
    ...(f.ids.length > 0 ? { ids: [...f.ids] } : {}),
    ordine: f.ordine,
  };
}

const comando = (f: FiltriBozze, offset: number, limite: number): CommandInput<'bozze.cerca'> => ({ ...filtriComando(f), limite, offset });

/**
 * Every client's drafts: the filters, the rows loaded so far (page by page as the virtual list
 * scrolls), and the selection the batch actions work on (bozzeSelezione.ts).
 */
export const useBozzeStore = defineStore('bozze', () => {
  const filtri = reactive<FiltriBozze>(vuoti());
  const lista = usePagine<BozzaRiga>({
    pageSize: PAGE_SIZE,
    leggi: (offset, limite) => useCommandClient().invoke('bozze.cerca', comando(filtri, offset, limite)),
    ricevuta: (r) => scelta.aggiorna(r),
  });
  const { totale, righe, errore, caricamento, assicura, generazione } = lista;
  // Drafts to select once the search that shows them has run (the ones Prepara in blocco just created).
  let daSelezionare: Set<string> | null = null;
  let inArrivo: string[] | null = null;

  async function cerca(): Promise<void> {
    if (!(await lista.cerca())) return;
    const ids = daSelezionare;
    if (!ids) return;
    const mine = generazione();
    // Kept until a search completes: the view may search twice as it opens (mount, then its filters).
    const tutte = await tutteDelFiltro().catch(() => null);
    if (mine !== generazione() || !tutte) return;
    daSelezionare = null;
    scelta.imposta(tutte.filter((r) => ids.has(r.id)));
  }

  /** Every draft the filters match (at most what a batch takes), in the list's order; null if the filters changed meanwhile. */
  async function tutteDelFiltro(): Promise<BozzaRiga[] | null> {
    const mine = generazione();
    const out: BozzaRiga[] = [];
    for (let offset = 0; offset < SELEZIONE_MAX; offset += PAGE_MAX) {
      const page = await useCommandClient().invoke('bozze.cerca', comando(filtri, offset, PAGE_MAX));
      if (mine !== generazione()) return null;
      out.push(...page.righe);
      if (out.length >= page.totale || page.righe.length < PAGE_MAX) break;
    }
    return out.slice(0, SELEZIONE_MAX);
  }

  const scelta = selezioneBozze({ righe, pageSize: PAGE_SIZE, generazione, caricaPagina: lista.caricaPagina, tutteDelFiltro, errore });
  const { selezione, ancora, selezionaTutte, alterna, soloQuesta, intervallo, svuota } = scelta;
  const selezionate = computed(() => [...selezione.value.values()]);

  function azzera(): void {
    Object.assign(filtri, vuoti());
  }

  /** The next visit shows only these drafts, selected (Prepara in blocco's «Apri in Bozze»); the view takes them once. */
  function mostraSolo(ids: readonly string[]): void {
    inArrivo = [...ids];
    daSelezionare = new Set(ids);
  }
  function prendiInArrivo(): string[] | null {
    const ids = inArrivo;
    inArrivo = null;
    return ids;
  }

  /** The selection if any, else every draft of the filter, as Excel or CSV. */
  async function esporta(formato: FormatoBozze): Promise<void> {
    const ids = selezionate.value.map((r) => r.id);
    await esportaBozze({ ...filtriComando(filtri), ...(ids.length > 0 ? { ids } : {}), formato }).catch((e: unknown) => (errore.value = messaggioErrore(e)));
  }

  // State, then actions: two groups that stay two lines under a 160-column formatter.
  return {
    ...{ filtri, totale, righe, errore, caricamento, selezione, selezionate, ancora },
    ...{ cerca, assicura, selezionaTutte, alterna, soloQuesta, intervallo, svuota, azzera },
    ...{ mostraSolo, prendiInArrivo, esporta },
  };
});
