// Content-addressed attachments: the hash must match the bytes, the type comes from the bytes.
import { createHash } from 'node:crypto';
import { DEFAULT_ALLEGATI_CAPS, sniffAllegato, type AllegatiCaps, type AllegatoMime } from '../../electron/common/domain/allegati';
import { ProblemError } from '../problem';
import type { Principal, Store } from './store';

export const SANDBOX_CAPS: AllegatiCaps = DEFAULT_ALLEGATI_CAPS;

export interface AllegatoInfo {
  sha256: string;
  mime: AllegatoMime;
  dimensione: number;
}

export function allegatoInfo(store: Store, sha256: string): AllegatoInfo | null {
  const row = store.db.prepare('SELECT sha256, mime, dimensione FROM allegati WHERE sha256 = ?').get(sha256) as AllegatoInfo | undefined;
  return row ?? null;
}

/**
 * An attachment for a caller who may see it (#14): an operatore of an intermediario holding an
 * active delega for the datore of an appointment that carries it, or that datore as a citizen.
 * 404 for a hash the service does not hold; 403 when it is held but not for the caller.
 */
export function getAllegato(store: Store, principal: Principal, sha256: string): { info: AllegatoInfo; bytes: Buffer } {
  const row = store.db.prepare('SELECT sha256, mime, dimensione, bytes FROM allegati WHERE sha256 = ?').get(sha256) as
    (AllegatoInfo & { bytes: Buffer }) | undefined;
  if (row === undefined) throw new ProblemError(404, 'NON_TROVATO', 'Allegato non trovato.');
  const datori = store.db
    .prepare('SELECT DISTINCT a.datore_cf AS cf FROM appuntamento_allegati l JOIN appuntamenti a ON a.id = l.appuntamento_id WHERE l.sha256 = ?')
    .all(sha256) as { cf: string }[];
  if (!datori.some((d) => store.canActFor(principal, d.cf))) {
    throw new ProblemError(403, 'DELEGA_NON_ATTIVA', 'Non hai una delega attiva del datore di lavoro dell’appuntamento a cui appartiene questo allegato.');
  }
  const { bytes, ...info } = row;
  return { info, bytes };
}

/**
 * Stores the bytes under their hash. Returns `created: false` when the same bytes were already
 * there (idempotent retry). `declared` is the request's content type; octet-stream means "sniff it".
 */
export function putAllegato(store: Store, sha256: string, bytes: Buffer, declared: string): { info: AllegatoInfo; created: boolean } {
  if (bytes.length > SANDBOX_CAPS.maxFileBytes) {
    throw new ProblemError(413, 'ALLEGATO_TROPPO_GRANDE', 'Il file supera la dimensione massima ammessa per un allegato.');
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw new ProblemError(400, 'HASH_NON_CORRISPONDENTE', "L'impronta SHA-256 indicata non corrisponde al contenuto inviato.");
  }
  if (bytes.length === 0) throw new ProblemError(422, 'ALLEGATO_NON_VALIDO', 'Il file è vuoto (0 byte).');
  const sniff = sniffAllegato(bytes);
  if (sniff === null) {
    throw new ProblemError(422, 'ALLEGATO_NON_VALIDO', 'Il contenuto del file non è un PDF, JPEG, PNG o TIFF.');
  }
  if (!sniff.complete) throw new ProblemError(422, 'ALLEGATO_NON_VALIDO', 'Il file è incompleto o danneggiato.');
  if (declared !== 'application/octet-stream' && declared !== sniff.mime) {
    throw new ProblemError(422, 'ALLEGATO_NON_VALIDO', 'Il tipo dichiarato non corrisponde al contenuto del file.');
  }
  const existing = allegatoInfo(store, sha256);
  if (existing !== null) return { info: existing, created: false };
  store.db
    .prepare('INSERT INTO allegati (sha256, mime, dimensione, caricato_il, bytes) VALUES (?, ?, ?, ?, ?)')
    .run(sha256, sniff.mime, bytes.length, store.nowIso(), bytes);
  return { info: { sha256, mime: sniff.mime, dimensione: bytes.length }, created: true };
}
