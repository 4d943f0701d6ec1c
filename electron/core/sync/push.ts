import { AppError } from '../../common/errors';
import type { Comunicazione } from '../../common/model';
import type { AppuntamentoDettaglio, PrenotazioneRichiesta } from '../../common/remote/changes';
import type { Clock } from '../clock';
import { backoffDelay } from '../gateway/backoff';
import { GatewayError } from '../gateway/errors';
import { CacheWriter } from '../store/cacheWriter';
import type { Store } from '../store/index';
import type { OutboxRiga } from '../store/outbox';
import type { SyncProbe } from './probes';

/** What the push needs from the gateway. */
export interface OutboxTarget {
  creaAppuntamento(idempotencyKey: string, richiesta: PrenotazioneRichiesta, signal?: AbortSignal): Promise<AppuntamentoDettaglio>;
  cancellaAppuntamento(id: string, signal?: AbortSignal): Promise<AppuntamentoDettaglio>;
  caricaAllegato(sha256: string, bytes: Uint8Array, mime: string, signal?: AbortSignal): Promise<void>;
  inviaComunicazione(appuntamentoId: string, idempotencyKey: string, testo: string, signal?: AbortSignal): Promise<Comunicazione>;
}

/** What the service answered to one row: the appointment (create, cancel), the comunicazione, or nothing (upload). */
type Risposta = { dettaglio: AppuntamentoDettaglio } | { comunicazione: Comunicazione } | null;

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
  /** What stopped it, for the status bar (a proxy, a certificate, a portal: each says what to do). */
  stoppedWith: GatewayError | null;
  /** The earliest moment a queued row is due again, for the scheduler. */
  nextAttemptAt: string | null;
}

/**
 * Sends the outbox, oldest first. At-least-once delivery, exactly-once effect: the service
 * deduplicates by idempotency key, and a row is marked done in the same transaction that
 * records the result. A refusal (4xx) parks that row and the queue moves on; a failure
 * (5xx, timeout, reset) schedules a retry with backoff and holds back that entity's later rows.
 */
export async function pushOutbox(
  store: Store,
  target: OutboxTarget,
  files: AttachmentSource,
  clock: Clock,
  random: () => number,
  signal?: AbortSignal,
  probe?: SyncProbe,
): Promise<PushResult> {
  // The service's answers are cache upserts like a feed page: the same hand-tuned writer.
  const writer = new CacheWriter(store.queries.sqlite);
  const result: PushResult = { sent: 0, refused: 0, retried: 0, stoppedBy: null, stoppedWith: null, nextAttemptAt: null };
  const held = new Set<string>();

  for (const row of store.outbox.dovute(clock.now().toISOString())) {
    signal?.throwIfAborted();
    if (held.has(row.entitaId) || store.outbox.precedenteInAttesa(row.entitaId, row.id)) continue;
    // A draft frozen by a revoked delega holds its queued rows until a new delega thaws it, except a
    // booking already tried with no answer: the service may hold it, and only asking again with
    // the same key tells (it answers a known key before checking the delega). Found by the fuzzer.
    const congelata = perBozza(row) && store.bozze.congelata(row.entitaId);
    if (congelata && !esitoIncerto(row)) continue;
    try {
      const risposta = await send(row, target, files, signal);
      const tipo = row.intent?.tipo;
      store.transaction(() => {
        applySuccess(store, writer, row, risposta, clock.now().toISOString());
        // Before the commit: a crash here leaves the booking on the service only, and the retry must get the same one back.
        if (tipo === 'crea') probe?.('prenotazione');
      });
      result.sent += 1;
      if (tipo === 'upload') probe?.('upload');
      else if (tipo === 'crea') probe?.('prenotata');
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      const now = clock.now();
      if (error.kind === 'auth') {
        result.stoppedBy = 'auth';
        break; // the queue waits, intact, for a new login
      }
      if (error.kind === 'permanent' && congelata) {
        // Now known: nothing was booked. The draft stays frozen, its booking held for a new delega.
        store.outbox.esitoNoto(row.id, `${error.code} ${error.status}`);
        continue;
      }
      if (error.kind === 'permanent') {
        store.transaction(() => applyRefusal(store, row, error, now.toISOString()));
        result.refused += 1;
        // The booking naming a refused attachment was parked with it: not sent later in this round either.
        if (row.intent?.tipo === 'upload') held.add(row.entitaId);
        continue;
      }
      const delay = error.kind === 'rate_limited' && error.retryAfterMs !== null ? error.retryAfterMs : backoffDelay(row.tentativi + 1, random);
      store.outbox.riprova(row.id, new Date(now.getTime() + delay).toISOString(), `${error.code} ${error.status}`);
      result.retried += 1;
      held.add(row.entitaId);
      if (error.kind === 'rate_limited') {
        result.stoppedBy = 'rate_limited';
        break;
      }
      if (error.notFromService) {
        // Unreachable, or something else answered (proxy, portal, certificate): the rest would fail the same way.
        result.stoppedBy = 'offline';
        result.stoppedWith = error;
        break;
      }
    }
  }
  result.nextAttemptAt = store.outbox.prossimoTentativo();
  return result;
}

/**
 * A stored file that is missing or fails its check (damaged, truncated, swapped) is never sent:
 * refused here like a 4xx, so the draft shows why and the rest of the queue goes on.
 */
function leggiPerInvio(files: AttachmentSource, sha256: string): Uint8Array {
  try {
    return files.read(sha256);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new GatewayError({ kind: 'permanent', status: 0, code: error.code, detail: error.message });
  }
}

/** A row whose stored payload no longer parses is refused here, like a 4xx: the draft keeps its fields and says why. */
function damaged(): GatewayError {
  return new GatewayError({
    kind: 'permanent',
    status: 0,
    code: 'CODA_DANNEGGIATA',
    detail: 'L’operazione in coda risulta danneggiata e non è stata inviata: controlla la bozza e inviala di nuovo.',
  });
}

/** A booking sent before that got no answer (a timeout, a reset, a 5xx): the service may have made it. */
function esitoIncerto(row: OutboxRiga): boolean {
  return row.intent?.tipo === 'crea' && row.tentativi > 0;
}

/** Rows that send a draft (its uploads and booking); a cancel or a comunicazione belongs to an appointment. */
function perBozza(row: OutboxRiga): boolean {
  return row.intent?.tipo !== 'cancella' && row.intent?.tipo !== 'comunicazione';
}

async function send(row: OutboxRiga, target: OutboxTarget, files: AttachmentSource, signal?: AbortSignal): Promise<Risposta> {
  const intent = row.intent;
  if (!intent) throw damaged();
  switch (intent.tipo) {
    case 'crea':
      return { dettaglio: await target.creaAppuntamento(row.idempotencyKey, intent.payload, signal) };
    case 'cancella':
      return { dettaglio: await target.cancellaAppuntamento(intent.payload.appuntamentoId, signal) };
    case 'upload':
      await target.caricaAllegato(intent.payload.sha256, leggiPerInvio(files, intent.payload.sha256), intent.payload.mime, signal);
      return null;
    case 'comunicazione':
      return { comunicazione: await target.inviaComunicazione(intent.payload.appuntamentoId, row.idempotencyKey, intent.payload.testo, signal) };
  }
}

function applySuccess(store: Store, writer: CacheWriter, row: OutboxRiga, risposta: Risposta, now: string): void {
  // The service's copy enters the thread in the same transaction that retires the queued one: never both, never neither.
  if (risposta && 'comunicazione' in risposta) writer.comunicazione(risposta.comunicazione);
  if (risposta && 'dettaglio' in risposta) {
    const { dettaglio } = risposta;
    const { allegati, comunicazioni, storico: _s, ...appuntamento } = dettaglio;
    writer.appuntamentoSeNuovo(appuntamento);
    writer.allegatiAppuntamento(appuntamento.id, allegati);
    for (const c of comunicazioni) writer.comunicazione(c);
    if (row.intent?.tipo === 'crea') store.bozze.segnaInviata(row.entitaId, dettaglio.id, now);
  }
  store.outbox.fatto(row.id);
}

function applyRefusal(store: Store, row: OutboxRiga, error: GatewayError, now: string): void {
  const reason = `${error.code}: ${error.detail}`;
  const intent = row.intent;
  // A refused attachment dooms the booking that names it: park both, the draft shows why.
  if (intent?.tipo === 'upload') store.outbox.fallisciCreazione(row.entitaId, reason);
  if (intent?.tipo === 'comunicazione') {
    // Nothing is lost: the thread keeps the text as «non inviata» with the reason (read from this row), and the review queue says so.
    store.cambiamenti.comunicazioneRifiutata(intent.payload.appuntamentoId, intent.payload.id, error.detail, now);
  } else if (perBozza(row) && store.bozze.segnaDaCorreggere(row.entitaId, error.code, error.detail, now)) {
    // Nothing is lost: the draft keeps every field and shows the service's reason.
    store.cambiamenti.rifiutato(row.entitaId, error.detail, now);
  }
  store.outbox.fallito(row.id, reason);
}
