import type { Generated } from 'kysely';
import type { OutboxTipo } from '../electron/common/outbox/intent';
import type {
  AppuntamentoStato,
  ArgomentoCodice,
  AutoreComunicazione,
  BozzaStato,
  CancellatoDa,
  DelegaStato,
  Esito,
  Modalita,
  TipologiaRapporto,
} from '../electron/common/model';

// Kysely's view of the local database: one interface per table, columns as stored.
// Booleans are INTEGER 0/1; JSON columns are TEXT.

export interface DatoriTable {
  codice_fiscale: string;
  cognome: string;
  nome: string;
  comune: string;
  provincia: string;
  telefono: string | null;
  email: string | null;
  nominativo_ricerca: string;
}

/** A stable integer key per datore, for the name index (0015). */
export interface DatoriTestoTable {
  id: Generated<number>;
  codice_fiscale: string;
}

/** FTS5 trigram index of `datori.nominativo_ricerca`, keyed by `datori_testo.id` (contentless: read its rowid only). */
export interface DatoriFtsTable {
  nominativo: string;
}

export interface DelegheTable {
  id: string;
  datore_cf: string;
  stato: DelegaStato;
  data_sottoscrizione: string;
  data_attivazione: string | null;
  data_scadenza: string | null;
  data_fine: string | null;
  motivo_fine: string | null;
}

export interface RapportiTable {
  codice: string;
  datore_cf: string;
  lavoratore_cf: string;
  lavoratore_nominativo: string;
  tipologia: TipologiaRapporto;
  data_inizio: string;
  data_fine: string | null;
}

export interface ArgomentiTable {
  codice: ArgomentoCodice;
  descrizione: string;
  termine_giorni: number;
}

export interface QuesitiTable {
  id: string;
  protocollo: string;
  codice_rapporto: string;
  argomento: ArgomentoCodice;
  oggetto: string;
  data_invio: string;
  esito: Esito;
  data_esito: string | null;
  motivo_esito: string | null;
}

export interface SediTable {
  id: string;
  nome: string;
  indirizzo: string;
  comune: string;
  provincia: string;
  modalita: string;
  slot_minuti: number;
  orari: string;
  chiusure: string;
}

export interface AppuntamentiTable {
  id: string;
  codice_rapporto: string;
  datore_cf: string;
  sede_id: string;
  data: string;
  ora: string;
  modalita: Modalita;
  stato: AppuntamentoStato;
  cancellato_da: CancellatoDa | null;
  motivo_stato: string | null;
  nota: string | null;
  gestito_da_intermediario: 0 | 1;
  operatore_id: string | null;
  creato_il: string;
  aggiornato_il: string;
  /** The first instant the cache saw it closed (migration 0011, for the statistics). */
  chiuso_il: string | null;
}

/** A link carries what the statistics group by (migration 0011), kept by the cache writer. */
export interface AppuntamentoQuesitiTable {
  appuntamento_id: string;
  quesito_id: string;
  argomento: string | null;
  data_invio: string | null;
  esito: 'confermato' | 'svolto' | 'chiuso_senza_visita' | 'cancellato_ufficio' | 'disdetto_sede' | null;
  sede_id: string | null;
  operatore_id: string | null;
}

export interface AppuntamentoStatiTable {
  appuntamento_id: string;
  stato: AppuntamentoStato;
  il: string;
  origine: string | null;
  motivo: string | null;
}

export interface AllegatiTable {
  sha256: string;
  mime: string;
  dimensione: number;
  creato_il: string;
}

export interface AppuntamentoAllegatiTable {
  appuntamento_id: string;
  posizione: number;
  sha256: string;
  nome_file: string;
  mime: string;
  dimensione: number;
}

export interface ComunicazioniTable {
  id: string;
  appuntamento_id: string;
  autore: AutoreComunicazione;
  testo: string;
  inviata_il: string;
}

export interface BozzeTable {
  id: string;
  datore_cf: string;
  codice_rapporto: string;
  stato: BozzaStato;
  sede_id: string | null;
  data_preferita: string | null;
  ora_preferita: string | null;
  modalita: Modalita | null;
  nota: string | null;
  quesiti: string;
  errore_codice: string | null;
  errore_messaggio: string | null;
  appuntamento_id: string | null;
  operatore_id: string | null;
  creata_il: string;
  aggiornata_il: string;
  /** A preferred date window (0004): Proponi orari picks the earliest free slot inside it. */
  finestra_dal: string | null;
  finestra_al: string | null;
}

export interface BozzaAllegatiTable {
  bozza_id: string;
  posizione: number;
  sha256: string;
  nome_file: string;
}

export interface OutboxTable {
  id: Generated<number>;
  tipo: OutboxTipo;
  entita_id: string;
  idempotency_key: string;
  payload: string;
  stato: 'in_attesa' | 'fatto' | 'fallito';
  tentativi: Generated<number>;
  prossimo_tentativo_il: string;
  ultimo_errore: string | null;
  creato_il: string;
}

export interface SyncStateTable {
  stream: string;
  cursore: string | null;
  aggiornato_il: string;
}

/** The one row of who the service last logged in on this database. */
export interface SessioneTable {
  id: number;
  username: string;
  operatore_id: string | null;
  aggiornata_il: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  il: string;
  operatore: string | null;
  azione: string;
  entita: string;
  entita_id: string | null;
  dettagli: string | null;
  cliente_cf: string | null;
  esito: Generated<'ok' | 'errore'>;
  /** SHA-256 of the previous row's hash and this row's content (db/registroCatena.ts). */
  hash: string | null;
}

export interface ConservazioneCorsaTable {
  id: number;
  avviata_il: string;
  soglia: string;
  /** JSON array of codici fiscali. */
  clienti: string;
  operatore: string | null;
}

export interface CambiamentiTable {
  id: Generated<number>;
  tipo: 'disdetto' | 'chiuso' | 'comunicazione' | 'rifiutato';
  appuntamento_id: string | null;
  bozza_id: string | null;
  comunicazione_id: string | null;
  descrizione: string | null;
  rilevato_il: string;
  visto_il: string | null;
}

/** The office's operators as the service names them (0007). */
export interface OperatoriTable {
  id: string;
  nominativo: string;
  username: string | null;
  aggiornato_il: string;
}

/** One fetch of a sede's free slots: how far the first free one was (0007). Both null when none was free. */
export interface SlotOsservazioniTable {
  id: Generated<number>;
  sede_id: string;
  osservata_il: string;
  dal: string;
  al: string;
  primo_libero: string | null;
  attesa_giorni: number | null;
}

export interface Database {
  datori: DatoriTable;
  datori_testo: DatoriTestoTable;
  datori_fts: DatoriFtsTable;
  deleghe: DelegheTable;
  rapporti: RapportiTable;
  argomenti: ArgomentiTable;
  quesiti: QuesitiTable;
  sedi: SediTable;
  appuntamenti: AppuntamentiTable;
  appuntamento_quesiti: AppuntamentoQuesitiTable;
  appuntamento_stati: AppuntamentoStatiTable;
  allegati: AllegatiTable;
  appuntamento_allegati: AppuntamentoAllegatiTable;
  comunicazioni: ComunicazioniTable;
  bozze: BozzeTable;
  bozza_allegati: BozzaAllegatiTable;
  outbox: OutboxTable;
  sync_state: SyncStateTable;
  sessione: SessioneTable;
  audit_log: AuditLogTable;
  conservazione_corsa: ConservazioneCorsaTable;
  cambiamenti: CambiamentiTable;
  operatori: OperatoriTable;
  slot_osservazioni: SlotOsservazioniTable;
}
