import type BetterSqlite3 from 'better-sqlite3';
import type { PrenotazioneRichiesta } from '../../common/remote/changes';

export type OutboxTipo = 'upload' | 'crea' | 'cancella';

/**
 * Queues an intent. The idempotency key names the intent, so queuing twice is a no-op —
 * except that a create the service refused (fallito) is queued again with the corrected body:
 * the service stored nothing for a refused request, so the same key is still unused there.
 */
export function enqueue(sqlite: BetterSqlite3.Database, tipo: OutboxTipo, entitaId: string, idempotencyKey: string, payload: unknown, now: string): void {
  sqlite
    .prepare(
      `INSERT INTO outbox (tipo, entita_id, idempotency_key, payload, stato, tentativi, prossimo_tentativo_il, creato_il)
       VALUES (?, ?, ?, ?, 'in_attesa', 0, ?, ?)
       ON CONFLICT (idempotency_key) DO UPDATE SET payload = excluded.payload, stato = 'in_attesa', tentativi = 0,
         prossimo_tentativo_il = excluded.prossimo_tentativo_il, ultimo_errore = NULL
       WHERE outbox.stato = 'fallito'`,
    )
    .run(tipo, entitaId, idempotencyKey, JSON.stringify(payload), now, now);
}

export function prenotazioneDaBozza(b: {
  codiceRapporto: string;
  quesitiIds: string[];
  sedeId: string;
  data: string;
  ora: string;
  modalita: PrenotazioneRichiesta['modalita'];
  nota: string | null;
  allegati: { sha256: string; nomeFile: string }[];
}): PrenotazioneRichiesta {
  return {
    codiceRapporto: b.codiceRapporto,
    quesitiIds: b.quesitiIds,
    sedeId: b.sedeId,
    data: b.data,
    ora: b.ora,
    modalita: b.modalita,
    nota: b.nota,
    allegati: b.allegati.map((a) => ({ sha256: a.sha256, nomeFile: a.nomeFile })),
  };
}

/** Per draft, so two drafts sharing a file each wait for their own upload (the service dedupes the bytes). */
export function uploadKey(bozzaId: string, sha256: string): string {
  return `upload:${bozzaId}:${sha256}`;
}

export function cancellaKey(appuntamentoId: string): string {
  return `cancella:${appuntamentoId}`;
}
