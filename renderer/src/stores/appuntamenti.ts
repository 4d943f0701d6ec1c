import { defineStore } from 'pinia';
import { reactive, watch } from 'vue';
import { z } from 'zod';
import type { AppuntamentoRiga } from '@common/commands/types';
import { APPUNTAMENTO_STATI } from '@common/model';
import { isCodiceRapportoPrefix } from '@common/domain/codiceRapporto';
import { useCommandClient } from '../api/client';
import { esportaAgenda, type FormatoAgenda } from '../api/esporta';
import { messaggioErrore } from '../api/errori';
import { usePagine } from './pagine';

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
  const lista = usePagine<AppuntamentoRiga>({
    pageSize: PAGE_SIZE,
    leggi: (offset, limite) => useCommandClient().invoke('appuntamenti.cerca', { ...filtriCorrenti(), limite, offset }),
  });
  const { totale, righe, errore, caricamento, assicura } = lista;

  watch(filtri, () => localStorage.setItem(STORAGE_KEY, JSON.stringify(filtri)), { deep: true });

  /** The current filters as the core takes them, without paging. */
  function filtriCorrenti() {
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
    };
  }

  async function cerca(): Promise<void> {
    // The filter field explains an impossible codice; searching for it would only say "dati non validi".
    if (!isCodiceRapportoPrefix(filtri.codiceRapporto)) lista.vuota();
    else await lista.cerca();
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
