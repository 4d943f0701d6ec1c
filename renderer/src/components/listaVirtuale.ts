import { useVirtualizer } from '@tanstack/vue-virtual';
import { computed, ref, watch } from 'vue';

/** Every row of a virtual list is this tall: the virtualiser never measures (measuring costs a layout per row). */
export const ROW_HEIGHT = 40;

/** What a virtual list needs of its paged store. */
export interface ListaSorgente<R> {
  totale: () => number;
  riga: (index: number) => R | undefined;
  /** Loads the rows first..last if they are not in yet. */
  assicura: (first: number, last: number) => void;
  apri: (index: number) => void;
  /** After the active row moved by keyboard; `estendi` when Shift was held. */
  spostata?: (index: number, estendi: boolean) => void;
}

/**
 * A grid of many rows (appointments, drafts): only the rows in view are mounted, their pages load
 * as they come into view, and one row is active for the keyboard (arrows, Page Up/Down, Home,
 * End, Enter to open), announced through aria-activedescendant.
 */
export function useListaVirtuale<R>(sorgente: ListaSorgente<R>) {
  const scroller = ref<HTMLElement | null>(null);
  const active = ref(0);
  const virtualizer = useVirtualizer(
    computed(() => ({
      count: sorgente.totale(),
      getScrollElement: () => scroller.value,
      estimateSize: () => ROW_HEIGHT,
      overscan: 6,
      // The sticky header row covers the first 40px of the viewport.
      scrollPaddingStart: ROW_HEIGHT,
    })),
  );
  const items = computed(() => virtualizer.value.getVirtualItems());
  // Rows are keyed by their place in a pool, not by index: a row leaving the view hands its
  // elements to one coming in (patched, not destroyed and created again), as a brisk scroll
  // replaces every row of the view each frame.
  let posti = new Map<number, number>();
  const visibili = computed(() => {
    posti = assegnaPosti(
      posti,
      items.value.map((item) => item.index),
    );
    return items.value.map((item) => ({ item, riga: sorgente.riga(item.index), posto: posti.get(item.index)! }));
  });

  watch(items, (visible) => {
    const first = visible[0];
    const last = visible.at(-1);
    if (first && last) sorgente.assicura(first.index, last.index);
  });
  // The active row stays inside a list that shrank.
  watch(sorgente.totale, (n) => (active.value = Math.min(active.value, Math.max(0, n - 1))));

  function move(to: number, estendi = false): void {
    if (sorgente.totale() === 0) return;
    active.value = Math.max(0, Math.min(sorgente.totale() - 1, to));
    virtualizer.value.scrollToIndex(active.value, { align: 'auto' });
    sorgente.spostata?.(active.value, estendi);
  }

  /** The keys every list answers; true when the key was one of them (its default is then prevented). */
  function naviga(event: KeyboardEvent): boolean {
    const page = Math.max(1, Math.floor((scroller.value?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) move(active.value + (moves[event.key] ?? 0), event.shiftKey);
    else if (event.key === 'Home') move(0, event.shiftKey);
    else if (event.key === 'End') move(sorgente.totale() - 1, event.shiftKey);
    else if (event.key === 'Enter') sorgente.apri(active.value);
    else return false;
    event.preventDefault();
    return true;
  }

  return { scroller, active, virtualizer, visibili, naviga };
}

/**
 * The pool place of each row index in view: a row already in view keeps its place, a new one takes
 * the lowest place no row in view holds. Places stay below the number of rows in view.
 */
export function assegnaPosti(prima: ReadonlyMap<number, number>, indici: readonly number[]): Map<number, number> {
  const posti = new Map<number, number>();
  const presi = new Set<number>();
  for (const i of indici) {
    const p = prima.get(i);
    if (p !== undefined && p < indici.length) {
      posti.set(i, p);
      presi.add(p);
    }
  }
  let libero = 0;
  for (const i of indici) {
    if (posti.has(i)) continue;
    while (presi.has(libero)) libero++;
    posti.set(i, libero);
    presi.add(libero);
  }
  return posti;
}
