// Booking: every rule checked and the appointment written in one IMMEDIATE transaction, so two
// concurrent requests for one slot cannot both pass the check (the partial unique index is the backstop).
import { createHash } from 'node:crypto';
import { sanitizeFileName } from '../../electron/common/domain/allegati';
import { describeIdoneita, valutaIdoneita } from '../../electron/common/domain/idoneita';
import type { Appuntamento } from '../../electron/common/model';
import type { PrenotazioneRichiesta } from '../../electron/common/remote/changes';
import { ProblemError, nonTrovato } from '../problem';
import { SANDBOX_CAPS, allegatoInfo } from './allegati';
import { dettaglio } from './appuntamenti';
import { isSlotFree } from './slot';
import type { Principal, Store } from './store';

/** The booking request of the contract (shared with the app's gateway). */
export type PrenotazioneInput = PrenotazioneRichiesta;

export interface BookingResult {
  status: number;
  /** The response body, stored so a retry gets it byte for byte. */
  body: string;
  replayed: boolean;
}

function scopeOf(p: Principal): string {
  return p.kind === 'operatore' ? `int:${p.intermediarioId}` : `cf:${p.datoreCf}`;
}

function bodyHash(input: PrenotazioneInput): string {
  const canonical = [
    input.codiceRapporto,
    input.quesitiIds,
    input.sedeId,
    input.data,
    input.ora,
    input.modalita,
    input.nota ?? null,
    input.allegati.map((a) => [a.sha256, a.nomeFile]),
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function checkRules(store: Store, p: Principal, input: PrenotazioneInput): void {
  const rapporto = store.rapporto(input.codiceRapporto);
  // Unknown rapporto and someone else's employer get the very same answer.
  if (rapporto === null || !store.canActFor(p, rapporto.datoreCf)) {
    if (p.kind === 'cittadino') throw nonTrovato('Rapporto');
    throw new ProblemError(403, 'DELEGA_NON_ATTIVA', 'Nessuna delega attiva a questo intermediario per il datore di lavoro del rapporto indicato.');
  }
  const sede = store.sede(input.sedeId);
  if (sede === null) throw nonTrovato('Sede');
  if (!sede.modalita.includes(input.modalita)) {
    throw new ProblemError(422, 'MODALITA_NON_DISPONIBILE', `La sede ${sede.nome} non offre la modalità «${input.modalita}».`);
  }
  const oggi = store.clock.today();
  for (const id of input.quesitiIds) {
    const q = store.quesito(id);
    if (q === null || q.codiceRapporto !== input.codiceRapporto) {
      throw new ProblemError(422, 'QUESITO_ALTRO_RAPPORTO', `Il quesito ${id} non appartiene al rapporto ${input.codiceRapporto}.`);
    }
    const termine = store.argomento(q.argomento)?.termineGiorni ?? 0;
    const idoneita = valutaIdoneita(q, termine, oggi);
    if (!idoneita.idoneo) {
      throw new ProblemError(422, 'QUESITO_NON_IDONEO', `Il quesito ${q.protocollo} non è idoneo: ${describeIdoneita(idoneita)}.`);
    }
    const booked = store.db
      .prepare(
        `SELECT a.id FROM appuntamento_quesiti l CROSS JOIN appuntamenti a ON a.id = l.appuntamento_id
         WHERE l.quesito_id = ? AND a.stato = 'confermato' LIMIT 1`,
      )
      .get(id) as { id: string } | undefined;
    if (booked !== undefined) {
      throw new ProblemError(409, 'QUESITO_GIA_PRENOTATO', `Il quesito ${q.protocollo} è già in un appuntamento confermato.`);
    }
  }
  if (input.allegati.length > SANDBOX_CAPS.maxCount) {
    throw new ProblemError(422, 'TROPPI_ALLEGATI', `Al massimo ${SANDBOX_CAPS.maxCount} allegati per appuntamento.`);
  }
  let total = 0;
  for (const a of input.allegati) {
    const info = allegatoInfo(store, a.sha256);
    if (info === null) {
      throw new ProblemError(422, 'ALLEGATO_MANCANTE', `L'allegato «${sanitizeFileName(a.nomeFile)}» non è stato caricato: caricalo prima di prenotare.`);
    }
    total += info.dimensione;
  }
  if (total > SANDBOX_CAPS.maxTotalBytes) {
    throw new ProblemError(422, 'ALLEGATI_TROPPO_GRANDI', 'Gli allegati superano la dimensione totale ammessa.');
  }
  if (!isSlotFree(store, sede, input.data, input.ora)) {
    throw new ProblemError(409, 'SLOT_NON_DISPONIBILE', 'La data e ora scelte non sono disponibili presso la sede: scegli un altro orario.');
  }
}

export function prenota(store: Store, p: Principal, key: string, input: PrenotazioneInput): BookingResult {
  const scope = scopeOf(p);
  const hash = bodyHash(input);
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
      checkRules(store, p, input);
      const now = store.nowIso();
      const rapporto = store.rapporto(input.codiceRapporto);
      const a: Appuntamento = {
        id: store.nextId('app'),
        codiceRapporto: input.codiceRapporto,
        datoreCf: rapporto?.datoreCf ?? '',
        sedeId: input.sedeId,
        data: input.data,
        ora: input.ora,
        modalita: input.modalita,
        stato: 'confermato',
        cancellatoDa: null,
        motivoStato: null,
        nota: input.nota ?? null,
        gestitoDaIntermediario: p.kind === 'operatore',
        operatoreId: p.kind === 'operatore' ? p.operatoreId : null,
        quesitiIds: input.quesitiIds,
        creatoIl: now,
        aggiornatoIl: now,
      };
      try {
        store.saveAppuntamento(
          a,
          input.allegati.map((f) => ({ ...allegatoInfo(store, f.sha256)!, nomeFile: sanitizeFileName(f.nomeFile) })),
        );
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new ProblemError(409, 'SLOT_NON_DISPONIBILE', 'La data e ora scelte non sono più disponibili.');
        }
        throw e;
      }
      const link = store.db.prepare('INSERT INTO appuntamento_quesiti (appuntamento_id, quesito_id) VALUES (?, ?)');
      for (const q of input.quesitiIds) link.run(a.id, q);
      const allegato = store.db.prepare('INSERT INTO appuntamento_allegati (appuntamento_id, posizione, sha256, nome_file) VALUES (?, ?, ?, ?)');
      input.allegati.forEach((f, i) => allegato.run(a.id, i, f.sha256, sanitizeFileName(f.nomeFile)));
      const body = JSON.stringify(dettaglio(store, a));
      store.db.prepare('INSERT INTO idempotenza (scope, chiave, body_hash, status, response) VALUES (?, ?, ?, ?, ?)').run(scope, key, hash, 201, body);
      return { status: 201, body, replayed: false };
    })
    .immediate();
}
