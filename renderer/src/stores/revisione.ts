import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Cambiamento, CambiamentoTipo } from '@common/commands/types';
import { useCommandClient } from '../api/client';
import { esportaAgenda, type FormatoAgenda } from '../api/esporta';
import { it } from '../i18n/it';
import { messaggioErrore } from '../api/errori';

export const GRUPPI: readonly CambiamentoTipo[] = ['disdetto', 'chiuso', 'comunicazione', 'rifiutato'];

function perTipo(elementi: Cambiamento[]): Record<CambiamentoTipo, Cambiamento[]> {
  return Object.fromEntries(GRUPPI.map((g) => [g, elementi.filter((e) => e.tipo === g)])) as Record<CambiamentoTipo, Cambiamento[]>;
}

/** The appointments behind the selected items, once each (a refused draft has none). */
function appuntamentiDi(elementi: Cambiamento[], selezione: Set<number>): string[] {
  return [...new Set(elementi.filter((e) => selezione.has(e.id) && e.appuntamentoId).map((e) => e.appuntamentoId!))];
}

/** The review queue: what changed since the last review, a selection, and bulk actions on it. */
export const useRevisioneStore = defineStore('revisione', () => {
  const elementi = shallowRef<Cambiamento[]>([]);
  const selezione = ref(new Set<number>());
  const errore = ref<string | null>(null);
  const avanzamento = ref<{ fatti: number; totale: number } | null>(null);
  const esiti = ref(new Map<number, string>());

  const perGruppo = computed(() => perTipo(elementi.value));
  const cancellabili = computed(() => elementi.value.filter((e) => selezione.value.has(e.id) && e.stato === 'confermato' && e.appuntamentoId));

  async function carica(): Promise<void> {
    try {
      elementi.value = await useCommandClient().invoke('revisione.elenco', {});
      const ids = new Set(elementi.value.map((e) => e.id));
      selezione.value = new Set([...selezione.value].filter((id) => ids.has(id)));
      errore.value = null;
    } catch (error) {
      errore.value = messaggioErrore(error);
    }
  }

  function alterna(id: number): void {
    const next = new Set(selezione.value);
    if (!next.delete(id)) next.add(id);
    selezione.value = next;
  }

  function selezionaTutti(tipo?: CambiamentoTipo): void {
    const ids = (tipo ? perGruppo.value[tipo] : elementi.value).map((e) => e.id);
    const all = ids.every((id) => selezione.value.has(id));
    const next = new Set(selezione.value);
    for (const id of ids) {
      if (all) next.delete(id);
      else next.add(id);
    }
    selezione.value = next;
  }

  async function segnaVisti(): Promise<void> {
    if (selezione.value.size === 0) return;
    await useCommandClient().invoke('revisione.segnaVisti', { ids: [...selezione.value] });
    selezione.value = new Set();
    await carica();
  }

  /** Queues a cancellation per selected Confermato appointment, one by one, with a result each. */
  async function cancellaSelezionati(): Promise<void> {
    const targets = cancellabili.value;
    avanzamento.value = { fatti: 0, totale: targets.length };
    const results = new Map<number, string>();
    for (const e of targets) {
      try {
        await useCommandClient().invoke('appuntamento.cancella', { id: e.appuntamentoId! });
        results.set(e.id, it.revisione.esitoOk);
      } catch (error) {
        results.set(e.id, messaggioErrore(error));
      }
      avanzamento.value = { fatti: avanzamento.value.fatti + 1, totale: targets.length };
    }
    esiti.value = results;
  }

  const appuntamentiSelezionati = computed(() => appuntamentiDi(elementi.value, selezione.value));

  async function esporta(formato: FormatoAgenda): Promise<void> {
    const ids = appuntamentiSelezionati.value;
    if (ids.length === 0) return;
    try {
      await esportaAgenda({ formato, ids });
      errore.value = null;
    } catch (error) {
      errore.value = messaggioErrore(error);
    }
  }

  // State, then actions: two groups that stay two lines under a 160-column formatter.
  return {
    ...{ elementi, selezione, errore, avanzamento, esiti, perGruppo, cancellabili, appuntamentiSelezionati },
    ...{ carica, alterna, selezionaTutti, segnaVisti, cancellaSelezionati, esporta },
  };
});
