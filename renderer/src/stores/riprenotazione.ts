import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { CommandInput } from '@common/commands/table';
import type { Riprenotazione } from '@common/commands/types';
import { useCommandClient } from '../api/client';
import { useAzione } from '../api/useAzione';

/**
 * Rebooking: a new draft from a cancelled appointment or a refused draft. The last result is kept
 * so the booking form it opens can say which quesiti did not come along, and why.
 */
export const useRiprenotazioneStore = defineStore('riprenotazione', () => {
  const ultima = shallowRef<Riprenotazione | null>(null);
  const { occupato, messaggio, run } = useAzione();

  async function riprenota(input: CommandInput<'bozza.riprenota'>): Promise<Riprenotazione | null> {
    const r = await run(() => useCommandClient().invoke('bozza.riprenota', input));
    if (r) ultima.value = r;
    return r;
  }

  return { ultima, occupato, messaggio, riprenota };
});
