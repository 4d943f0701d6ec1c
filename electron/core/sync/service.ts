import type { SyncStato } from '../../common/commands/types';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { GatewayError } from '../gateway/errors';
import { pullChanges, type ChangesSource } from './pull';
import type BetterSqlite3 from 'better-sqlite3';

export interface SyncServiceDeps {
  sqlite: BetterSqlite3.Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  /** null when no remote service is configured (offline-only database). */
  gateway: ChangesSource | null;
  pageSize?: number;
}

/** One sync at a time; its state and progress are events the status bar shows. */
export class SyncService {
  readonly #deps: SyncServiceDeps;
  #running: Promise<SyncStato> | null = null;
  #stato: SyncStato;

  constructor(deps: SyncServiceDeps) {
    this.#deps = deps;
    const ultimo = deps.sqlite.prepare("SELECT aggiornato_il FROM sync_state WHERE stream = 'changes'").pluck().get() as string | undefined;
    this.#stato = { fase: deps.gateway ? 'inattivo' : 'non_configurato', ultimoSync: ultimo ?? null, pagine: 0, modifiche: 0, errore: null };
  }

  get stato(): SyncStato {
    return this.#stato;
  }

  /** Starts a sync, or joins the one already running. */
  syncNow(signal?: AbortSignal): Promise<SyncStato> {
    this.#running ??= this.#run(signal).finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #run(signal?: AbortSignal): Promise<SyncStato> {
    const { gateway, sqlite, clock, events, logger } = this.#deps;
    if (!gateway) return this.#set({ fase: 'non_configurato', errore: 'Nessun servizio configurato: imposta il servizio in Impostazioni.' });
    this.#set({ fase: 'in_corso', pagine: 0, modifiche: 0, errore: null });
    const started = Date.now();
    try {
      const result = await pullChanges(sqlite, gateway, clock, {
        ...(this.#deps.pageSize ? { pageSize: this.#deps.pageSize } : {}),
        ...(signal ? { signal } : {}),
        onPage: (p) => this.#set({ pagine: p.pages, modifiche: p.changes }),
      });
      logger.log('info', 'sync pull done', { pages: result.pages, changes: result.changes, ms: Date.now() - started });
      if (result.changes > 0) events.emit('dati.aggiornati', { tabelle: ['*'] });
      return this.#set({ fase: 'inattivo', ultimoSync: clock.now().toISOString() });
    } catch (error) {
      const offline = error instanceof GatewayError && error.kind === 'transient';
      const login = error instanceof GatewayError && error.kind === 'auth';
      logger.log(offline || login ? 'warn' : 'error', 'sync pull failed', {
        code: error instanceof GatewayError ? error.code : 'INTERNAL',
        // Engine failures carry SQLite/JS messages (table and column names, never values).
        error: error instanceof GatewayError ? undefined : error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error),
      });
      return this.#set({
        fase: offline ? 'offline' : login ? 'accesso_richiesto' : 'errore',
        errore: error instanceof GatewayError ? error.detail : 'Sincronizzazione non riuscita per un errore interno.',
      });
    }
  }

  #set(patch: Partial<SyncStato>): SyncStato {
    this.#stato = { ...this.#stato, ...patch };
    this.#deps.events.emit('sync.stato', this.#stato);
    return this.#stato;
  }
}
