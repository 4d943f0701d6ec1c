import type { SyncStato } from './commands/types';

// Events flowing from the core to the renderer, over one typed channel.

export interface EventMap {
  /** Local data changed (after a sync, a demo load, a local write). No detail: each screen reloads what it shows, one indexed query. */
  'dati.aggiornati': Record<string, never>;
  /** Sync phase and progress, for the status bar. */
  'sync.stato': SyncStato;
  /** The sedi changed something since the last sync (a notification, then Revisione stati). */
  'cambiamenti.nuovi': { disdetti: number; chiusi: number; comunicazioni: number };
  /** The database turned out damaged after start (the background check): the restore page takes over. */
  'avvio.recupero': { messaggio: string };
}

export type EventName = keyof EventMap;

export interface AppEvent<E extends EventName = EventName> {
  event: E;
  payload: EventMap[E];
}
