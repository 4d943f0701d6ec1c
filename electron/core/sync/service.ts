import type { SyncStato } from '../../common/commands/types';
import type { OperatoreRemoto } from '../../common/remote/changes';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { GatewayError } from '../gateway/errors';
import type { Logger } from '../log';
import type { Store } from '../store/index';
import { CHANGES_STREAM } from './applyPage';
import { pullChanges, type ChangesSource } from './pull';
import type { SyncProbe } from './probes';
import { pushOutbox, type AttachmentSource, type OutboxTarget } from './push';

/** The remote service as the core uses it; `logout` forgets the session when the operator changes. */
export type RemoteService = ChangesSource &
  OutboxTarget & {
    logout(): void;
    /** Who is logged in now, without asking the service (null before this run's first login). */
    utenteNoto?(): { username: string; operatoreId: string | null } | null;
    slotLiberi(sedeId: string, dal: string, al: string, signal?: AbortSignal): Promise<{ data: string; ora: string }[]>;
    /** An attachment of an appointment booked elsewhere, by its SHA-256 (#14). */
    scaricaAllegato?(sha256: string, signal?: AbortSignal): Promise<{ mime: string; bytes: Uint8Array }>;
    /** The office's operators by name (#15); null when the service has no such list (keep the cache's). */
    operatori?(signal?: AbortSignal): Promise<OperatoreRemoto[] | null>;
  };

export interface SyncServiceDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  /** null when no remote service is configured (offline-only database). */
  gateway: RemoteService | null;
  allegati: AttachmentSource;
  pageSize?: number;
  random?: () => number;
  /** The crash test's kill points (tests/crash/); absent in the app. */
  probe?: SyncProbe;
}

export interface ScheduleOptions {
  /** How often to pull when nothing else happens. */
  pullIntervalMs: number;
}

/**
 * One sync at a time: push the outbox, then pull the feed. Its phase and progress are events
 * the status bar shows. With a schedule, it pulls every few minutes and retries queued rows
 * when they fall due — without waiting for another local change.
 */
export class SyncService {
  readonly #deps: SyncServiceDeps;
  #running: Promise<SyncStato> | null = null;
  #pushQueued = false;
  #stato: SyncStato;
  #schedule: ScheduleOptions | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastPullAt = 0;
  #closed = false;

  constructor(deps: SyncServiceDeps) {
    this.#deps = deps;
    const ultimo = deps.store.syncState.aggiornatoIl(CHANGES_STREAM);
    this.#stato = {
      fase: deps.gateway ? 'inattivo' : 'non_configurato',
      ultimoSync: ultimo ?? null,
      pagine: 0,
      modifiche: 0,
      percentuale: null,
      inCoda: this.#queued(),
      errore: null,
    };
  }

  get stato(): SyncStato {
    return this.#stato;
  }

  /** Push then pull; joins the sync already running. */
  syncNow(signal?: AbortSignal): Promise<SyncStato> {
    return this.#exclusive(() => this.#run(true, signal));
  }

  /** A local change queued something: push it as soon as possible (no pull). */
  pushSoon(): void {
    this.#set({ inCoda: this.#queued() });
    if (!this.#deps.gateway || this.#pushQueued || this.#closed) return;
    this.#pushQueued = true;
    setImmediate(() => {
      this.#pushQueued = false;
      if (!this.#closed) void this.#exclusive(() => this.#run(false));
    });
  }

  start(options: ScheduleOptions): void {
    this.#schedule = options;
    this.#arm(0);
  }

  stop(): void {
    this.#schedule = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Stops the schedule and waits for the sync in course: quitting mid-sync leaves a consistent database. */
  async close(): Promise<void> {
    this.#closed = true;
    this.stop();
    await this.#running?.catch(() => undefined);
  }

  #exclusive(task: () => Promise<SyncStato>): Promise<SyncStato> {
    // Chain after the running sync instead of overlapping it: one writer at a time.
    const next = (this.#running ?? Promise.resolve(this.#stato)).then(task, task);
    this.#running = next.finally(() => {
      if (this.#running === next) this.#running = null;
    });
    return next;
  }

  async #run(withPull: boolean, signal?: AbortSignal): Promise<SyncStato> {
    const { gateway, store, clock, events, logger } = this.#deps;
    if (!gateway) return this.#set({ fase: 'non_configurato', errore: 'Nessun servizio configurato: imposta il servizio in Impostazioni.' });
    this.#set({ fase: 'in_corso', pagine: 0, modifiche: 0, percentuale: null, errore: null });
    const started = Date.now();
    try {
      const pushed = await pushOutbox(store, gateway, this.#deps.allegati, clock, this.#deps.random ?? Math.random, signal, this.#deps.probe);
      if (pushed.sent + pushed.refused > 0) events.emit('dati.aggiornati', {});
      this.#arm(pushed.nextAttemptAt ? Date.parse(pushed.nextAttemptAt) - clock.now().getTime() : null);
      if (pushed.stoppedBy === 'auth')
        return this.#fail(
          new GatewayError({ kind: 'auth', status: 401, code: 'NON_AUTENTICATO', detail: 'Accedi di nuovo al servizio: le operazioni in coda attendono.' }),
        );
      if (pushed.stoppedBy === 'offline') {
        const errore = pushed.stoppedWith?.detail ?? 'Il servizio non è raggiungibile: le operazioni restano in coda.';
        this.#deps.logger.log('warn', 'sync stopped, service unreachable', { code: pushed.stoppedWith?.code ?? null });
        return this.#set({ fase: 'offline', inCoda: this.#queued(), errore });
      }
      if (withPull) {
        const lastNews = this.#lastNewsId();
        const result = await pullChanges(store.queries.sqlite, gateway, clock, {
          ...(this.#deps.pageSize ? { pageSize: this.#deps.pageSize } : {}),
          ...(signal ? { signal } : {}),
          onPage: (p) => {
            this.#set({ pagine: p.pages, modifiche: p.changes, percentuale: p.percent });
            this.#deps.probe?.('pagina'); // the page and its cursor have committed
          },
        });
        this.#lastPullAt = Date.now();
        const nomiCambiati = await this.#operatori(signal);
        // Whoever the service logged in is who makes drafts here, also on a later offline day.
        const utente = gateway.utenteNoto?.();
        if (utente) store.sessione.ricorda({ username: utente.username, operatoreId: utente.operatoreId }, clock.now().toISOString());
        logger.log('info', 'sync done', { sent: pushed.sent, refused: pushed.refused, pages: result.pages, changes: result.changes, ms: Date.now() - started });
        if (result.changes > 0 || nomiCambiati) events.emit('dati.aggiornati', {});
        this.#announce(lastNews);
        return this.#set({ fase: 'inattivo', ultimoSync: clock.now().toISOString(), inCoda: this.#queued() });
      }
      return this.#set({ fase: 'inattivo', inCoda: this.#queued() });
    } catch (error) {
      return this.#fail(error);
    }
  }

  /**
   * The office's operators by name, once per pull (one small request). Their names are a courtesy:
   * a service without the list (null), or one failing to give it, leaves the cached names and the
   * sync goes on. Returns whether the names changed.
   */
  async #operatori(signal?: AbortSignal): Promise<boolean> {
    const { gateway, store, clock, logger } = this.#deps;
    if (!gateway?.operatori) return false;
    try {
      const lista = await gateway.operatori(signal);
      return lista !== null && store.operatori.sostituisci(lista, clock.now().toISOString());
    } catch (error) {
      if (signal?.aborted) throw error;
      logger.log('warn', 'operator names not refreshed', {
        code: error instanceof GatewayError ? error.code : 'INTERNAL',
        error: error instanceof GatewayError ? undefined : error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error),
      });
      return false;
    }
  }

  #fail(error: unknown): SyncStato {
    const offline = error instanceof GatewayError && (error.kind === 'transient' || error.kind === 'rate_limited');
    const login = error instanceof GatewayError && error.kind === 'auth';
    this.#deps.logger.log(offline || login ? 'warn' : 'error', 'sync failed', {
      code: error instanceof GatewayError ? error.code : 'INTERNAL',
      // Engine failures carry SQLite/JS messages (table and column names, never values).
      error: error instanceof GatewayError ? undefined : error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error),
    });
    return this.#set({
      fase: offline ? 'offline' : login ? 'accesso_richiesto' : 'errore',
      inCoda: this.#queued(),
      errore: error instanceof GatewayError ? error.detail : 'Sincronizzazione non riuscita per un errore interno.',
    });
  }

  /** Next wake-up: the earliest of a queued retry and the next periodic pull. */
  #arm(retryInMs: number | null): void {
    if (!this.#schedule) return;
    if (this.#timer) clearTimeout(this.#timer);
    const pullIn = Math.max(0, this.#lastPullAt + this.#schedule.pullIntervalMs - Date.now());
    const delay = Math.max(0, Math.min(pullIn, retryInMs ?? Infinity));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      const pullDue = Date.now() >= this.#lastPullAt + (this.#schedule?.pullIntervalMs ?? Infinity);
      // Re-armed from the outbox, not for the pull alone: the run may have scheduled a retry
      // (a push that failed again), and arming with nothing would push it back to the next pull.
      void this.#exclusive(() => this.#run(pullDue)).then(() => this.#arm(this.#retryIn()));
    }, delay);
    this.#timer.unref?.();
  }

  /** Milliseconds until the earliest queued retry is due; null when nothing waits. */
  #retryIn(): number | null {
    const next = this.#deps.store.outbox.prossimoTentativo();
    return next ? Date.parse(next) - this.#deps.clock.now().getTime() : null;
  }

  #lastNewsId(): number {
    return this.#deps.store.cambiamenti.ultimoId();
  }

  /** One event per sync with what the sedi changed, for a notification. */
  #announce(after: number): void {
    const n = this.#deps.store.cambiamenti.contaDopo(after);
    const news = { disdetti: n.disdetto ?? 0, chiusi: n.chiuso ?? 0, comunicazioni: n.comunicazione ?? 0 };
    if (news.disdetti + news.chiusi + news.comunicazioni > 0) this.#deps.events.emit('cambiamenti.nuovi', news);
  }

  #queued(): number {
    return this.#deps.store.outbox.inAttesa();
  }

  #set(patch: Partial<SyncStato>): SyncStato {
    this.#stato = { ...this.#stato, ...patch };
    this.#deps.events.emit('sync.stato', this.#stato);
    return this.#stato;
  }
}
