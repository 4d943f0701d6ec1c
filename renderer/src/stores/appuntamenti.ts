import { defineStore } from 'pinia';
import { reactive, ref, shallowRef, triggerRef, watch } from 'vue';
import { z } from 'zod';
import type { AppuntamentoRiga } from '@common/commands/types';
import { APPUNTAMENTO_STATI } from '@common/model';
import { isCodiceRapportoPrefix } from '@common/domain/codiceRapporto';
import { useCommandClient } from '../api/client';
import { esportaAgenda, type FormatoAgenda } from '../api/esporta';
import { messaggioErrore } from '../api/errori';

export const PAGE_SIZE = 200;
const STORAGE_KEY = 'cassetto.filtri.appuntamenti';

const filtriSchema = z.object({
  codiceRapporto: z.string().max(20).default(''),
  testo: z.string().max(100).default(''),
  stati: z.array(z.enum(APPUNTAMENTO_STATI)).default([]),
  dal: z.string().default(''),
  al: z.string().default(''),
  gestito: z.enum(['', 'si', 'no']).default(''),
  sedeId: z.string().default(''),
  operatoreId: z.string().default(''),
  ordine: z.enum(['data', '-data']).default('data'),
});
export type FiltriAppuntamenti = z.infer<typeof filtriSchema>;

/** Filters survive a restart; a damaged or old entry falls back to the defaults. */
function loadFiltri(): FiltriAppuntamenti {
  try {
    const parsed = filtriSchema.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}'));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to defaults
  }
  return filtriSchema.parse({});
}

/**
 * The appointment list over all clients: the filters, the total, and the rows loaded so far,
 * page by page as the virtual list scrolls to them.
 */
export const useAppuntamentiStore = defineStore('appuntamenti', () => {
  const filtri = reactive<FiltriAppuntamenti>(loadFiltri());
  const totale = ref(0);
  const righe = shallowRef(new Map<number, AppuntamentoRiga>());
  const errore = ref<string | null>(null);
  const caricamento = ref(false);
  const pending = new Set<number>();
  // Pages of an older search must not land in the current one.
  let generation = 0;

  watch(filtri, () => localStorage.setItem(STORAGE_KEY, JSON.stringify(filtri)), { deep: true });

  function query(offset: number) {
    return {
      codiceRapporto: filtri.codiceRapporto.trim(),
      testo: filtri.testo,
      ...(filtri.stati.length > 0 ? { stati: [...filtri.stati] } : {}),
      ...(filtri.dal ? { dal: filtri.dal } : {}),
      ...(filtri.al ? { al: filtri.al } : {}),
      ...(filtri.gestito ? { gestitoDaIntermediario: filtri.gestito === 'si' } : {}),
      ...(filtri.sedeId ? { sedeId: filtri.sedeId } : {}),
      ...(filtri.operatoreId ? { operatoreId: filtri.operatoreId } : {}),
      ordine: filtri.ordine,
      limite: PAGE_SIZE,
      offset,
    };
  }

  async function loadPage(page: number, mine: number, fresh = false): Promise<void> {
    pending.add(page);
    try {
      const result = await useCommandClient().invoke('appuntamenti.cerca', query(page * PAGE_SIZE));
      if (mine !== generation) return;
      // A new search's first page replaces the old rows in one go (no empty list in between).
      if (fresh) righe.value = new Map();
      result.righe.forEach((r, i) => righe.value.set(page * PAGE_SIZE + i, r));
      totale.value = result.totale;
      errore.value = null;
      triggerRef(righe);
    } catch (error) {
      if (mine === generation) errore.value = messaggioErrore(error);
    } finally {
      pending.delete(page);
    }
  }

  async function cerca(): Promise<void> {
    const mine = ++generation;
    pending.clear();
    // The filter field explains an impossible codice; searching for it would only say "dati non validi".
    if (!isCodiceRapportoPrefix(filtri.codiceRapporto)) {
      righe.value = new Map();
      totale.value = 0;
      caricamento.value = false;
      return;
    }
    caricamento.value = true;
    await loadPage(0, mine, true);
    if (mine === generation) caricamento.value = false;
  }

  /** Makes sure rows first..last are loaded (called by the virtual list as it scrolls). */
  function assicura(first: number, last: number): void {
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      if (!pending.has(page) && !righe.value.has(page * PAGE_SIZE)) void loadPage(page, generation);
    }
  }

  /** The current filters as the core takes them, without paging. */
  function filtriCorrenti() {
    const { limite: _l, offset: _o, ...rest } = query(0);
    return rest;
  }

  async function esporta(formato: FormatoAgenda): Promise<void> {
    try {
      await esportaAgenda({ formato, ...filtriCorrenti() });
    } catch (error) {
      errore.value = messaggioErrore(error);
    }
  }

  function azzera(): void {
    Object.assign(filtri, filtriSchema.parse({}));
  }

  return { filtri, totale, righe, errore, caricamento, cerca, assicura, azzera, esporta, filtriCorrenti };
});
