import { ref } from 'vue';
import { erroriPerCampo, messaggioErrore } from './errori';

/**
 * A form's action: busy while it runs, and its refusal split into a message and per-field
 * errors. `segmento` picks which part of a detail's path names the field (see erroriPerCampo).
 */
export function useAzione(segmento: 'primo' | 'ultimo' = 'primo') {
  const occupato = ref(false);
  const errori = ref<Record<string, string>>({});
  const messaggio = ref<string | null>(null);

  async function run<T>(task: () => Promise<T>): Promise<T | null> {
    occupato.value = true;
    errori.value = {};
    messaggio.value = null;
    try {
      return await task();
    } catch (error) {
      messaggio.value = messaggioErrore(error);
      errori.value = erroriPerCampo(error, segmento);
      return null;
    } finally {
      occupato.value = false;
    }
  }

  return { occupato, errori, messaggio, run };
}
