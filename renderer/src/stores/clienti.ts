import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ClienteRiga } from '@common/commands/types';
import type { DelegaStato } from '@common/model';
import { useCommandClient } from '../api/client';
import { messaggioErrore } from '../api/errori';

const PAGE = 100;

/** The client list: search text, delega filter, the rows loaded so far. */
export const useClientiStore = defineStore('clienti', () => {
  const testo = ref('');
  const delega = ref<DelegaStato | ''>('');
  const righe = shallowRef<ClienteRiga[]>([]);
  const totale = ref(0);
  const caricamento = ref(false);
  const errore = ref<string | null>(null);
  // Only the newest search may write results: typing fast must not show stale rows.
  let sequence = 0;

  async function cerca(append = false): Promise<void> {
    const mine = ++sequence;
    caricamento.value = true;
    try {
      const page = await useCommandClient().invoke('clienti.cerca', {
        testo: testo.value,
        ...(delega.value ? { delega: [delega.value] } : {}),
        limite: PAGE,
        offset: append ? righe.value.length : 0,
      });
      if (mine !== sequence) return;
      righe.value = append ? [...righe.value, ...page.righe] : page.righe;
      totale.value = page.totale;
      errore.value = null;
    } catch (error) {
      if (mine !== sequence) return;
      errore.value = messaggioErrore(error);
    } finally {
      if (mine === sequence) caricamento.value = false;
    }
  }

  return { testo, delega, righe, totale, caricamento, errore, cerca };
});
