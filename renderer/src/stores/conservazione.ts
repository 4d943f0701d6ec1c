import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ConservazioneAnteprima, ConservazioneEsito, ConservazioneStato } from '@common/commands/conservazione';
import { useCommandClient } from '../api/client';

/** Impostazioni → Conservazione: the months kept, the preview of a purge, and the last run's result. */
export const useConservazioneStore = defineStore('conservazione', () => {
  const stato = ref<ConservazioneStato | null>(null);
  const anteprima = ref<ConservazioneAnteprima | null>(null);
  const esito = ref<ConservazioneEsito | null>(null);

  async function carica(): Promise<void> {
    stato.value = await useCommandClient().invoke('conservazione.stato', {});
  }

  async function imposta(mesi: number): Promise<void> {
    stato.value = await useCommandClient().invoke('conservazione.imposta', { mesi });
    // A preview made with the old months would be refused: it is made again on request.
    anteprima.value = null;
  }

  async function preparaAnteprima(): Promise<void> {
    esito.value = null;
    anteprima.value = await useCommandClient().invoke('conservazione.anteprima', {});
  }

  /** Runs exactly the preview shown (the core refuses it if the data changed meanwhile). */
  async function esegui(): Promise<void> {
    const a = anteprima.value;
    if (!a) return;
    esito.value = await useCommandClient().invoke('conservazione.esegui', { soglia: a.soglia, clienti: a.clienti.map((c) => c.codiceFiscale) });
    anteprima.value = null;
    await carica();
  }

  return { stato, anteprima, esito, carica, imposta, preparaAnteprima, esegui };
});
