import fs from 'node:fs';
import path from 'node:path';
import type { CommandScope } from '../../common/commands/contract';
import type { ConfigurazioneStato, ServizioScelta, SyncStato } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import { openCore, type Core } from '../app';
import { systemClock, type Clock } from '../clock';
import type { DesktopShell } from '../desktop';
import type { Dispatch } from '../dispatch';
import { EventBus } from '../events';
import { GatewayError } from '../gateway/errors';
import { HttpGateway, type CredentialStore, type Credentials } from '../gateway/httpGateway';
import type { Logger } from '../log';
import { DATABASE_FILE } from '../paths';
import { readConfig, writeConfig, type ServizioConfig, type WorkspaceConfig } from './config';
import type { WorkspaceControl } from './control';
import { normalizeServiceUrl, probeService, serviceKey } from './servizio';

export interface DemoService {
  url: string;
  credentials: Credentials;
  close(): Promise<void>;
}

export interface WorkspaceOptions {
  dataDir: string;
  logger: Logger;
  clock?: Clock;
  desktop?: DesktopShell | null;
  /** Starts the embedded demo service (the shells pass the sandbox's startEmbeddedDemo). */
  startDemo: () => Promise<DemoService>;
  /** Where a service's operator credentials live: safeStorage in Electron, memory elsewhere. */
  credentialsFor: (key: string, initial: Credentials | null) => CredentialStore;
  /** The demo's database (default: <dataDir>/cassetto.sqlite). */
  demoDbPath?: string;
  /** With no service chosen yet, use the demo (npm start) instead of showing the first-run screen. */
  defaultToDemo?: boolean;
  /** Background pulls; null: only on request (tests). */
  pullIntervalMs?: number | null;
  fetch?: typeof fetch;
}

interface Opened {
  core: Core;
  servizio: ServizioConfig | null;
  database: string | null;
  credentials: CredentialStore | null;
  gateway: HttpGateway | null;
}

/**
 * The data folder as a whole: its configuration, the embedded demo, and the one core open at a
 * time — the database of the chosen service and office. Transports talk to the workspace, which
 * forwards to the current core, so switching service never leaves a window talking to a closed one.
 */
export class Workspace implements WorkspaceControl {
  readonly events = new EventBus();
  readonly #options: WorkspaceOptions;
  readonly #clock: Clock;
  #config: WorkspaceConfig;
  #opened: Opened;
  #unsubscribe: () => void = () => {};
  #demo: DemoService | null = null;
  #recupero: ConfigurazioneStato['recupero'] = null;

  private constructor(options: WorkspaceOptions, config: WorkspaceConfig, opened: Opened) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#config = config;
    this.#opened = opened;
  }

  static async open(options: WorkspaceOptions): Promise<Workspace> {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const { config } = readConfig(options.dataDir, options.logger);
    const initial = config.servizio ?? (options.defaultToDemo ? ({ tipo: 'sandbox' } as const) : null);
    const workspace = new Workspace(options, { ...config, servizio: initial }, { core: null as unknown as Core, servizio: null, database: null, credentials: null, gateway: null });
    if (initial && !config.servizio) writeConfig(options.dataDir, workspace.#config);
    await workspace.#switchTo(initial);
    return workspace;
  }

  get core(): Core {
    return this.#opened.core;
  }

  /** The embedded demo service's address, once started (its /admin routes, in training and tests). */
  get demoUrl(): string | null {
    return this.#demo?.url ?? null;
  }

  get logger(): Logger {
    return this.#options.logger;
  }

  /** Every call goes to the core open at that moment. */
  dispatcher(scope: CommandScope): Dispatch {
    return (name, input) => this.#opened.core.dispatcher(scope)(name, input);
  }

  stato(): ConfigurazioneStato {
    const servizio = this.#opened.servizio;
    return {
      primoAvvio: this.#config.servizio === null,
      servizio: servizio === null ? null : servizio.tipo === 'sandbox' ? { tipo: 'sandbox' } : { tipo: 'remoto', url: servizio.url },
      cartellaDati: this.#options.dataDir,
      database: this.#opened.database,
      operatore: null,
      recupero: this.#recupero,
    };
  }

  async impostaServizio(scelta: ServizioScelta): Promise<ConfigurazioneStato> {
    let servizio: ServizioConfig;
    if (scelta.tipo === 'sandbox') {
      servizio = { tipo: 'sandbox' };
    } else {
      const url = normalizeServiceUrl(scelta.url);
      await probeService(url, this.#options.fetch ? { fetch: this.#options.fetch } : {});
      const same = this.#config.servizio?.tipo === 'remoto' && this.#config.servizio.url === url;
      servizio = { tipo: 'remoto', url, intermediarioId: same && this.#config.servizio?.tipo === 'remoto' ? this.#config.servizio.intermediarioId : null };
    }
    await this.#switchTo(servizio);
    this.#config = { ...this.#config, servizio };
    writeConfig(this.#options.dataDir, this.#config);
    this.#options.logger.log('info', 'service chosen', { kind: servizio.tipo });
    return this.stato();
  }

  /**
   * Logs in. For a remote service the office comes from the session: its own database is opened
   * (a new one on first login), so two offices — or two services — never share a cache.
   */
  async accedi(username: string, password: string): Promise<SyncStato> {
    const servizio = this.#opened.servizio;
    if (!servizio) throw new AppError('SERVIZIO_NON_CONFIGURATO', 'Scegli prima il servizio a cui collegarti.');
    if (servizio.tipo === 'remoto') {
      const probe = new HttpGateway({ baseUrl: servizio.url, credentials: { get: async () => ({ username, password }), set: async () => {}, clear: async () => {} }, clock: this.#clock, ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}) });
      let intermediarioId: string | null;
      try {
        intermediarioId = (await probe.utente()).intermediarioId;
      } catch (error) {
        if (error instanceof GatewayError && error.kind === 'auth') {
          throw new AppError('CREDENZIALI_NON_VALIDE', 'Nome utente o password non validi per il servizio.', [{ path: 'password', message: 'Credenziali non accettate.' }]);
        }
        if (error instanceof GatewayError) throw new AppError('SERVIZIO_NON_RAGGIUNGIBILE', `Accesso non riuscito: ${error.detail}`);
        throw error;
      }
      if (!intermediarioId) throw new AppError('UTENTE_NON_INTERMEDIARIO', 'Questo utente non appartiene a un intermediario: Cassetto Desk è per gli operatori dei patronati.');
      if (intermediarioId !== servizio.intermediarioId) {
        const next: ServizioConfig = { ...servizio, intermediarioId };
        await this.#switchTo(next);
        this.#config = { ...this.#config, servizio: next };
        writeConfig(this.#options.dataDir, this.#config);
      }
    }
    return this.#loginOnCurrent(username, password);
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    await this.#opened.core.close();
    await this.#demo?.close();
    this.#demo = null;
  }

  async #loginOnCurrent(username: string, password: string): Promise<SyncStato> {
    const { credentials, gateway, core } = this.#opened;
    if (!credentials || !gateway) throw new AppError('SERVIZIO_NON_CONFIGURATO', 'Scegli prima il servizio a cui collegarti.');
    const previous = await credentials.get();
    await credentials.set({ username, password });
    gateway.logout();
    const stato = await core.ctx.sync.syncNow();
    if (stato.fase === 'accesso_richiesto') {
      // Wrong credentials are not kept: the previous operator (if any) stays logged in.
      if (previous) await credentials.set(previous);
      else await credentials.clear();
      gateway.logout();
      throw new AppError('CREDENZIALI_NON_VALIDE', 'Nome utente o password non validi per il servizio.', [{ path: 'password', message: 'Credenziali non accettate.' }]);
    }
    this.#options.logger.log('info', 'operator logged in');
    return stato;
  }

  /** Opens the core for a service (or a blank one when none is chosen) and only then closes the old one. */
  async #switchTo(servizio: ServizioConfig | null): Promise<void> {
    const next = await this.#openFor(servizio);
    const previous = this.#opened.core;
    this.#unsubscribe();
    this.#opened = next;
    this.#unsubscribe = next.core.events.subscribe((message) => this.events.emit(message.event, message.payload as never));
    if (previous) await previous.close();
    if (next.gateway && this.#options.pullIntervalMs != null) next.core.ctx.sync.start({ pullIntervalMs: this.#options.pullIntervalMs });
    // Every window reloads what it shows from the new database.
    this.events.emit('sync.stato', next.core.ctx.sync.stato);
    this.events.emit('dati.aggiornati', { tabelle: ['*'] });
  }

  async #openFor(servizio: ServizioConfig | null): Promise<Opened> {
    const { logger, desktop } = this.#options;
    const common = { logger, clock: this.#clock, desktop: desktop ?? null, workspace: this };
    if (servizio === null) {
      // First run: a blank in-memory core answers the screens until a service is chosen.
      return { core: await openCore({ dbPath: ':memory:', ...common }), servizio: null, database: null, credentials: null, gateway: null };
    }
    if (servizio.tipo === 'sandbox') {
      this.#demo ??= await this.#options.startDemo();
      const credentials = this.#options.credentialsFor('sandbox', this.#demo.credentials);
      const gateway = new HttpGateway({ baseUrl: this.#demo.url, credentials, clock: this.#clock });
      const database = this.#options.demoDbPath ?? path.join(this.#options.dataDir, DATABASE_FILE);
      return { core: await openCore({ dbPath: database, gateway, credentials, ...common }), servizio, database, credentials, gateway };
    }
    const key = serviceKey(servizio.url);
    const credentials = this.#options.credentialsFor(key, null);
    const gateway = new HttpGateway({ baseUrl: servizio.url, credentials, clock: this.#clock, ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}) });
    if (!servizio.intermediarioId) {
      // Not logged in yet: the office (and so the database) is known only after the login.
      return { core: await openCore({ dbPath: ':memory:', gateway, credentials, ...common }), servizio, database: null, credentials, gateway };
    }
    const dir = path.join(this.#options.dataDir, 'servizi', key, servizio.intermediarioId.replace(/[^a-zA-Z0-9_-]/g, '_'));
    fs.mkdirSync(dir, { recursive: true });
    const database = path.join(dir, DATABASE_FILE);
    return { core: await openCore({ dbPath: database, gateway, credentials, ...common }), servizio, database, credentials, gateway };
  }
}
