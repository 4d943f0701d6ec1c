import type { CredentialStore, Credentials } from './httpGateway';

/** Credentials held in memory only (browser host and CLI sessions, tests). */
export function memoryCredentials(initial: Credentials | null = null): CredentialStore {
  let current = initial;
  return {
    get: async () => current,
    set: async (c) => {
      current = c;
    },
    clear: async () => {
      current = null;
    },
  };
}
