import fs from 'node:fs';
import path from 'node:path';
import { integrityProblems } from '../../../db/connection';
import type { CommandScope } from '../../common/commands/contract';
import type { BackupElenco, BackupRiga, ConfigurazioneStato, FileEsportato, ServizioScelta, SyncStato } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import { APP_VERSION, openCore, type Core } from '../app';
import { BackupScheduler, createBackup, findLatestGoodBackup, listBackups, restoreBackup, verifyBackup } from '../backup/index';
import { systemClock, type Clock } from '../clock';
import type { DesktopShell } from '../desktop';
import type { Dispatch } from '../dispatch';
import { EventBus } from '../events';
import { HttpGateway, type CredentialStore, type Credentials } from '../gateway/httpGateway';
import { integrityInBackground } from '../integrity/background';
import { accediSulCore } from '../sync/login';
import type { Logger } from '../log';
import { DATABASE_FILE } from '../paths';
import { findBackup, foldersOf, preMigrationBackup, toRiga } from './backups';
import { readConfig, writeConfig, type ServizioConfig, type WorkspaceConfig } from './config';
import type { WorkspaceControl } from './control';
import { diagnosticsZip } from './diagnostics';
import { normalizeServiceUrl, officeOf, probeService, serviceKey } from './servizio';

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
  /** Scheduled backups; false in tests that do not want timers (the pre-migration one always runs). */
  scheduledBackups?: boolean;
  /** Writes out buffered log lines (before the diagnostics zip is made). */
  flushLogs?: () => Promise<void>;
}

/** Start-up failures a backup can cure: the database is offered for restore instead of failing. */
const RECOVERABLE = new Set(['DATABASE_DANNEGGIATO', 'DATABASE_NON_VALIDO', 'DATABASE_TROPPO_RECENTE']);

interface Opened {
  core: Core;
  servizio: ServizioConfig | null;
  /** The database open now; null for a blank core. */
  database: string | null;
  /** The database file of this service and office, open or not (a damaged one awaiting restore). */
  target: string | null;
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
  #scheduler: BackupScheduler | null = null;
  #integrity: Promise<void> = Promise.resolve();

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
    const workspace = new Workspace(options, { ...config, servizio: initial }, { core: null as unknown as Core, servizio: null, database: null, target: null });
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
      const intermediarioId = await officeOf(servizio.url, { username, password }, this.#clock, this.#options.fetch);
      if (intermediarioId !== servizio.intermediarioId) {
        const next: ServizioConfig = { ...servizio, intermediarioId };
        await this.#switchTo(next);
        this.#config = { ...this.#config, servizio: next };
        writeConfig(this.#options.dataDir, this.#config);
      }
    }
    return accediSulCore(this.#opened.core.ctx, username, password);
  }

  async backupElenco(): Promise<BackupElenco> {
    const { intervalloOre, conserva } = this.#config.backup;
    const target = this.#opened.target;
    if (!target) return { cartella: null, backup: [], intervalloOre, conserva };
    const { backupDir } = foldersOf(target);
    return { cartella: backupDir, backup: (await listBackups(backupDir)).map(toRiga), intervalloOre, conserva };
  }

  async backupCrea(): Promise<BackupRiga> {
    const database = this.#opened.database;
    if (!database) throw new AppError('NON_DISPONIBILE', 'Non c’è un database da salvare: scegli il servizio e accedi.');
    const { allegatiDir, backupDir } = foldersOf(database);
    const info = await createBackup({ sqlite: this.#opened.core.ctx.sqlite, allegatiDir, backupDir, reason: 'manuale', appVersion: APP_VERSION, clock: this.#clock, logger: this.#options.logger });
    return toRiga(info);
  }

  async backupRipristina(nome: string): Promise<ConfigurazioneStato & { precedente: string | null }> {
    const target = this.#opened.target;
    if (!target) throw new AppError('NON_DISPONIBILE', 'Non c’è un database da ripristinare: scegli il servizio e accedi.');
    const { allegatiDir, backupDir } = foldersOf(target);
    const backup = await findBackup(backupDir, nome);
    // Checked while the current database is still open: a bad backup changes nothing at all.
    await verifyBackup(backup.path);
    const servizio = this.#opened.servizio;
    await this.#switchTo(null);
    let precedente: string | null = null;
    try {
      precedente = (await restoreBackup({ dbPath: target, allegatiDir, backupPath: backup.path, clock: this.#clock, logger: this.#options.logger })).previousDir;
      this.#options.logger.log('info', 'database restored from backup', { reason: backup.reason ?? 'unknown' });
    } finally {
      // Restored or not, the service's database (the new one, or the untouched old one) is reopened.
      await this.#switchTo(servizio);
    }
    return { ...this.stato(), precedente };
  }

  async diagnostica(): Promise<FileEsportato> {
    await this.#options.flushLogs?.();
    return diagnosticsZip({
      dataDir: this.#options.dataDir,
      clock: this.#clock,
      schemaVersione: this.#opened.core.ctx.app.schemaVersione,
      servizio: this.#opened.servizio?.tipo ?? 'nessuno',
    });
  }

  async close(): Promise<void> {
    await this.#integrity;
    await this.#scheduler?.stop();
    this.#scheduler = null;
    this.#unsubscribe();
    await this.#opened.core.close();
    await this.#demo?.close();
    this.#demo = null;
  }



  /** Opens the core for a service (or a blank one when none is chosen) and only then closes the old one. */
  async #switchTo(servizio: ServizioConfig | null): Promise<void> {
    const next = await this.#openFor(servizio);
    const previous = this.#opened.core;
    this.#unsubscribe();
    await this.#scheduler?.stop();
    this.#scheduler = null;
    this.#opened = next;
    this.#unsubscribe = next.core.events.subscribe((message) => this.events.emit(message.event, message.payload as never));
    if (previous) await previous.close();
    if (next.database && this.#options.scheduledBackups !== false) {
      const { allegatiDir, backupDir } = foldersOf(next.database);
      this.#scheduler = new BackupScheduler({
        sqlite: next.core.ctx.sqlite,
        allegatiDir,
        backupDir,
        intervalMs: this.#config.backup.intervalloOre * 3_600_000,
        rotation: { pianificato: this.#config.backup.conserva },
        appVersion: APP_VERSION,
        clock: this.#clock,
        logger: this.#options.logger,
      });
      await this.#scheduler.start().catch((error: unknown) => this.#options.logger.log('error', 'backup scheduler did not start', { error: String(error) }));
    }
    if (next.core.ctx.gateway && this.#options.pullIntervalMs != null) next.core.ctx.sync.start({ pullIntervalMs: this.#options.pullIntervalMs });
    // Every window reloads what it shows from the new database.
    this.events.emit('sync.stato', next.core.ctx.sync.stato);
    this.events.emit('dati.aggiornati', { tabelle: ['*'] });
    if (next.database && next.database !== ':memory:') this.#integrity = this.#checkIntegrity(next);
  }

  /** Resolves when the background integrity check of the database opened last has ended (tests, shutdown). */
  integrity(): Promise<void> {
    return this.#integrity;
  }

  /**
   * The full integrity check, after start, on another thread. Damage found means the database
   * is closed and the restore page offered, as if it had been found at start.
   */
  async #checkIntegrity(opened: Opened): Promise<void> {
    const { logger } = this.#options;
    const database = opened.database!;
    let result = await integrityInBackground(database);
    if (result.kind === 'not-run') {
      // No worker (an unusual packaging): the check still runs, on this thread, once.
      logger.log('warn', 'background integrity check unavailable, running it in process', { reason: result.reason.slice(0, 200) });
      const problems = this.#opened === opened ? integrityProblems(opened.core.ctx.sqlite) : [];
      result = problems.length === 0 ? { kind: 'ok' } : { kind: 'damaged', problems };
    }
    if (result.kind !== 'damaged' || this.#opened !== opened) return;
    logger.log('error', 'database damaged (background integrity check), recovery offered', { problems: result.problems.length });
    const messaggio = 'Il database locale risulta danneggiato. Ripristina l’ultimo backup valido: il file attuale verrà messo da parte, non cancellato.';
    const good = await findLatestGoodBackup(foldersOf(database).backupDir, { logger }).catch(() => null);
    await this.#switchTo(null);
    this.#opened = { ...this.#opened, servizio: opened.servizio, target: database };
    this.#recupero = { messaggio, backup: good ? { nome: good.backup.name, creatoIl: good.backup.createdAt } : null };
    this.events.emit('avvio.recupero', { messaggio });
  }

  async #openFor(servizio: ServizioConfig | null): Promise<Opened> {
    const common = this.#common();
    if (servizio === null) {
      // First run: a blank in-memory core answers the screens until a service is chosen.
      return { core: await openCore({ dbPath: ':memory:', ...common }), servizio: null, database: null, target: null };
    }
    if (servizio.tipo === 'sandbox') {
      this.#demo ??= await this.#options.startDemo();
      const credentials = this.#options.credentialsFor('sandbox', this.#demo.credentials);
      const gateway = new HttpGateway({ baseUrl: this.#demo.url, credentials, clock: this.#clock });
      const database = this.#options.demoDbPath ?? path.join(this.#options.dataDir, DATABASE_FILE);
      return this.#openDatabase(database, servizio, credentials, gateway);
    }
    const key = serviceKey(servizio.url);
    const credentials = this.#options.credentialsFor(key, null);
    const gateway = new HttpGateway({ baseUrl: servizio.url, credentials, clock: this.#clock, ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}) });
    if (!servizio.intermediarioId) {
      // Not logged in yet: the office (and so the database) is known only after the login.
      return { core: await openCore({ dbPath: ':memory:', gateway, credentials, ...common }), servizio, database: null, target: null };
    }
    const dir = path.join(this.#options.dataDir, 'servizi', key, servizio.intermediarioId.replace(/[^a-zA-Z0-9_-]/g, '_'));
    fs.mkdirSync(dir, { recursive: true });
    return this.#openDatabase(path.join(dir, DATABASE_FILE), servizio, credentials, gateway);
  }

  #common() {
    return { logger: this.#options.logger, clock: this.#clock, desktop: this.#options.desktop ?? null, workspace: this };
  }

  /**
   * A service's database, with its pre-migration backup. If it cannot be opened (damaged, not
   * ours, too new) the app still starts: a blank core, and the latest good backup offered.
   */
  async #openDatabase(database: string, servizio: ServizioConfig, credentials: CredentialStore, gateway: HttpGateway): Promise<Opened> {
    const { logger } = this.#options;
    this.#recupero = null;
    if (database === ':memory:') return { core: await openCore({ dbPath: database, gateway, credentials, ...this.#common() }), servizio, database, target: null };
    try {
      const core = await openCore({ dbPath: database, gateway, credentials, beforeMigrate: preMigrationBackup(database, logger), integrityCheck: 'later', ...this.#common() });
      return { core, servizio, database, target: database };
    } catch (error) {
      if (!(error instanceof AppError) || !RECOVERABLE.has(error.code)) throw error;
      const good = await findLatestGoodBackup(foldersOf(database).backupDir, { logger }).catch(() => null);
      logger.log('error', 'database unusable at start, recovery offered', { code: error.code, backup: good !== null });
      this.#recupero = { messaggio: error.message, backup: good ? { nome: good.backup.name, creatoIl: good.backup.createdAt } : null };
      return { core: await openCore({ dbPath: ':memory:', ...this.#common() }), servizio, database: null, target: database };
    }
  }
}
