import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ConfigurazioneStato, ServizioScelta } from '@common/commands/types';
import { useCommandClient } from '../api/client';
import { useAzione } from '../api/useAzione';

/** The workspace as the renderer sees it: service, data folder, operator; and the actions that change them. */
export const useConfigurazioneStore = defineStore('configurazione', () => {
  const stato = shallowRef<ConfigurazioneStato | null>(null);
  const { occupato, errori, messaggio, run: esegui } = useAzione('ultimo');
  /** Which form the last refusal belongs to, so the other form does not show it. */
  const azione = ref<'servizio' | 'accesso' | null>(null);

  async function carica(): Promise<ConfigurazioneStato> {
    stato.value = await useCommandClient().invoke('configurazione.stato', {});
    return stato.value;
  }

  /** Runs an action; a refusal lands on its field (url, username, password) or as a message. */
  function run<T>(quale: 'servizio' | 'accesso', task: () => Promise<T>): Promise<T | null> {
    azione.value = quale;
    return esegui(task);
  }

  const impostaServizio = (servizio: ServizioScelta) =>
    run('servizio', async () => {
      stato.value = await useCommandClient().invoke('configurazione.servizio', { servizio });
      return stato.value;
    });

  const accedi = (username: string, password: string) =>
    run('accesso', async () => {
      await useCommandClient().invoke('servizio.accedi', { username, password });
      return carica();
    });

  const esci = () =>
    run('accesso', async () => {
      await useCommandClient().invoke('servizio.esci', {});
      return carica();
    });

  return { stato, occupato, errori, messaggio, azione, carica, impostaServizio, accedi, esci };
});
