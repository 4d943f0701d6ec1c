import packageJson from '../../package.json';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenDatabaseOptions } from '../../db/connection';
import { chiaveAllegati, chiaveEffimera } from './allegati/chiave';
import { AttachmentFiles } from './allegati/files';
import { Store } from './store/index';
import { lettoriStatistiche } from './store/statisticheCache';
import type { CredentialStore } from './gateway/httpGateway';
import type { CommandScope } from '../common/commands/contract';
import { systemClock, type Clock } from './clock';
import type { CoreContext } from './context';
import type { DesktopShell } from './desktop';
import type { WorkspaceControl } from './workspace/control';
import { avviaConservazione } from './conservazione/avvio';
import { createDispatcher, type Dispatch } from './dispatch';
import { EventBus } from './events';
import { createStderrLogger, type Logger } from './log';
import type { SyncProbe } from './sync/probes';
import { SyncService, type RemoteService } from './sync/service';

export const APP_NAME = 'Cassetto Desk';
export const APP_VERSION: string = packageJson.version;

export interface CoreOptions {
  /** Database file, or ':memory:'. */
  dbPath: string;
  /**
   * The database key (32 random bytes, kept wrapped by electron/core/chiave/): the database is
   * encrypted with it and the attachments with a key derived from it. Absent: a plain database
   * (in-memory cores, tests, the bench's plain baseline).
   */
  chiave?: Buffer;
  clock?: Clock;
  logger?: Logger;
  /** The remote service; absent for an offline-only database (tests, CLI on a copy). */
  gateway?: RemoteService | null;
  /** The store the gateway logs in with; the `servizio.accedi` command writes to it. */
  credentials?: CredentialStore | null;
  /** The Electron shell's dialogs and viewer (absent in the browser host and the CLI). */
  desktop?: DesktopShell | null;
  workspace?: WorkspaceControl | null;
  /**
   * 'start' (default): `PRAGMA integrity_check` before anything else. 'later': the caller runs it
   * off the start path (the workspace, on a worker thread) — cold start stays within budget.
   */
  integrityCheck?: 'start' | 'later';
  /** Before migrating an existing database (the workspace takes its pre-migration backup here). */
  beforeMigrate?: OpenDatabaseOptions['beforeMigrate'];
  /** Test only: the crash test's kill points in the sync path (tests/crash/). */
  syncProbe?: SyncProbe;
}

/** What a transport needs: a dispatcher, the event channel, and a logger (a Core or the Workspace). */
export interface CommandHost {
  dispatcher(scope: CommandScope): Dispatch;
  events: EventBus;
  logger: Logger;
}

export interface Core extends CommandHost {
  ctx: CoreContext;
  events: EventBus;
  /** A dispatcher bound to a caller scope: 'app' for the renderer's transports, 'ops' for the CLI. */
  dispatcher(scope: CommandScope): Dispatch;
  close(): Promise<void>;
}

/** Opens the local database (checks, pragmas, migrations) and wires the command table to it. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? createStderrLogger();
  const opened = await openDatabase({
    path: options.dbPath,
    ...(options.chiave ? { chiave: options.chiave } : {}),
    skipIntegrityCheck: options.integrityCheck === 'later',
    ...(options.beforeMigrate ? { beforeMigrate: options.beforeMigrate } : {}),
  });
  if (opened.migration.applied.length > 0) {
    logger.log('info', 'database migrated', { from: opened.migration.from, to: opened.migration.to });
  }
  const events = new EventBus();
  const clock = options.clock ?? systemClock;
  // Attachments live beside the database (the copies opened with the viewer in a private temporary folder); an in-memory database gets a throwaway folder.
  const inMemory = options.dbPath === ':memory:';
  const allegatiDir = path.join(inMemory ? fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-core-')) : path.dirname(options.dbPath), 'allegati');
  // Without a database key (in-memory cores, tests) a random one: those attachments are readable only while this core is open.
  const allegati = new AttachmentFiles(allegatiDir, { chiave: options.chiave ? chiaveAllegati(options.chiave) : chiaveEffimera(), logger });
  allegati.svuotaAperti();
  const store = new Store(opened.db, opened.sqlite);
  const sync = new SyncService({
    store,
    clock,
    events,
    logger,
    gateway: options.gateway ?? null,
    allegati,
    ...(options.syncProbe ? { probe: options.syncProbe } : {}),
  });
  const ctx: CoreContext = {
    store,
    db: opened.db,
    sqlite: opened.sqlite,
    clock,
    events,
    logger,
    sync,
    allegati,
    credentials: options.credentials ?? null,
    gateway: options.gateway ?? null,
    desktop: options.desktop ?? null,
    workspace: options.workspace ?? null,
    app: {
      nome: APP_NAME,
      versione: APP_VERSION,
      percorsoDati: options.dbPath === ':memory:' ? null : options.dbPath,
      schemaVersione: opened.migration.to,
      desktop: options.desktop != null,
    },
  };
  const conservazione = avviaConservazione(ctx, { database: options.dbPath, chiave: options.chiave ?? null });
  // The Statistiche blocks read on worker connections of their own (a file only: an in-memory database has no other connection).
  const lettori = inMemory ? null : lettoriStatistiche(options.dbPath, options.chiave ?? null, opened.sqlite);
  if (lettori) store.statistiche.usaLettori(lettori, logger);
  return {
    ctx,
    events,
    logger,
    dispatcher: (scope) => createDispatcher(ctx, scope),
    close: async () => {
      await lettori?.close();
      await conservazione.close();
      await sync.close();
      await opened.close();
      allegati.svuotaAperti();
      if (inMemory) fs.rmSync(path.dirname(allegatiDir), { recursive: true, force: true });
    },
  };
}
