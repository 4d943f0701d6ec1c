import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { SyncStato } from '@common/commands/types';
import { useCommandClient } from '../api/client';
import { messaggioErrore } from '../api/errori';

/** Sync phase and progress for the status bar: read once, then kept current by events. */
export const useSyncStore = defineStore('sync', () => {
  const stato = shallowRef<SyncStato | null>(null);
  const errore = shallowRef<string | null>(null);
  let unsubscribe: (() => void) | null = null;

  // An event is always newer than an answer to a request sent before it arrived.
  let eventsSeen = 0;

  async function avvia(): Promise<void> {
    const client = useCommandClient();
    unsubscribe ??= client.on('sync.stato', (s) => {
      eventsSeen += 1;
      stato.value = s;
    });
    const before = eventsSeen;
    const current = await client.invoke('sync.stato', {});
    if (eventsSeen === before) stato.value = current;
  }

  async function sincronizzaOra(): Promise<void> {
    try {
      errore.value = null;
      const before = eventsSeen;
      const result = await useCommandClient().invoke('sync.ora', {});
      if (eventsSeen === before) stato.value = result;
    } catch (error) {
      errore.value = messaggioErrore(error);
    }
  }

  return { stato, errore, avvia, sincronizzaOra };
});
