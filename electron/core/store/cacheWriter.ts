import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Appuntamento, Argomento, Comunicazione, Datore, Delega, Quesito, Rapporto, Sede } from '../../common/model';
import { esitoDaSql } from '../../../db/migrations/0013_statistiche_esito_appuntamento';
import { canTransition } from '../../common/domain/appuntamentoStato';
import { normalizeSearchText } from './search';

/**
 * Upserts of remote records into the local cache, by remote id, with prepared statements.
 * The caller owns the transaction (one per sync page or demo load). Never touches local-only
 * tables (bozze, outbox): a change from the service cannot erase a draft.
 *
 * Hand-written SQL on purpose, the one exception to the typed store: this is the first full
 * sync's hot path. Building the same upsert with Kysely costs about 60 µs per row to compile
 * (measured on these machines), more than the whole 40 µs per change the 25,000 changes/s
 * target allows; `npm run bench` compares this writer with plain prepared inserts of the same pages.
 */
export class CacheWriter {
  readonly #datore: BetterSqlite3.Statement;
  readonly #delega: BetterSqlite3.Statement;
  readonly #rapporto: BetterSqlite3.Statement;
  readonly #argomento: BetterSqlite3.Statement;
  readonly #quesito: BetterSqlite3.Statement;
  readonly #sede: BetterSqlite3.Statement;
  readonly #appuntamento: BetterSqlite3.Statement;
  readonly #clearAppQuesiti: BetterSqlite3.Statement;
  readonly #appQuesito: BetterSqlite3.Statement;
  readonly #quesitoLinks: BetterSqlite3.Statement;
  readonly #lastStato: BetterSqlite3.Statement;
  readonly #stato: BetterSqlite3.Statement;
  readonly #comunicazione: BetterSqlite3.Statement;
  readonly #aggiornatoIl: BetterSqlite3.Statement;
  readonly #clearAppAllegati: BetterSqlite3.Statement;
  readonly #appAllegato: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#clearAppAllegati = sqlite.prepare('DELETE FROM appuntamento_allegati WHERE appuntamento_id = ?');
    this.#appAllegato = sqlite.prepare(
      'INSERT INTO appuntamento_allegati (appuntamento_id, posizione, sha256, nome_file, mime, dimensione) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#datore = sqlite.prepare(`INSERT INTO datori (codice_fiscale, cognome, nome, comune, provincia, telefono, email, nominativo_ricerca)
      VALUES (@codiceFiscale, @cognome, @nome, @comune, @provincia, @telefono, @email, @ricerca)
      ON CONFLICT (codice_fiscale) DO UPDATE SET cognome = excluded.cognome, nome = excluded.nome, comune = excluded.comune,
        provincia = excluded.provincia, telefono = excluded.telefono, email = excluded.email, nominativo_ricerca = excluded.nominativo_ricerca`);
    this.#delega = sqlite.prepare(`INSERT INTO deleghe (id, datore_cf, stato, data_sottoscrizione, data_attivazione, data_scadenza, data_fine, motivo_fine)
      VALUES (@id, @datoreCf, @stato, @dataSottoscrizione, @dataAttivazione, @dataScadenza, @dataFine, @motivoFine)
      ON CONFLICT (id) DO UPDATE SET datore_cf = excluded.datore_cf, stato = excluded.stato, data_sottoscrizione = excluded.data_sottoscrizione,
        data_attivazione = excluded.data_attivazione, data_scadenza = excluded.data_scadenza, data_fine = excluded.data_fine, motivo_fine = excluded.motivo_fine`);
    this.#rapporto = sqlite.prepare(`INSERT INTO rapporti (codice, datore_cf, lavoratore_cf, lavoratore_nominativo, tipologia, data_inizio, data_fine)
      VALUES (@codice, @datoreCf, @lavoratoreCf, @lavoratoreNominativo, @tipologia, @dataInizio, @dataFine)
      ON CONFLICT (codice) DO UPDATE SET datore_cf = excluded.datore_cf, lavoratore_cf = excluded.lavoratore_cf,
        lavoratore_nominativo = excluded.lavoratore_nominativo, tipologia = excluded.tipologia, data_inizio = excluded.data_inizio, data_fine = excluded.data_fine`);
    this.#argomento = sqlite.prepare(`INSERT INTO argomenti (codice, descrizione, termine_giorni) VALUES (@codice, @descrizione, @termineGiorni)
      ON CONFLICT (codice) DO UPDATE SET descrizione = excluded.descrizione, termine_giorni = excluded.termine_giorni`);
    this.#quesito = sqlite.prepare(`INSERT INTO quesiti (id, protocollo, codice_rapporto, argomento, oggetto, data_invio, esito, data_esito, motivo_esito)
      VALUES (@id, @protocollo, @codiceRapporto, @argomento, @oggetto, @dataInvio, @esito, @dataEsito, @motivoEsito)
      ON CONFLICT (id) DO UPDATE SET protocollo = excluded.protocollo, codice_rapporto = excluded.codice_rapporto, argomento = excluded.argomento,
        oggetto = excluded.oggetto, data_invio = excluded.data_invio, esito = excluded.esito, data_esito = excluded.data_esito, motivo_esito = excluded.motivo_esito`);
    this.#sede = sqlite.prepare(`INSERT INTO sedi (id, nome, indirizzo, comune, provincia, modalita, slot_minuti, orari, chiusure)
      VALUES (@id, @nome, @indirizzo, @comune, @provincia, @modalita, @slotMinuti, @orari, @chiusure)
      ON CONFLICT (id) DO UPDATE SET nome = excluded.nome, indirizzo = excluded.indirizzo, comune = excluded.comune, provincia = excluded.provincia,
        modalita = excluded.modalita, slot_minuti = excluded.slot_minuti, orari = excluded.orari, chiusure = excluded.chiusure`);
    // chiuso_il: the first instant the cache saw it closed (as the history's first chiuso_definito row), kept after.
    // esito: the outcome (migration 0013) from the same inputs, the closing instant as the row ends up with it.
    const chiusoIl = "CASE WHEN @stato = 'chiuso_definito' THEN @aggiornatoIl END";
    const esitoNuovo = esitoDaSql({ stato: '@stato', data: '@data', cancellatoDa: '@cancellatoDa', chiusoIl, aggiornatoIl: '@aggiornatoIl' });
    const esitoAggiornato = esitoDaSql({
      stato: 'excluded.stato',
      data: 'excluded.data',
      cancellatoDa: 'excluded.cancellato_da',
      chiusoIl: 'coalesce(appuntamenti.chiuso_il, excluded.chiuso_il)',
      aggiornatoIl: 'excluded.aggiornato_il',
    });
    this.#appuntamento = sqlite.prepare(`INSERT INTO appuntamenti (id, codice_rapporto, datore_cf, sede_id, data, ora, modalita, stato, cancellato_da,
        motivo_stato, nota, gestito_da_intermediario, operatore_id, creato_il, aggiornato_il, chiuso_il, esito)
      VALUES (@id, @codiceRapporto, @datoreCf, @sedeId, @data, @ora, @modalita, @stato, @cancellatoDa,
        @motivoStato, @nota, @gestito, @operatoreId, @creatoIl, @aggiornatoIl, ${chiusoIl}, ${esitoNuovo})
      ON CONFLICT (id) DO UPDATE SET codice_rapporto = excluded.codice_rapporto, datore_cf = excluded.datore_cf, sede_id = excluded.sede_id,
        data = excluded.data, ora = excluded.ora, modalita = excluded.modalita, stato = excluded.stato, cancellato_da = excluded.cancellato_da,
        motivo_stato = excluded.motivo_stato, nota = excluded.nota, gestito_da_intermediario = excluded.gestito_da_intermediario,
        operatore_id = excluded.operatore_id, creato_il = excluded.creato_il, aggiornato_il = excluded.aggiornato_il,
        chiuso_il = coalesce(appuntamenti.chiuso_il, excluded.chiuso_il), esito = ${esitoAggiornato}`);
    this.#clearAppQuesiti = sqlite.prepare('DELETE FROM appuntamento_quesiti WHERE appuntamento_id = ?');
    // A link carries what the statistics group by (migration 0011): from the appointment just written
    // (its outcome as the upsert wrote it, 0013) and its quesito. The LEFT JOIN keeps the link when the
    // quesito comes later in the page (#quesitoLinks fills it in then; a quesito that never comes still
    // fails the foreign key at commit).
    this.#appQuesito = sqlite.prepare(`INSERT INTO appuntamento_quesiti (appuntamento_id, quesito_id, argomento, data_invio, esito, sede_id, operatore_id)
      SELECT a.id, @q, q.argomento, q.data_invio, a.esito, a.sede_id, a.operatore_id
      FROM appuntamenti a LEFT JOIN quesiti q ON q.id = @q WHERE a.id = @a`);
    this.#quesitoLinks = sqlite.prepare(`UPDATE appuntamento_quesiti SET argomento = @argomento, data_invio = @dataInvio
      WHERE quesito_id = @id AND (argomento IS NOT @argomento OR data_invio IS NOT @dataInvio)`);
    this.#lastStato = sqlite.prepare('SELECT stato FROM appuntamento_stati WHERE appuntamento_id = ? ORDER BY il DESC LIMIT 1').pluck();
    this.#stato = sqlite.prepare(`INSERT OR IGNORE INTO appuntamento_stati (appuntamento_id, stato, il, origine, motivo) VALUES (?, ?, ?, ?, ?)`);
    this.#aggiornatoIl = sqlite.prepare('SELECT aggiornato_il, stato FROM appuntamenti WHERE id = ?');
    this.#comunicazione = sqlite.prepare(`INSERT INTO comunicazioni (id, appuntamento_id, autore, testo, inviata_il)
      VALUES (@id, @appuntamentoId, @autore, @testo, @inviataIl)
      ON CONFLICT (id) DO UPDATE SET appuntamento_id = excluded.appuntamento_id, autore = excluded.autore, testo = excluded.testo, inviata_il = excluded.inviata_il`);
  }

  datore(d: Datore): void {
    this.#datore.run({ ...d, ricerca: normalizeSearchText(`${d.cognome} ${d.nome}`) });
  }

  delega(d: Delega): void {
    const { intermediarioId: _ignored, ...row } = d;
    this.#delega.run(row);
  }

  rapporto(r: Rapporto): void {
    this.#rapporto.run(r);
  }

  argomento(a: Argomento): void {
    this.#argomento.run(a);
  }

  quesito(q: Quesito): void {
    this.#quesito.run(q);
    // Its appointments' links carry its topic and sending day (migration 0011): only a change writes.
    this.#quesitoLinks.run(q);
  }

  sede(s: Sede): void {
    this.#sede.run({ ...s, modalita: JSON.stringify(s.modalita), orari: JSON.stringify(s.orari), chiusure: JSON.stringify(s.chiusure) });
  }

  appuntamento(a: Appuntamento): void {
    const { quesitiIds, gestitoDaIntermediario, ...row } = a;
    this.#appuntamento.run({ ...row, gestito: gestitoDaIntermediario ? 1 : 0 });
    this.#clearAppQuesiti.run(a.id);
    for (const q of quesitiIds) this.#appQuesito.run({ a: a.id, q });
    // History: a row whenever the state we hold changes (the first one at creation).
    if (this.#lastStato.get(a.id) !== a.stato) {
      const il = a.stato === 'confermato' ? a.creatoIl : a.aggiornatoIl;
      const origine = a.stato === 'cancellato' ? a.cancellatoDa : a.stato === 'chiuso_definito' ? 'sede' : null;
      this.#stato.run(a.id, a.stato, il, origine, a.motivoStato);
    }
  }

  /**
   * For answers to our own requests (create, cancel): a replayed answer can be older than what
   * the feed already brought, so it never overwrites a newer state.
   */
  appuntamentoSeNuovo(a: Appuntamento): void {
    const cached = this.#aggiornatoIl.get(a.id) as { aggiornato_il: string; stato: Appuntamento['stato'] } | undefined;
    // Same timestamp (a coarse clock): only a forward move of the state machine is news.
    if (!cached || cached.aggiornato_il < a.aggiornatoIl || (cached.aggiornato_il === a.aggiornatoIl && canTransition(cached.stato, a.stato))) {
      this.appuntamento(a);
    }
  }

  /**
   * An appointment's attachments as the service lists them (its answer to our booking carries
   * them; the changes feed does not): replaced as a whole, positions in the service's order.
   */
  allegatiAppuntamento(appuntamentoId: string, allegati: readonly { sha256: string; nomeFile: string; mime: string; dimensione: number }[]): void {
    this.#clearAppAllegati.run(appuntamentoId);
    allegati.forEach((a, i) => this.#appAllegato.run(appuntamentoId, i, a.sha256, a.nomeFile, a.mime, a.dimensione));
  }

  comunicazione(c: Comunicazione): void {
    this.#comunicazione.run(c);
  }
}
