import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AttachmentFiles } from './allegati/files';
import type { Clock } from './clock';
import type { DesktopShell } from './desktop';
import type { WorkspaceControl } from './workspace/control';
import type { CredentialStore } from './gateway/httpGateway';
import type { EventBus } from './events';
import type { Logger } from './log';
import type { Store } from './store/index';
import type { RemoteService, SyncService } from './sync/service';

/** Everything a handler may use, passed explicitly so handlers run under plain Node. */
export interface CoreContext {
  /** The data layer: handlers read and write only through it (they hold no SQL). */
  store: Store;
  db: Kysely<Database>;
  /** The raw handle, for the sync's bulk writes (hand-tuned, see store/cacheWriter.ts), backups and tests. */
  sqlite: BetterSqlite3.Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  sync: SyncService;
  allegati: AttachmentFiles;
  /** null when no remote service is configured. */
  credentials: CredentialStore | null;
  gateway: RemoteService | null;
  /** The Electron shell's dialogs and viewer; null in the browser host and the CLI. */
  desktop: DesktopShell | null;
  /** The workspace that opened this core (service choice, login per office); null in the CLI and tests. */
  workspace: WorkspaceControl | null;
  app: { nome: string; versione: string; percorsoDati: string | null; schemaVersione: number; desktop: boolean };
}
