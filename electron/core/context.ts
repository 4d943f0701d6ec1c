import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AttachmentStore } from './allegati/store';
import type { Clock } from './clock';
import type { EventBus } from './events';
import type { Logger } from './log';
import type { SyncService } from './sync/service';

/** Everything a handler may use, passed explicitly so handlers run under plain Node. */
export interface CoreContext {
  db: Kysely<Database>;
  /** The raw handle, for bulk writes and hand-tuned hot paths. */
  sqlite: BetterSqlite3.Database;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  sync: SyncService;
  allegati: AttachmentStore;
  app: { nome: string; versione: string; percorsoDati: string | null; schemaVersione: number };
}
