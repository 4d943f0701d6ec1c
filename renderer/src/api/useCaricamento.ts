import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { messaggioErrore } from './errori';

/** A screen's data from one load function, with the operator-facing message when it fails. */
export function useCaricamento<T>(load: () => Promise<T>): { dati: ShallowRef<T | null>; errore: Ref<string | null>; carica: () => Promise<void> } {
  const dati = shallowRef<T | null>(null);
  const errore = ref<string | null>(null);
  async function carica(): Promise<void> {
    try {
      dati.value = await load();
      errore.value = null;
    } catch (error) {
      errore.value = messaggioErrore(error);
    }
  }
  return { dati, errore, carica };
}
