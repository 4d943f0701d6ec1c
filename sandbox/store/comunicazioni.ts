// A comunicazione sent through the API: idempotent by Idempotency-Key like a booking, so a client
// that lost the answer (a dropped connection after the commit) and sends again gets the same
// comunicazione back instead of a second message to the sede.
import { createHash } from 'node:crypto';
import { ProblemError } from '../problem';
import { addComunicazione, visibleAppuntamento } from './appuntamenti';
import type { BookingResult } from './booking';
import type { Principal, Store } from './store';

/** Its own key space: the bookings' entries (scope 'int:…') stay one per appointment booked. */
function scopeOf(p: Principal): string {
  return p.kind === 'operatore' ? `comunicazione:int:${p.intermediarioId}` : `comunicazione:cf:${p.datoreCf}`;
}

export function comunica(store: Store, p: Principal, appuntamentoId: string, key: string, testo: string): BookingResult {
  const scope = scopeOf(p);
  const hash = createHash('sha256')
    .update(JSON.stringify([appuntamentoId, testo]))
    .digest('hex');
  return store.db
    .transaction((): BookingResult => {
      const previous = store.db.prepare('SELECT body_hash, status, response FROM idempotenza WHERE scope = ? AND chiave = ?').get(scope, key) as
        { body_hash: string; status: number; response: string } | undefined;
      if (previous !== undefined) {
        if (previous.body_hash !== hash) {
          throw new ProblemError(422, 'IDEMPOTENCY_KEY_REUSED', 'La chiave di idempotenza è già stata usata per una richiesta diversa.');
        }
        return { status: previous.status, body: previous.response, replayed: true };
      }
      const a = visibleAppuntamento(store, p, appuntamentoId);
      const body = JSON.stringify(addComunicazione(store, a, p.kind === 'operatore' ? 'intermediario' : 'cittadino', testo));
      store.db.prepare('INSERT INTO idempotenza (scope, chiave, body_hash, status, response) VALUES (?, ?, ?, ?, ?)').run(scope, key, hash, 201, body);
      return { status: 201, body, replayed: false };
    })
    .immediate();
}
