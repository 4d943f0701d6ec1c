import fs from 'node:fs';
import type { CommandScope } from '../../common/commands/contract';
import type { BackupElenco, BackupRiga, ConfigurazioneStato, FileEsportato, ProtezioneDati, ServizioScelta, SyncStato } from '../../common/commands/types';
import type { Ufficio } from '../../common/domain/ufficio';
import { AppError } from '../../common/errors';
import type { Core } from '../app';
import type { BackupScheduler } from '../backup/index';
import { systemClock, type Clock } from '../clock';
import type { CoreContext } from '../context';
import type { Dispatch } from '../dispatch';
import { EventBus } from '../events';
import type { Logger } from '../log';
import { loginOnCore } from '../sync/login';
import { chiaveAllegati } from '../allegati/chiave';
import { cifraCartellaInChiaro } from '../allegati/files';
import { ChiaveInstallazione } from '../chiave/installazione';
import { chiaveDemo } from '../chiave/file';
import { DEMO_PROTEZIONE, esistonoDatiCifrati } from '../chiave/stato';
import { backupList, backupScheduler, checkedBackup, manualBackup, restoreInto } from './backups';
import { readConfig, writeConfig, type ServizioConfig, type WorkspaceConfig } from './config';
import type { WorkspaceControl } from './control';
import { exportDiagnostics } from './diagnostics';
import type { DemoService, WorkspaceOptions } from './options';
import { DAMAGED_MESSAGE, damageIn, recoveryFor, type Recupero } from './recovery';
import { afterLogin, resolveChoice } from './servizio';
import { openFor, type OpenContext, type Opened } from './switching';

export type { DemoService, WorkspaceOptions } from './options';

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
  /** Null only while `Workspace.open` opens the first core. */
  #opened: Opened | null = null;
  #unsubscribe: () => void = () => {};
  #demo: DemoService | null = null;
  #recupero: Recupero = null;
  #scheduler: BackupScheduler | null = null;
  #integrity: Promise<void> = Promise.resolve();
  readonly #chiave: ChiaveInstallazione;

  private constructor(options: WorkspaceOptions, config: WorkspaceConfig) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#config = config;
    this.#chiave = new ChiaveInstallazione({
      dataDir: options.dataDir,
      custode: options.custode ?? null,
      passphraseAmbiente: options.passphrase ?? null,
      esistonoDatiCifrati: () => esistonoDatiCifrati(options.dataDir),
      clock: this.#clock,
      logger: options.logger,
    });
  }

  static async open(options: WorkspaceOptions): Promise<Workspace> {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const { config } = readConfig(options.dataDir, options.logger);
    const initial = config.servizio ?? (options.defaultToDemo ? ({ tipo: 'sandbox' } as const) : null);
    const workspace = new Workspace(options, { ...config, servizio: initial });
    if (initial && !config.servizio) writeConfig(options.dataDir, workspace.#config);
    // A wrong CASSETTO_PASSPHRASE is not fatal: the page asks for the right one.
    await workspace.#chiave
      .prepara()
      .catch((error: unknown) => options.logger.log('warn', 'key not unlocked at start', { code: (error as { code?: string }).code ?? 'unknown' }));
    await workspace.#switchTo(initial);
    return workspace;
  }

  /** What is open now; there is always a core once `Workspace.open` has resolved. */
  get #current(): Opened {
    if (!this.#opened) throw new Error('Workspace: no core is open yet (use the workspace once Workspace.open has resolved)');
    return this.#opened;
  }

  get core(): Core {
    return this.#current.core;
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
    return (name, input) => this.#current.core.dispatcher(scope)(name, input);
  }

  stato(): ConfigurazioneStato {
    const { servizio, database } = this.#current;
    return {
      primoAvvio: this.#config.servizio === null,
      servizio: servizio === null ? null : servizio.tipo === 'sandbox' ? { tipo: 'sandbox' } : { tipo: 'remoto', url: servizio.url },
      cartellaDati: this.#options.dataDir,
      database,
      operatore: this.#operatore(),
      recupero: this.#recupero,
      ufficio: this.#config.ufficio,
      protezione: servizio?.tipo === 'sandbox' ? DEMO_PROTEZIONE : this.#protezione(),
    };
  }

  #protezione(): ProtezioneDati {
    const { portachiavi } = this.#options;
    return portachiavi ? { ...this.#chiave.descrizione(), portachiavi } : this.#chiave.descrizione();
  }

  /** First run without an OS secret store: the office sets its passphrase, then the service's database opens. */
  async chiaveImposta(passphrase: string, conferma: string): Promise<ConfigurazioneStato> {
    await this.#chiave.imposta(passphrase, conferma);
    await this.#riapriSeBloccato();
    this.#registraProtezione('chiave.imposta', null);
    return this.stato();
  }

  /** The passphrase asked once per start; five wrong ones in a row make a pause, never a lock-out. */
  async chiaveSblocca(passphrase: string): Promise<ConfigurazioneStato> {
    const { tentativiFalliti } = await this.#chiave.sblocca(passphrase);
    await this.#riapriSeBloccato();
    // The wrong attempts happened while the registro was locked too: recorded here, once it is open.
    this.#registraProtezione('chiave.sblocca', tentativiFalliti > 0 ? `dopo ${tentativiFalliti} passphrase errate` : null);
    return this.stato();
  }

  async chiaveCambia(attuale: string, nuova: string, conferma: string): Promise<ConfigurazioneStato> {
    await this.#chiave.cambiaPassphrase(attuale, nuova, conferma);
    return this.stato();
  }

  #registraProtezione(azione: string, dettagli: string | null): void {
    const { core, database } = this.#current;
    if (!database) return;
    core.ctx.store.registro.registra({ azione, entita: 'installazione', dettagli }, this.#clock.now().toISOString());
  }

  /** The service's database was waiting for the key: open it now. */
  async #riapriSeBloccato(): Promise<void> {
    const { servizio, database, target } = this.#current;
    if (servizio && servizio.tipo === 'remoto' && database === null && target !== null) await this.#switchTo(servizio);
  }

  contestoCorrente(): CoreContext {
    return this.#current.core.ctx;
  }

  /** Who is logged in now, else who was last on this database (the PC may be offline today). */
  #operatore(): string | null {
    const { ctx } = this.#current.core;
    return ctx.gateway?.utenteNoto?.()?.username ?? ctx.store.sessione.ultimo()?.username ?? null;
  }

  impostaUfficio(ufficio: Ufficio): ConfigurazioneStato {
    this.#config = { ...this.#config, ufficio };
    writeConfig(this.#options.dataDir, this.#config);
    this.#options.logger.log('info', 'office contact set');
    return this.stato();
  }

  conservazioneMesi(): number {
    return this.#config.conservazione.mesi;
  }

  impostaConservazione(mesi: number): void {
    this.#config = { ...this.#config, conservazione: { mesi } };
    writeConfig(this.#options.dataDir, this.#config);
    this.#options.logger.log('info', 'retention period set', { months: mesi });
  }

  async impostaServizio(scelta: ServizioScelta): Promise<ConfigurazioneStato> {
    const servizio = await resolveChoice(scelta, this.#config.servizio, this.#options.fetch);
    await this.#switchTo(servizio);
    this.#remember(servizio);
    this.#options.logger.log('info', 'service chosen', { kind: servizio.tipo });
    return this.stato();
  }

  /**
   * Logs in. For a remote service the office comes from the session: its own database is opened
   * (a new one on first login), so two offices — or two services — never share a cache.
   */
  async accedi(username: string, password: string): Promise<SyncStato> {
    const servizio = this.#current.servizio;
    if (!servizio) throw new AppError('SERVIZIO_NON_CONFIGURATO', 'Scegli prima il servizio a cui collegarti.');
    if (servizio.tipo === 'remoto' && !this.#chiave.chiave()) {
      throw new AppError('DATI_BLOCCATI', 'Prima di accedere, apri i dati dell’ufficio con la passphrase (o impostala, al primo avvio).');
    }
    const next = await afterLogin(servizio, { username, password }, this.#clock, this.#options.fetch);
    if (next) {
      await this.#switchTo(next);
      this.#remember(next);
    }
    return loginOnCore(this.#current.core.ctx, username, password);
  }

  async backupElenco(): Promise<BackupElenco> {
    return backupList(this.#current.target, this.#config.backup);
  }

  async backupCrea(): Promise<BackupRiga> {
    const { database, core, chiave } = this.#current;
    return manualBackup(database, core.ctx.sqlite, chiave, this.#clock, this.#options.logger);
  }

  async backupRipristina(nome: string): Promise<ConfigurazioneStato & { precedente: string | null }> {
    const { servizio, chiave } = this.#current;
    const { target, backup } = await checkedBackup(this.#current.target, nome, chiave);
    await this.#switchTo(null);
    let precedente: string | null;
    try {
      const cifraAllegati = chiave ? (dir: string) => this.#openContext().cifraAllegati(dir, chiave) : undefined;
      precedente = await restoreInto(target, backup, { chiave, ...(cifraAllegati ? { cifraAllegati } : {}) }, this.#clock, this.#options.logger);
    } finally {
      // Restored or not, the service's database (the new one, or the untouched old one) is reopened.
      await this.#switchTo(servizio);
    }
    return { ...this.stato(), precedente };
  }

  async exportDiagnostics(): Promise<FileEsportato> {
    await this.#options.flushLogs?.();
    const { core, servizio } = this.#current;
    return exportDiagnostics({
      dataDir: this.#options.dataDir,
      clock: this.#clock,
      schemaVersione: core.ctx.app.schemaVersione,
      servizio: servizio?.tipo ?? 'nessuno',
    });
  }

  /** Resolves when the background integrity check of the database opened last has ended (tests, shutdown). */
  integrity(): Promise<void> {
    return this.#integrity;
  }

  async close(): Promise<void> {
    await this.#integrity;
    await this.#scheduler?.stop();
    this.#scheduler = null;
    this.#unsubscribe();
    await this.#opened?.core.close();
    await this.#demo?.close();
    this.#demo = null;
  }

  /** The chosen service, kept in impostazioni.json for the next start. */
  #remember(servizio: ServizioConfig): void {
    this.#config = { ...this.#config, servizio };
    writeConfig(this.#options.dataDir, this.#config);
  }

  #openContext(): OpenContext {
    return {
      options: this.#options,
      clock: this.#clock,
      workspace: this,
      demo: async () => (this.#demo ??= await this.#options.startDemo()),
      offerRecovery: (recupero) => {
        this.#recupero = recupero;
      },
      chiave: (servizio) => (servizio.tipo === 'sandbox' ? chiaveDemo(this.#options.dataDir) : this.#chiave.chiave()),
      cifraAllegati: async (allegatiDir, chiave) => {
        const esito = await cifraCartellaInChiaro(allegatiDir, chiaveAllegati(chiave), this.#options.logger);
        this.#options.logger.log('info', 'plain attachments encrypted', esito);
      },
    };
  }

  /** Opens the core for a service (or a blank one when none is chosen) and only then closes the old one. */
  async #switchTo(servizio: ServizioConfig | null): Promise<void> {
    const next = await openFor(this.#openContext(), servizio);
    const previous = this.#opened?.core;
    this.#unsubscribe();
    await this.#scheduler?.stop();
    this.#scheduler = null;
    this.#opened = next;
    this.#unsubscribe = next.core.events.subscribe((message) => this.events.emit(message.event, message.payload as never));
    if (previous) await previous.close();
    if (next.database && this.#options.scheduledBackups !== false) {
      this.#scheduler = backupScheduler(next.database, next.core.ctx.sqlite, next.chiave, this.#config.backup, this.#clock, this.#options.logger);
      await this.#scheduler.start().catch((error: unknown) => this.#options.logger.log('error', 'backup scheduler did not start', { error: String(error) }));
    }
    if (next.core.ctx.gateway && this.#options.pullIntervalMs != null) next.core.ctx.sync.start({ pullIntervalMs: this.#options.pullIntervalMs });
    // Every window reloads what it shows from the new database.
    this.events.emit('sync.stato', next.core.ctx.sync.stato);
    this.events.emit('dati.aggiornati', {});
    if (next.database && next.database !== ':memory:') this.#integrity = this.#checkIntegrity(next, next.database);
  }

  /**
   * The full integrity check, after start, on another thread. Damage found means the database
   * is closed and the restore page offered, as if it had been found at start.
   */
  async #checkIntegrity(opened: Opened, database: string): Promise<void> {
    const { logger } = this.#options;
    const problems = await damageIn(database, () => (this.#opened === opened ? opened.core.ctx.sqlite : null), logger, opened.chiave);
    if (problems === null || this.#opened !== opened) return;
    logger.log('error', 'database damaged (background integrity check), recovery offered', { problems: problems.length });
    const recupero = await recoveryFor(database, DAMAGED_MESSAGE, logger, opened.chiave);
    await this.#switchTo(null);
    this.#opened = { ...this.#current, servizio: opened.servizio, target: database, chiave: opened.chiave };
    this.#recupero = recupero;
    this.events.emit('avvio.recupero', { messaggio: DAMAGED_MESSAGE });
  }
}
