import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { BackupElenco } from '@common/commands/types';
import { useCommandClient } from '../api/client';
import { salvaEsportato } from '../api/esporta';
import { it } from '../i18n/it';
import { useConfigurazioneStore } from './configurazione';
import { messaggioErrore } from '../api/errori';

/** Backups of the database in use, restore, and the diagnostics for support. */
export const useBackupStore = defineStore('backup', () => {
  const elenco = shallowRef<BackupElenco | null>(null);
  const occupato = ref(false);
  const errore = ref<string | null>(null);
  const esito = ref<string | null>(null);

  async function run(task: () => Promise<void>): Promise<boolean> {
    occupato.value = true;
    errore.value = null;
    esito.value = null;
    try {
      await task();
      return true;
    } catch (error) {
      errore.value = messaggioErrore(error);
      return false;
    } finally {
      occupato.value = false;
    }
  }

  const carica = () =>
    run(async () => {
      elenco.value = await useCommandClient().invoke('backup.elenco', {});
    });

  const crea = () =>
    run(async () => {
      await useCommandClient().invoke('backup.crea', {});
      elenco.value = await useCommandClient().invoke('backup.elenco', {});
      esito.value = it.backup.creato;
    });

  const ripristina = (nome: string) =>
    run(async () => {
      const result = await useCommandClient().invoke('backup.ripristina', { nome });
      esito.value = result.precedente ? it.backup.ripristinato.replace('{cartella}', result.precedente) : it.backup.ripristinatoSenzaPrecedente;
      await useConfigurazioneStore().carica();
      elenco.value = await useCommandClient().invoke('backup.elenco', {});
    });

  const diagnostica = () =>
    run(async () => {
      salvaEsportato(await useCommandClient().invoke('diagnostica.esporta', {}));
      esito.value = it.backup.diagnosticaPronta;
    });

  return { elenco, occupato, errore, esito, carica, crea, ripristina, diagnostica };
});
