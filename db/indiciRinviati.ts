import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/**
 * Indexes only reads need (the searches' orders and filters, the statistics), which a first full
 * sync builds once at its end instead of entry by entry. Each appointment enters them at a random
 * place, so at large size (450,000 appointments) nearly every insert read an index page back from the
 * file and decrypted it: the raw inserts of the large feed took 501 s, 430 of them for the
 * appointments, each page of them slower than the one before (37 s per 100 pages at the start, 112
 * at the end); without these indexes, 183 s, of which 18 s to build them at the end (the bench's
 * raw baseline, `bench/syncProfile.ts --size large --raw`).
 *
 * Not here: the indexes a write looks rows up by (primary keys, the foreign keys' children, the
 * links by quesito the triggers read): those must exist while the sync writes. The statistics,
 * which name appuntamento_quesiti_conta (INDEXED BY), wait for the end of the load: figures of a
 * half-loaded cache would mislead anyway (handlers/statistiche.ts).
 */
export const INDICI_RINVIABILI: readonly string[] = [
  'appuntamenti_data',
  'appuntamenti_stato',
  'appuntamenti_sede',
  'appuntamenti_operatore',
  'appuntamenti_gestito',
  'appuntamenti_aggiornato',
  'appuntamenti_giorno',
  'appuntamenti_anticipo',
  'appuntamento_quesiti_conta',
  'quesiti_tempo',
  'quesiti_esito',
  'comunicazioni_inviata',
];

/** Whether the database has the table (from migration 0016 on). */
function haTabella(sqlite: BetterSqlite3.Database): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'indici_rinviati'").get() !== undefined;
}

/** Whether some index waits to be built: a first full sync is loading the cache (or was, before a crash). */
export function indiciInAttesa(sqlite: BetterSqlite3.Database): boolean {
  return haTabella(sqlite) && sqlite.prepare('SELECT 1 FROM indici_rinviati LIMIT 1').get() !== undefined;
}

/**
 * Drops the indexes of INDICI_RINVIABILI that exist, keeping their definitions in `indici_rinviati`
 * (one transaction: a definition is never lost with its index). Returns how many it dropped.
 */
export function rinviaIndici(sqlite: BetterSqlite3.Database): number {
  if (!haTabella(sqlite)) return 0;
  const definizione = sqlite.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?").pluck();
  const conserva = sqlite.prepare('INSERT INTO indici_rinviati (nome, sql) VALUES (?, ?)');
  return sqlite.transaction(() => {
    let n = 0;
    for (const nome of INDICI_RINVIABILI) {
      const sql = definizione.get(nome) as string | null | undefined;
      if (typeof sql !== 'string') continue;
      conserva.run(nome, sql);
      sqlite.exec(`DROP INDEX "${nome}"`);
      n += 1;
    }
    return n;
  })();
}

/** Builds every index waiting in `indici_rinviati`, in one transaction with their removal from it. Returns how many it built. */
export function ricreaIndici(sqlite: BetterSqlite3.Database): number {
  if (!haTabella(sqlite)) return 0;
  const rinviati = sqlite.prepare('SELECT nome, sql FROM indici_rinviati ORDER BY nome').all() as { nome: string; sql: string }[];
  if (rinviati.length === 0) return 0;
  const esiste = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?");
  const togli = sqlite.prepare('DELETE FROM indici_rinviati WHERE nome = ?');
  sqlite.transaction(() => {
    for (const { nome, sql } of rinviati) {
      if (esiste.get(nome) === undefined) sqlite.exec(sql);
      togli.run(nome);
    }
  })();
  return rinviati.length;
}
