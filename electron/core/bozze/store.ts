import type BetterSqlite3 from 'better-sqlite3';
import type { Bozza } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import type { BozzeTable } from '../../../db/schema';

type BozzaRow = BozzeTable;

export function toBozza(row: BozzaRow, allegati: Bozza['allegati'] = []): Bozza {
  return {
    id: row.id,
    datoreCf: row.datore_cf,
    codiceRapporto: row.codice_rapporto,
    stato: row.stato,
    quesitiIds: JSON.parse(row.quesiti) as string[],
    sedeId: row.sede_id,
    data: row.data_preferita,
    ora: row.ora_preferita,
    modalita: row.modalita,
    nota: row.nota,
    allegati,
    errore: row.errore_codice ? { codice: row.errore_codice, messaggio: row.errore_messaggio ?? '' } : null,
    appuntamentoId: row.appuntamento_id,
    creataIl: row.creata_il,
    aggiornataIl: row.aggiornata_il,
  };
}

export function readBozza(sqlite: BetterSqlite3.Database, id: string): Bozza {
  const row = sqlite.prepare('SELECT * FROM bozze WHERE id = ?').get(id) as BozzaRow | undefined;
  if (!row) throw new AppError('NON_TROVATO', 'Bozza non trovata: potrebbe essere stata eliminata da un’altra finestra.');
  return toBozza(row, readAllegati(sqlite, id));
}

export function readAllegati(sqlite: BetterSqlite3.Database, bozzaId: string): Bozza['allegati'] {
  return sqlite
    .prepare(
      `SELECT b.posizione, b.sha256, b.nome_file AS nomeFile, a.mime, a.dimensione
       FROM bozza_allegati b JOIN allegati a ON a.sha256 = b.sha256 WHERE b.bozza_id = ? ORDER BY b.posizione`,
    )
    .all(bozzaId) as Bozza['allegati'];
}

export function writeBozza(sqlite: BetterSqlite3.Database, b: Bozza): void {
  sqlite
    .prepare(
      `INSERT INTO bozze (id, datore_cf, codice_rapporto, stato, sede_id, data_preferita, ora_preferita, modalita, nota, quesiti,
         errore_codice, errore_messaggio, appuntamento_id, operatore_id, creata_il, aggiornata_il)
       VALUES (@id, @datoreCf, @codiceRapporto, @stato, @sedeId, @data, @ora, @modalita, @nota, @quesiti,
         @erroreCodice, @erroreMessaggio, @appuntamentoId, NULL, @creataIl, @aggiornataIl)
       ON CONFLICT (id) DO UPDATE SET stato = excluded.stato, sede_id = excluded.sede_id, data_preferita = excluded.data_preferita,
         ora_preferita = excluded.ora_preferita, modalita = excluded.modalita, nota = excluded.nota, quesiti = excluded.quesiti,
         errore_codice = excluded.errore_codice, errore_messaggio = excluded.errore_messaggio,
         appuntamento_id = excluded.appuntamento_id, aggiornata_il = excluded.aggiornata_il`,
    )
    .run({
      ...b,
      quesiti: JSON.stringify(b.quesitiIds),
      erroreCodice: b.errore?.codice ?? null,
      erroreMessaggio: b.errore?.messaggio ?? null,
    });
}
