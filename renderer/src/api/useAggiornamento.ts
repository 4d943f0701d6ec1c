import { onMounted, onUnmounted } from 'vue';
import { useCommandClient } from './client';

/**
 * Reloads a screen, while it is mounted, when the core says local data changed (a sync, a demo
 * load, a local write): new data shows up without the operator asking. Call it after the screen's
 * own onMounted, so that the first load still starts before the subscription.
 */
export function useAggiornamento(reload: () => unknown): void {
  let stop: (() => void) | undefined;
  onMounted(() => {
    stop = useCommandClient().on('dati.aggiornati', () => void reload());
  });
  onUnmounted(() => stop?.());
}
