import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, triggerRef } from 'vue';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { CommandInput } from '@common/commands/table';
import type { BozzaRiga } from '@common/commands/types';
import { isIsoDate } from '@common/domain/calendario';
import { BOZZA_STATI, type BozzaStato } from '@common/model';
import { useCommandClient } from '../api/client';
import { messaggioErrore } from '../api/errori';
import { selezioneBozze } from './bozzeSelezione';

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
}

export const vuoti = (): FiltriBozze => ({ stati: [], testo: '', sedeId: '', operatoreId: '', creataDal: '', creataAl: '', ordine: '-creata' });

const primo = (v: LocationQuery[string] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** The filters from the address (a link from Da fare, a reload): anything unknown is ignored, not refused. */
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

function comando(f: FiltriBozze, offset: number, limite: number): CommandInput<'bozze.cerca'> {
  return {
    testo: f.testo,
    ...(f.stati.length > 0 ? { stati: [...f.stati] } : {}),
    ...(f.sedeId ? { sedeId: f.sedeId } : {}),
    ...(f.operatoreId ? { operatoreId: f.operatoreId } : {}),
    ...(f.creataDal ? { creataDal: f.creataDal } : {}),
    ...(f.creataAl ? { creataAl: f.creataAl } : {}),
    ordine: f.ordine,
    limite,
    offset,
  };
}

/**
 * Every client's drafts: the filters, the rows loaded so far (page by page as the virtual list
 * scrolls), and the selection the batch actions work on (bozzeSelezione.ts).
 */
export const useBozzeStore = defineStore('bozze', () => {
  const filtri = reactive<FiltriBozze>(vuoti());
  const totale = ref(0);
  const righe = shallowRef(new Map<number, BozzaRiga>());
  const errore = ref<string | null>(null);
  const caricamento = ref(false);
  const pending = new Set<number>();
  // Pages of an older search must not land in the current one.
  let generation = 0;
  // Drafts to select once the search that shows them has run (the ones Prepara in blocco just created).
  let daSelezionare: Set<string> | null = null;

  async function loadPage(page: number, mine: number, fresh = false): Promise<void> {
    pending.add(page);
    try {
      const result = await useCommandClient().invoke('bozze.cerca', comando(filtri, page * PAGE_SIZE, PAGE_SIZE));
      if (mine !== generation) return;
      // A new search's first page replaces the old rows in one go (no empty list in between).
      if (fresh) righe.value = new Map();
      result.righe.forEach((r, i) => righe.value.set(page * PAGE_SIZE + i, r));
      totale.value = result.totale;
      errore.value = null;
      triggerRef(righe);
      scelta.aggiorna(result.righe);
    } catch (error) {
      if (mine === generation) errore.value = messaggioErrore(error);
    } finally {
      pending.delete(page);
    }
  }

  async function cerca(): Promise<void> {
    const mine = ++generation;
    pending.clear();
    caricamento.value = true;
    await loadPage(0, mine, true);
    if (mine !== generation) return;
    caricamento.value = false;
    const ids = daSelezionare;
    if (!ids) return;
    // Kept until a search completes: the view may search twice as it opens (mount, then its filters).
    const tutte = await tutteDelFiltro().catch(() => null);
    if (mine !== generation || !tutte) return;
    daSelezionare = null;
    scelta.imposta(tutte.filter((r) => ids.has(r.id)));
  }

  /** Makes sure rows first..last are loaded (called by the virtual list as it scrolls). */
  function assicura(first: number, last: number): void {
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      if (!pending.has(page) && !righe.value.has(page * PAGE_SIZE)) void loadPage(page, generation);
    }
  }

  /** Every draft the filters match (at most what a batch takes), in the list's order; null if the filters changed meanwhile. */
  async function tutteDelFiltro(): Promise<BozzaRiga[] | null> {
    const mine = generation;
    const out: BozzaRiga[] = [];
    for (let offset = 0; offset < SELEZIONE_MAX; offset += PAGE_MAX) {
      const page = await useCommandClient().invoke('bozze.cerca', comando(filtri, offset, PAGE_MAX));
      if (mine !== generation) return null;
      out.push(...page.righe);
      if (out.length >= page.totale || page.righe.length < PAGE_MAX) break;
    }
    return out.slice(0, SELEZIONE_MAX);
  }

  const scelta = selezioneBozze({ righe, pageSize: PAGE_SIZE, generazione: () => generation, caricaPagina: loadPage, tutteDelFiltro, errore });
  const { selezione, ancora, selezionaTutte, alterna, soloQuesta, intervallo, svuota } = scelta;

  /** The next search selects these drafts among those it finds (the ones Prepara in blocco just created). */
  function preseleziona(ids: readonly string[]): void {
    daSelezionare = new Set(ids);
  }

  function azzera(): void {
    Object.assign(filtri, vuoti());
  }

  const selezionate = computed(() => [...selezione.value.values()]);

  // State, then actions: two groups that stay two lines under a 160-column formatter.
  return {
    ...{ filtri, totale, righe, errore, caricamento, selezione, selezionate, ancora },
    ...{ cerca, assicura, selezionaTutte, alterna, soloQuesta, intervallo, svuota, preseleziona, azzera },
  };
});
