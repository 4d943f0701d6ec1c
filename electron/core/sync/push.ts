import type BetterSqlite3 from 'better-sqlite3';
import type { AppuntamentoDettaglio, PrenotazioneRichiesta } from '../../common/remote/changes';
import type { Clock } from '../clock';
import { backoffDelay } from '../gateway/backoff';
import { GatewayError } from '../gateway/errors';
import type { OutboxTable } from '../../../db/schema';
import { CacheWriter } from '../store/cacheWriter';

/** What the push needs from the gateway. */
export interface OutboxTarget {
  creaAppuntamento(idempotencyKey: string, richiesta: PrenotazioneRichiesta, signal?: AbortSignal): Promise<AppuntamentoDettaglio>;
  cancellaAppuntamento(id: string, signal?: AbortSignal): Promise<AppuntamentoDettaglio>;
  caricaAllegato(sha256: string, bytes: Uint8Array, mime: string, signal?: AbortSignal): Promise<void>;
}

/** Where queued uploads read their bytes from. */
export interface AttachmentSource {
  read(sha256: string): Uint8Array;
}

export interface PushResult {
  sent: number;
  refused: number;
  retried: number;
  /** Why the round stopped early: the operator must log in, or the service asked us to slow down / is unreachable. */
  stoppedBy: 'auth' | 'rate_limited' | 'offline' | null;
  /** The earliest moment a queued row is due again, for the scheduler. */
  nextAttemptAt: string | null;
}

type OutboxRow = Omit<OutboxTable, 'id' | 'tentativi'> & { id: number; tentativi: number };

/**
 * Sends the outbox, oldest first. At-least-once delivery, exactly-once effect: the service
 * deduplicates by idempotency key, and a row is marked done in the same transaction that
 * records the result. A refusal (4xx) parks that row and the queue moves on; a failure
 * (5xx, timeout, reset) schedules a retry with backoff and holds back that entity's later rows.
 */
export async function pushOutbox(
  sqlite: BetterSqlite3.Database,
  target: OutboxTarget,
  files: AttachmentSource,
  clock: Clock,
  random: () => number,
  signal?: AbortSignal,
): Promise<PushResult> {
  const writer = new CacheWriter(sqlite);
  const result: PushResult = { sent: 0, refused: 0, retried: 0, stoppedBy: null, nextAttemptAt: null };
  const due = sqlite
    .prepare("SELECT * FROM outbox WHERE stato = 'in_attesa' AND prossimo_tentativo_il <= ? ORDER BY id")
    .all(clock.now().toISOString()) as OutboxRow[];
  // An entity's rows run in order: a row waits while an earlier one of the same entity is pending.
  const earlierPending = sqlite.prepare("SELECT 1 FROM outbox WHERE stato = 'in_attesa' AND entita_id = ? AND id < ? LIMIT 1").pluck();
  // A draft frozen by a revoked delega holds its queued rows until a new delega thaws it.
  const frozen = sqlite.prepare("SELECT 1 FROM bozze WHERE id = ? AND stato = 'congelata'").pluck();
  const held = new Set<string>();

  for (const row of due) {
    signal?.throwIfAborted();
    if (held.has(row.entita_id) || earlierPending.get(row.entita_id, row.id)) continue;
    if (row.tipo !== 'cancella' && frozen.get(row.entita_id)) continue;
    try {
      const dettaglio = await send(row, target, files, signal);
      sqlite.transaction(() => applySuccess(sqlite, writer, row, dettaglio, clock.now().toISOString())).immediate();
      result.sent += 1;
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      const now = clock.now();
      if (error.kind === 'auth') {
        result.stoppedBy = 'auth';
        break; // the queue waits, intact, for a new login
      }
      if (error.kind === 'permanent') {
        sqlite.transaction(() => applyRefusal(sqlite, row, error, now.toISOString())).immediate();
        result.refused += 1;
        continue;
      }
      const delay = error.kind === 'rate_limited' && error.retryAfterMs !== null ? error.retryAfterMs : backoffDelay(row.tentativi + 1, random);
      sqlite
        .prepare('UPDATE outbox SET tentativi = tentativi + 1, prossimo_tentativo_il = ?, ultimo_errore = ? WHERE id = ?')
        .run(new Date(now.getTime() + delay).toISOString(), `${error.code} ${error.status}`, row.id);
      result.retried += 1;
      held.add(row.entita_id);
      if (error.kind === 'rate_limited') {
        result.stoppedBy = 'rate_limited';
        break;
      }
      if (error.status === 0) {
        result.stoppedBy = 'offline'; // unreachable: the rest would fail the same way
        break;
      }
    }
  }
  result.nextAttemptAt = (sqlite.prepare("SELECT min(prossimo_tentativo_il) FROM outbox WHERE stato = 'in_attesa'").pluck().get() as string | null) ?? null;
  return result;
}

async function send(row: OutboxRow, target: OutboxTarget, files: AttachmentSource, signal?: AbortSignal): Promise<AppuntamentoDettaglio | null> {
  switch (row.tipo) {
    case 'crea':
      return target.creaAppuntamento(row.idempotency_key, JSON.parse(row.payload) as PrenotazioneRichiesta, signal);
    case 'cancella':
      return target.cancellaAppuntamento((JSON.parse(row.payload) as { appuntamentoId: string }).appuntamentoId, signal);
    case 'upload': {
      const { sha256, mime } = JSON.parse(row.payload) as { sha256: string; mime: string };
      await target.caricaAllegato(sha256, files.read(sha256), mime, signal);
      return null;
    }
  }
}

function applySuccess(sqlite: BetterSqlite3.Database, writer: CacheWriter, row: OutboxRow, dettaglio: AppuntamentoDettaglio | null, now: string): void {
  if (dettaglio) {
    const { allegati, comunicazioni, storico: _s, ...appuntamento } = dettaglio;
    writer.appuntamentoSeNuovo(appuntamento);
    writer.allegatiAppuntamento(appuntamento.id, allegati);
    for (const c of comunicazioni) writer.comunicazione(c);
  }
  if (row.tipo === 'crea' && dettaglio) {
    sqlite
      .prepare("UPDATE bozze SET stato = 'inviata', appuntamento_id = ?, errore_codice = NULL, errore_messaggio = NULL, aggiornata_il = ? WHERE id = ?")
      .run(dettaglio.id, now, row.entita_id);
  }
  sqlite.prepare("UPDATE outbox SET stato = 'fatto', ultimo_errore = NULL WHERE id = ?").run(row.id);
}

function applyRefusal(sqlite: BetterSqlite3.Database, row: OutboxRow, error: GatewayError, now: string): void {
  if (row.tipo === 'upload') {
    // A refused attachment dooms the booking that names it: park both, the draft shows why.
    sqlite.prepare("UPDATE outbox SET stato = 'fallito', ultimo_errore = ? WHERE entita_id = ? AND tipo = 'crea' AND stato = 'in_attesa'").run(`${error.code}: ${error.detail}`.slice(0, 500), row.entita_id);
  }
  if (row.tipo === 'crea' || row.tipo === 'upload') {
    // Nothing is lost: the draft keeps every field and shows the service's reason.
    const moved = sqlite
      .prepare("UPDATE bozze SET stato = 'da_correggere', errore_codice = ?, errore_messaggio = ?, aggiornata_il = ? WHERE id = ? AND stato = 'in_coda'")
      .run(error.code, error.detail, now, row.entita_id);
    if (moved.changes > 0) {
      sqlite.prepare("INSERT INTO cambiamenti (tipo, bozza_id, descrizione, rilevato_il) VALUES ('rifiutato', ?, ?, ?)").run(row.entita_id, error.detail, now);
    }
  }
  sqlite.prepare("UPDATE outbox SET stato = 'fallito', ultimo_errore = ? WHERE id = ?").run(`${error.code}: ${error.detail}`.slice(0, 500), row.id);
}
