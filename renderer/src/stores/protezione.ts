import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ConfigurazioneStato } from '@common/commands/types';
import { CommandError, useCommandClient } from '../api/client';
import { messaggioErrore } from '../api/errori';
import { useConfigurazioneStore } from './configurazione';

export type CampoPassphrase = 'passphrase' | 'conferma' | 'attuale' | 'nuova';

/** A refusal: on the field it concerns (the core's code or the input's path), else for the whole form. */
export interface ErrorePassphrase {
  campo: CampoPassphrase | null;
  testo: string;
  codice: string;
}

const CAMPI: readonly string[] = ['passphrase', 'conferma', 'attuale', 'nuova'] satisfies CampoPassphrase[];

/**
 * The office passphrase: set it (first run without an OS secret store), unlock the data with it
 * (once per start), change it. The passphrase is only passed through, never kept here. After five
 * wrong ones in a row the core makes a pause: `attesa` counts it down so the form can wait.
 */
export const useProtezioneStore = defineStore('protezione', () => {
  const configurazione = useConfigurazioneStore();
  const occupato = ref(false);
  const errore = ref<ErrorePassphrase | null>(null);
  const attesa = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;

  /** Starts (or stops) the countdown; when it ends, the «try again in N seconds» refusal is stale. */
  function aspetta(secondi: number): void {
    clearInterval(timer);
    timer = undefined;
    attesa.value = Math.max(0, Math.ceil(secondi));
    if (attesa.value === 0) return;
    timer = setInterval(() => {
      attesa.value = Math.max(0, attesa.value - 1);
      if (attesa.value > 0) return;
      clearInterval(timer);
      timer = undefined;
      if (errore.value?.codice === 'TROPPI_TENTATIVI') errore.value = null;
    }, 1000);
  }

  function pulisci(): void {
    errore.value = null;
  }

  async function esegui(task: () => Promise<ConfigurazioneStato>, perCodice: Record<string, CampoPassphrase>): Promise<boolean> {
    occupato.value = true;
    errore.value = null;
    try {
      configurazione.stato = await task();
      aspetta(configurazione.stato.protezione.attesaSecondi);
      return true;
    } catch (error) {
      const codice = error instanceof CommandError ? error.code : 'ERRORE';
      const dettaglio = error instanceof CommandError ? error.details[0] : undefined;
      const percorso = dettaglio?.path.split('.')[0] ?? '';
      // An input check names its field (an empty one): its own words go there.
      errore.value = CAMPI.includes(percorso)
        ? { campo: percorso as CampoPassphrase, testo: dettaglio!.message, codice }
        : { campo: perCodice[codice] ?? null, testo: messaggioErrore(error), codice };
      // A wrong passphrase may have started a pause: the core says how long.
      if (codice === 'PASSPHRASE_ERRATA' || codice === 'TROPPI_TENTATIVI') {
        const stato = await configurazione.carica().catch(() => null);
        if (stato) aspetta(stato.protezione.attesaSecondi);
      }
      return false;
    } finally {
      occupato.value = false;
    }
  }

  const imposta = (passphrase: string, conferma: string) =>
    esegui(() => useCommandClient().invoke('chiave.imposta', { passphrase, conferma }), {
      PASSPHRASE_DEBOLE: 'passphrase',
      PASSPHRASE_DIVERSE: 'conferma',
    });

  const sblocca = (passphrase: string) =>
    esegui(() => useCommandClient().invoke('chiave.sblocca', { passphrase }), {
      PASSPHRASE_ERRATA: 'passphrase',
      TROPPI_TENTATIVI: 'passphrase',
    });

  const cambia = (attuale: string, nuova: string, conferma: string) =>
    esegui(() => useCommandClient().invoke('chiave.cambia', { attuale, nuova, conferma }), {
      PASSPHRASE_ERRATA: 'attuale',
      TROPPI_TENTATIVI: 'attuale',
      PASSPHRASE_DEBOLE: 'nuova',
      PASSPHRASE_DIVERSE: 'conferma',
    });

  return { occupato, errore, attesa, aspetta, pulisci, imposta, sblocca, cambia };
});
