import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { SyncStato } from '../../../electron/common/commands/types';
import { CommandError, useCommandClient } from '../api/client';

/** Sync phase and progress for the status bar: read once, then kept current by events. */
export const useSyncStore = defineStore('sync', () => {
  const stato = shallowRef<SyncStato | null>(null);
  const errore = shallowRef<string | null>(null);
  let unsubscribe: (() => void) | null = null;

  async function avvia(): Promise<void> {
    const client = useCommandClient();
    unsubscribe ??= client.on('sync.stato', (s) => {
      stato.value = s;
    });
    stato.value = await client.invoke('sync.stato', {});
  }

  async function sincronizzaOra(): Promise<void> {
    try {
      errore.value = null;
      stato.value = await useCommandClient().invoke('sync.ora', {});
    } catch (error) {
      errore.value = error instanceof CommandError ? error.message : String(error);
    }
  }

  return { stato, errore, avvia, sincronizzaOra };
});
