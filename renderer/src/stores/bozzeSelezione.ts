import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import type { BozzaRiga } from '@common/commands/types';
import { messaggioErrore } from '../api/errori';

/** What the selection needs of the paged list: its rows by position, and a way to load the pages a range spans. */
export interface ListaPaginata {
  righe: ShallowRef<Map<number, BozzaRiga>>;
  pageSize: number;
  /** The current search: a range started under an older one is dropped. */
  generazione: () => number;
  caricaPagina: (page: number, generazione: number) => Promise<void>;
  tutteDelFiltro: () => Promise<BozzaRiga[] | null>;
  errore: Ref<string | null>;
}

/**
 * The Bozze screen's selection, as a file manager's: one row, Ctrl adds or removes one, Shift takes
 * a range from the anchor, or all the drafts of the filter. It keeps each draft's row, so a batch
 * knows the drafts it acts on even when their pages are not loaded.
 */
export function selezioneBozze(lista: ListaPaginata) {
  const selezione = shallowRef(new Map<string, BozzaRiga>());
  /** Where a shift-click or shift-arrow range starts. */
  const ancora = ref<number | null>(null);

  function imposta(righe: BozzaRiga[]): void {
    selezione.value = new Map(righe.map((r) => [r.id, r]));
  }

  /** A selected draft shows its new state (after a sync, a batch) without being selected again. */
  function aggiorna(nuove: BozzaRiga[]): void {
    if (!nuove.some((r) => selezione.value.has(r.id))) return;
    const next = new Map(selezione.value);
    for (const r of nuove) if (next.has(r.id)) next.set(r.id, r);
    selezione.value = next;
  }

  async function selezionaTutte(): Promise<void> {
    try {
      const tutte = await lista.tutteDelFiltro();
      if (tutte) imposta(tutte);
    } catch (error) {
      lista.errore.value = messaggioErrore(error);
    }
  }

  function alterna(index: number): void {
    const riga = lista.righe.value.get(index);
    if (!riga) return;
    const next = new Map(selezione.value);
    if (!next.delete(riga.id)) next.set(riga.id, riga);
    selezione.value = next;
    ancora.value = index;
  }

  function soloQuesta(index: number): void {
    const riga = lista.righe.value.get(index);
    if (!riga) return;
    imposta([riga]);
    ancora.value = index;
  }

  /** Adds the rows from the anchor to `index` (both included), loading the pages in between first. */
  async function intervallo(index: number): Promise<void> {
    const from = Math.min(ancora.value ?? index, index);
    const to = Math.max(ancora.value ?? index, index);
    const mine = lista.generazione();
    const size = lista.pageSize;
    const mancanti: Promise<void>[] = [];
    for (let page = Math.floor(from / size); page <= Math.floor(to / size); page++) {
      if (!lista.righe.value.has(page * size)) mancanti.push(lista.caricaPagina(page, mine));
    }
    await Promise.all(mancanti);
    if (mine !== lista.generazione()) return;
    const next = new Map(selezione.value);
    for (let i = from; i <= to; i++) {
      const r = lista.righe.value.get(i);
      if (r) next.set(r.id, r);
    }
    selezione.value = next;
  }

  function svuota(): void {
    selezione.value = new Map();
    ancora.value = null;
  }

  return { selezione, ancora, imposta, aggiorna, selezionaTutte, alterna, soloQuesta, intervallo, svuota };
}
