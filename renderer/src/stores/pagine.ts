import { ref, shallowRef, triggerRef } from 'vue';
import type { Pagina } from '@common/commands/types';
import { messaggioErrore } from '../api/errori';

/** How a paged list reads one page, and what it does with each page it receives. */
export interface FontePagine<R> {
  pageSize: number;
  leggi: (offset: number, limite: number) => Promise<Pagina<R>>;
  /** Every page received for the current search (e.g. to refresh selected rows). */
  ricevuta?: (righe: R[]) => void;
}

/**
 * A search read page by page as a virtual list scrolls: the rows by position, the total, and a
 * generation so that the pages of an older search never land in a newer one.
 */
export function usePagine<R>(fonte: FontePagine<R>) {
  const totale = ref(0);
  const righe = shallowRef(new Map<number, R>());
  const errore = ref<string | null>(null);
  const caricamento = ref(false);
  const pending = new Set<number>();
  let generation = 0;

  async function caricaPagina(page: number, mine: number, fresh = false): Promise<void> {
    pending.add(page);
    try {
      const result = await fonte.leggi(page * fonte.pageSize, fonte.pageSize);
      if (mine !== generation) return;
      // A new search's first page replaces the old rows in one go (no empty list in between).
      if (fresh) righe.value = new Map();
      result.righe.forEach((r, i) => righe.value.set(page * fonte.pageSize + i, r));
      totale.value = result.totale;
      errore.value = null;
      triggerRef(righe);
      fonte.ricevuta?.(result.righe);
    } catch (error) {
      if (mine === generation) errore.value = messaggioErrore(error);
    } finally {
      pending.delete(page);
    }
  }

  /** A new search from its first page; false when a newer one started before it was in. */
  async function cerca(): Promise<boolean> {
    const mine = ++generation;
    pending.clear();
    caricamento.value = true;
    await caricaPagina(0, mine, true);
    if (mine !== generation) return false;
    caricamento.value = false;
    return true;
  }

  /** No rows at all, without asking (filters the core would refuse); older pages are dropped. */
  function vuota(): void {
    generation++;
    pending.clear();
    righe.value = new Map();
    totale.value = 0;
    caricamento.value = false;
  }

  /**
   * Makes sure rows first..last are loaded (called by the virtual list as it scrolls), and the half
   * page on either side: the next page is asked for while the rows before it are still in view, so
   * scrolling meets rows already in, not placeholders painted once and again when the page lands.
   */
  function assicura(first: number, last: number): void {
    const margine = Math.floor(fonte.pageSize / 2);
    const dal = Math.max(0, first - margine);
    const al = Math.max(dal, Math.min(last + margine, totale.value - 1));
    for (let page = Math.floor(dal / fonte.pageSize); page <= Math.floor(al / fonte.pageSize); page++) {
      if (!pending.has(page) && !righe.value.has(page * fonte.pageSize)) void caricaPagina(page, generation);
    }
  }

  return { totale, righe, errore, caricamento, cerca, vuota, assicura, caricaPagina, generazione: () => generation };
}
