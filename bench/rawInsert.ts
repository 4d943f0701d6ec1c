// The sync baseline: the same records written with plain better-sqlite3 prepared statements,
// one transaction per page, no validation and no news — what any hand-written importer does.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { esitoDaSql } from '../db/migrations/0013_statistiche_esito_appuntamento';
import type { Change } from '../electron/common/remote/changes';
import { normalizeSearchText } from '../electron/core/store/search';

const COLUMNS: Record<string, { table: string; key: string; columns: string[] }> = {
  argomento: { table: 'argomenti', key: 'codice', columns: ['codice', 'descrizione', 'termine_giorni'] },
  sede: { table: 'sedi', key: 'id', columns: ['id', 'nome', 'indirizzo', 'comune', 'provincia', 'modalita', 'slot_minuti', 'orari', 'chiusure'] },
  datore: {
    table: 'datori',
    key: 'codice_fiscale',
    columns: ['codice_fiscale', 'cognome', 'nome', 'comune', 'provincia', 'telefono', 'email', 'nominativo_ricerca'],
  },
  delega: {
    table: 'deleghe',
    key: 'id',
    columns: ['id', 'datore_cf', 'stato', 'data_sottoscrizione', 'data_attivazione', 'data_scadenza', 'data_fine', 'motivo_fine'],
  },
  rapporto: {
    table: 'rapporti',
    key: 'codice',
    columns: ['codice', 'datore_cf', 'lavoratore_cf', 'lavoratore_nominativo', 'tipologia', 'data_inizio', 'data_fine'],
  },
  quesito: {
    table: 'quesiti',
    key: 'id',
    columns: ['id', 'protocollo', 'codice_rapporto', 'argomento', 'oggetto', 'data_invio', 'esito', 'data_esito', 'motivo_esito'],
  },
  appuntamento: {
    table: 'appuntamenti',
    key: 'id',
    columns: [
      'id',
      'codice_rapporto',
      'datore_cf',
      'sede_id',
      'data',
      'ora',
      'modalita',
      'stato',
      'cancellato_da',
      'motivo_stato',
      'nota',
      'gestito_da_intermediario',
      'operatore_id',
      'creato_il',
      'aggiornato_il',
    ],
  },
  comunicazione: { table: 'comunicazioni', key: 'id', columns: ['id', 'appuntamento_id', 'autore', 'testo', 'inviata_il'] },
};

const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export class RawInserter {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #upsert = new Map<string, { statement: BetterSqlite3.Statement; fields: string[] }>();
  readonly #clearLinks: BetterSqlite3.Statement;
  readonly #link: BetterSqlite3.Statement;
  readonly #quesitoLinks: BetterSqlite3.Statement;
  readonly #chiusoIl: BetterSqlite3.Statement;
  readonly #history: BetterSqlite3.Statement;
  readonly #cursor: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
    for (const [entity, { table, key, columns }] of Object.entries(COLUMNS)) {
      const updates = columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`);
      const statement =
        entity === 'appuntamento'
          ? // The app's rows carry the outcome (migration 0013): written in the same upsert, from the
            // values bound (the closing instant is set below, from the same last update).
            sqlite.prepare(
              `INSERT INTO ${table} (${columns.join(', ')}, esito)
               SELECT ${columns.map((c) => `v.${c}`).join(', ')}, ${esitoDaSql({ stato: 'v.stato', data: 'v.data', cancellatoDa: 'v.cancellato_da', chiusoIl: 'NULL', aggiornatoIl: 'v.aggiornato_il' })}
               FROM (SELECT ${columns.map((c) => `? AS ${c}`).join(', ')}) AS v WHERE true
               ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')},
                 esito = ${esitoDaSql({ stato: 'excluded.stato', data: 'excluded.data', cancellatoDa: 'excluded.cancellato_da', chiusoIl: 'appuntamenti.chiuso_il', aggiornatoIl: 'excluded.aggiornato_il' })}`,
            )
          : sqlite.prepare(
              `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}`,
            );
      this.#upsert.set(entity, { statement, fields: columns.map(camel) });
    }
    this.#clearLinks = sqlite.prepare('DELETE FROM appuntamento_quesiti WHERE appuntamento_id = ?');
    // The same rows as the app's database holds (migration 0011): a link carries its quesito's topic
    // and sending day and its appointment's outcome, sede and operator (the quesito may come later in
    // the page: it fills them in then); a closed appointment its first closing instant. Without them
    // the baseline wrote less than the app (NULLs into the links' statistics index).
    this.#link = sqlite.prepare(`INSERT INTO appuntamento_quesiti (appuntamento_id, quesito_id, argomento, data_invio, esito, sede_id, operatore_id)
      SELECT a.id, @q, q.argomento, q.data_invio, a.esito, a.sede_id, a.operatore_id FROM appuntamenti a LEFT JOIN quesiti q ON q.id = @q WHERE a.id = @a`);
    this.#quesitoLinks = sqlite.prepare(
      'UPDATE appuntamento_quesiti SET argomento = @argomento, data_invio = @data WHERE quesito_id = @id AND (argomento IS NOT @argomento OR data_invio IS NOT @data)',
    );
    this.#chiusoIl = sqlite.prepare("UPDATE appuntamenti SET chiuso_il = coalesce(chiuso_il, aggiornato_il) WHERE id = ? AND stato = 'chiuso_definito'");
    this.#history = sqlite.prepare('INSERT OR IGNORE INTO appuntamento_stati (appuntamento_id, stato, il, origine, motivo) VALUES (?, ?, ?, ?, ?)');
    this.#cursor = sqlite.prepare(
      "INSERT INTO sync_state (stream, cursore, aggiornato_il) VALUES ('changes', ?, ?) ON CONFLICT (stream) DO UPDATE SET cursore = excluded.cursore",
    );
  }

  /** One page in one transaction, with its cursor. */
  insertPage(changes: readonly Change[], cursor: string): void {
    const now = new Date().toISOString();
    this.#sqlite
      .transaction(() => {
        this.#sqlite.pragma('defer_foreign_keys = ON');
        for (const change of changes) this.#one(change);
        this.#cursor.run(cursor, now);
      })
      .immediate();
  }

  #one(change: Change): void {
    const upsert = this.#upsert.get(change.entity)!;
    const record = change.data as unknown as Record<string, unknown>;
    const values = upsert.fields.map((field) => {
      switch (field) {
        case 'nominativoRicerca':
          return normalizeSearchText(`${String(record.cognome)} ${String(record.nome)}`);
        case 'gestitoDaIntermediario':
          return record.gestitoDaIntermediario ? 1 : 0;
        case 'modalita':
        case 'orari':
        case 'chiusure':
          return change.entity === 'sede' ? JSON.stringify(record[field]) : record[field];
        default:
          return record[field] ?? null;
      }
    });
    upsert.statement.run(values);
    if (change.entity === 'quesito') this.#quesitoLinks.run({ id: change.data.id, argomento: change.data.argomento, data: change.data.dataInvio });
    if (change.entity === 'appuntamento') {
      const a = change.data;
      if (a.stato === 'chiuso_definito') this.#chiusoIl.run(a.id);
      this.#clearLinks.run(a.id);
      for (const q of a.quesitiIds) this.#link.run({ a: a.id, q });
      const origine = a.stato === 'cancellato' ? a.cancellatoDa : a.stato === 'chiuso_definito' ? 'sede' : null;
      this.#history.run(a.id, a.stato, a.stato === 'confermato' ? a.creatoIl : a.aggiornatoIl, origine, a.motivoStato);
    }
  }
}
