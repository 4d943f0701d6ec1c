import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { AppInfo } from '@common/commands/types';
import { useCommandClient } from '../api/client';

export const useAppInfoStore = defineStore('appInfo', () => {
  const info = shallowRef<AppInfo | null>(null);
  async function carica(): Promise<void> {
    info.value = await useCommandClient().invoke('app.info', {});
  }
  return { info, carica };
});
