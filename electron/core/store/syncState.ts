import type { Queries } from './queries';

/** Cursors of the change feed (written by the page applier in the page's own transaction). */
export class SyncStateStore {
  constructor(private readonly q: Queries) {}

  /** When the stream last moved; undefined before its first page. */
  aggiornatoIl(stream: string): string | undefined {
    return this.q.first(this.q.db.selectFrom('sync_state').select('aggiornato_il').where('stream', '=', stream))?.aggiornato_il;
  }
}
