import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Change, ChangesPage } from '../../common/remote/changes';
import { ricreaIndici } from '../../../db/indiciRinviati';
import { CacheWriter } from '../store/cacheWriter';
import { analyzeForSearch } from '../store/search';

export const CHANGES_STREAM = 'changes';
/** Written once the feed has been read to its end: from then on, arriving changes are news. */
export const CAUGHT_UP_STREAM = 'changes.allineato';

const FROZEN_REASON: Record<'revocata' | 'annullata', string> = {
  revocata: 'La delega del cliente è stata revocata: la bozza è sospesa finché non viene conferita una nuova delega.',
  annullata: 'La delega del cliente è stata annullata: la bozza è sospesa finché non viene conferita una nuova delega.',
};

/**
 * Applies pages of the change feed: each page and its cursor in ONE transaction, so a crash
 * leaves either the whole page applied with its cursor, or neither — and the next run resumes.
 * Upserts only touch cache tables; drafts are never erased, only frozen when a delega ends.
 * Prepared statements by hand, like CacheWriter: this runs once per change of the full sync.
 */
export class PageApplier {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #writer: CacheWriter;
  readonly #saveCursor: BetterSqlite3.Statement;
  readonly #readCursor: BetterSqlite3.Statement;
  readonly #freeze: BetterSqlite3.Statement;
  readonly #thaw: BetterSqlite3.Statement;
  readonly #statoOf: BetterSqlite3.Statement;
  readonly #comunicazioneExists: BetterSqlite3.Statement;
  readonly #cambiamento: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
    this.#writer = new CacheWriter(sqlite);
    this.#saveCursor = sqlite.prepare(
      `INSERT INTO sync_state (stream, cursore, aggiornato_il) VALUES (?, ?, ?)
       ON CONFLICT (stream) DO UPDATE SET cursore = excluded.cursore, aggiornato_il = excluded.aggiornato_il`,
    );
    this.#readCursor = sqlite.prepare('SELECT cursore FROM sync_state WHERE stream = ?').pluck();
    this.#freeze = sqlite.prepare(
      `UPDATE bozze SET stato = 'congelata', errore_codice = 'DELEGA_NON_ATTIVA', errore_messaggio = ?, aggiornata_il = ?
       WHERE datore_cf = ? AND stato IN ('bozza', 'in_coda', 'da_correggere')`,
    );
    // A new active delega gives frozen drafts back: to the queue if a booking of theirs is still
    // pending (it may already have reached the service), else to the operator, to check and send.
    this.#thaw = sqlite.prepare(
      `UPDATE bozze SET errore_codice = NULL, errore_messaggio = NULL, aggiornata_il = ?,
         stato = CASE WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.entita_id = bozze.id AND o.stato = 'in_attesa') THEN 'in_coda' ELSE 'bozza' END
       WHERE datore_cf = ? AND stato = 'congelata'`,
    );
    this.#statoOf = sqlite.prepare('SELECT stato FROM appuntamenti WHERE id = ?').pluck();
    this.#comunicazioneExists = sqlite.prepare('SELECT 1 FROM comunicazioni WHERE id = ?').pluck();
    this.#cambiamento = sqlite.prepare('INSERT INTO cambiamenti (tipo, appuntamento_id, comunicazione_id, descrizione, rilevato_il) VALUES (?, ?, ?, ?, ?)');
  }

  cursor(): string {
    return (this.#readCursor.get(CHANGES_STREAM) as string | null | undefined) ?? '';
  }

  /** Whether a pull ever reached the end of the feed (a resumed first pull has not). */
  caughtUp(): boolean {
    return this.#readCursor.get(CAUGHT_UP_STREAM) !== undefined;
  }

  /** `news`: record what the sedi changed for the review queue (not during the first full pull). */
  apply(page: ChangesPage, now: string, news = true): void {
    this.#sqlite
      .transaction(() => {
        // Parents and children may share a page in any order: check references at commit.
        this.#sqlite.pragma('defer_foreign_keys = ON');
        for (const change of page.changes) {
          if (news) this.#noteNews(change, now);
          this.#applyOne(change, now);
        }
        this.#saveCursor.run(CHANGES_STREAM, page.nextCursor, now);
        if (!page.hasMore) this.#saveCursor.run(CAUGHT_UP_STREAM, page.nextCursor, now);
        // The end of the first full pull, with its last page: the indexes left for the end
        // (caricamentoMassivo.ts), then statistics of the whole cache.
        if (!page.hasMore && !news) {
          ricreaIndici(this.#sqlite);
          analyzeForSearch(this.#sqlite);
        }
      })
      .immediate();
  }

  #noteNews(change: Change, now: string): void {
    if (change.entity === 'appuntamento') {
      const a = change.data;
      if (this.#statoOf.get(a.id) !== 'confermato') return;
      if (a.stato === 'cancellato' && a.cancellatoDa === 'sede') this.#cambiamento.run('disdetto', a.id, null, a.motivoStato, now);
      else if (a.stato === 'chiuso_definito') this.#cambiamento.run('chiuso', a.id, null, a.motivoStato, now);
    } else if (change.entity === 'comunicazione' && change.data.autore === 'sede' && !this.#comunicazioneExists.get(change.data.id)) {
      this.#cambiamento.run('comunicazione', change.data.appuntamentoId, change.data.id, change.data.testo.slice(0, 200), now);
    }
  }

  #applyOne(change: Change, now: string): void {
    switch (change.entity) {
      case 'argomento':
        return this.#writer.argomento(change.data);
      case 'sede':
        return this.#writer.sede(change.data);
      case 'datore':
        return this.#writer.datore(change.data);
      case 'rapporto':
        return this.#writer.rapporto(change.data);
      case 'quesito':
        return this.#writer.quesito(change.data);
      case 'appuntamento': {
        // The attachments' metadata (#14), when the service sends it: what Dettaglio lists and downloads on request.
        const { allegati, ...appuntamento } = change.data;
        this.#writer.appuntamento(appuntamento);
        if (allegati) this.#writer.allegatiAppuntamento(appuntamento.id, allegati);
        return;
      }
      case 'comunicazione':
        return this.#writer.comunicazione(change.data);
      case 'delega': {
        const delega = change.data;
        this.#writer.delega(delega);
        if (delega.stato === 'revocata' || delega.stato === 'annullata') {
          this.#freeze.run(FROZEN_REASON[delega.stato], now, delega.datoreCf);
        } else if (delega.stato === 'attiva') {
          this.#thaw.run(now, delega.datoreCf);
        }
        return;
      }
    }
  }
}
