import type { Idoneita } from '../domain/idoneita';
import type { Ufficio } from '../domain/ufficio';
import type { OutboxTipo } from '../outbox/intent';
import type {
  AppuntamentoStato,
  ArgomentoCodice,
  BozzaStato,
  CancellatoDa,
  Datore,
  Delega,
  DelegaStato,
  Esito,
  IsoDate,
  LocalTime,
  Modalita,
  Sede,
  TipologiaRapporto,
} from '../model';

export interface AppInfo {
  nome: string;
  versione: string;
  schemaVersione: number;
  /** Where the local database lives; null for an in-memory database. */
  percorsoDati: string | null;
  /** True in the Electron shell: native file dialog and system viewer are available. */
  desktop: boolean;
}

export interface ClienteRiga {
  codiceFiscale: string;
  cognome: string;
  nome: string;
  comune: string;
  provincia: string;
  delegaStato: DelegaStato | null;
  delegaScadenza: IsoDate | null;
  rapporti: number;
  appuntamentiConfermati: number;
}

export interface Pagina<T> {
  righe: T[];
  totale: number;
}

export interface DemoConteggi {
  datori: number;
  deleghe: number;
  rapporti: number;
  quesiti: number;
  sedi: number;
  appuntamenti: number;
  comunicazioni: number;
}

export type DelegaCorrente = Pick<Delega, 'stato' | 'dataSottoscrizione' | 'dataAttivazione' | 'dataScadenza' | 'dataFine' | 'motivoFine'>;

export interface RapportoRiga {
  codice: string;
  lavoratoreNominativo: string;
  tipologia: TipologiaRapporto;
  dataInizio: IsoDate;
  dataFine: IsoDate | null;
  quesiti: number;
  quesitiIdonei: number;
}

export interface ClienteDettaglio {
  datore: Datore;
  delega: DelegaCorrente | null;
  /** Why the client is read-only (no active delega), or null when the office may act. */
  motivoSolaLettura: string | null;
  rapporti: RapportoRiga[];
}

export interface QuesitoRiga {
  id: string;
  protocollo: string;
  argomento: ArgomentoCodice;
  argomentoDescrizione: string;
  oggetto: string;
  dataInvio: IsoDate;
  esito: Esito;
  dataEsito: IsoDate | null;
  /** Last day INPS has to answer. */
  scadenza: IsoDate;
  idoneita: Idoneita;
  /** The idoneità as one Italian line for the operator. */
  idoneitaTesto: string;
  /** Already in a Confermato appointment: it cannot be booked again. */
  prenotato: boolean;
}

export type SyncFase = 'inattivo' | 'in_corso' | 'offline' | 'accesso_richiesto' | 'errore' | 'non_configurato';

export interface SyncStato {
  fase: SyncFase;
  /** When the last complete pull ended. */
  ultimoSync: string | null;
  /** Progress of the pull in course (or the last one). */
  pagine: number;
  modifiche: number;
  /** 0–100 during a pull, when the service tells how much is left; null otherwise. */
  percentuale: number | null;
  /** Operations waiting in the outbox. */
  inCoda: number;
  /** For the operator, in Italian. */
  errore: string | null;
}

/** What the status bar's error opens: the state, advice, and each waiting operation with its last error. */
export interface SyncProblemi {
  stato: SyncStato;
  /** What the operator can do about it, in Italian. */
  consiglio: string | null;
  coda: {
    id: number;
    tipo: OutboxTipo;
    codiceRapporto: string | null;
    cliente: string | null;
    bozzaId: string | null;
    appuntamentoId: string | null;
    tentativi: number;
    prossimoTentativo: string;
    ultimoErrore: string | null;
  }[];
  daCorreggere: number;
}

export interface Bozza {
  /** Also the idempotency key of the booking: one draft, at most one appointment. */
  id: string;
  datoreCf: string;
  codiceRapporto: string;
  stato: BozzaStato;
  quesitiIds: string[];
  sedeId: string | null;
  data: IsoDate | null;
  ora: LocalTime | null;
  /** A preferred date window: «Proponi orari» picks the earliest free slot of the sede inside it. */
  finestraDal: IsoDate | null;
  finestraAl: IsoDate | null;
  modalita: Modalita | null;
  nota: string | null;
  allegati: BozzaAllegato[];
  /** Why the service refused it, or why it is frozen (Italian, from the service or the app). */
  errore: { codice: string; messaggio: string } | null;
  appuntamentoId: string | null;
  creataIl: string;
  aggiornataIl: string;
}

/** A generated file for the renderer to save: text as it is, binary (Excel) as base64. */
export interface FileEsportato {
  nomeFile: string;
  mime: string;
  contenuto: string;
  codifica: 'testo' | 'base64';
  righe: number;
}

export type ServizioScelta = { tipo: 'sandbox' } | { tipo: 'remoto'; url: string };

/** The workspace: which service, where the data are, who is logged in, and any start-up problem. */
export interface ConfigurazioneStato {
  /** No service chosen yet: the renderer shows the first-run screen. */
  primoAvvio: boolean;
  servizio: ServizioScelta | null;
  /** The folder with the configuration, databases, backups and logs. */
  cartellaDati: string;
  /** The database in use (one per service and office); null before the first login to a remote service. */
  database: string | null;
  operatore: string | null;
  /** The database could not be opened at start: why, and the latest good backup to restore. */
  recupero: { messaggio: string; backup: { nome: string; creatoIl: string | null } | null } | null;
  /** The office's name and contact, printed on the clients' promemoria; null until set. */
  ufficio: Ufficio | null;
  /** How the office's data are protected at rest, and whether the passphrase is needed now. */
  protezione: ProtezioneDati;
}

/**
 * The installation's database key. `demo`: the embedded demo (invented data, key beside it).
 * `da-impostare`: first run without an OS secret store — the office sets its passphrase.
 * `bloccata`: the passphrase is needed (once per start). `mancante`/`danneggiata`: the key file
 * is gone or unreadable — nothing opens, nothing is changed.
 */
export interface ProtezioneDati {
  stato: 'demo' | 'sbloccata' | 'bloccata' | 'da-impostare' | 'mancante' | 'danneggiata';
  metodo: 'safeStorage' | 'passphrase' | 'demo';
  motivo: string | null;
  /** Seconds before another passphrase may be tried (after five wrong ones in a row); 0 otherwise. */
  attesaSecondi: number;
  /**
   * Desktop app only: why this PC has no OS secret store — 'basic_text' (Linux with no keyring
   * running: Electron would encrypt with a fixed password, so it is not used), 'assente' (none at
   * all). The key is then wrapped by the office passphrase and the operator's password is kept in
   * memory only (asked again at each start). Absent elsewhere (real store, demo, browser host).
   */
  portachiavi?: 'basic_text' | 'assente';
}

/** A promemoria as e-mail text: to copy, or to open in the mail program with `mailto`. */
export interface PromemoriaEmail {
  /** The client's e-mail when known. */
  destinatario: string | null;
  oggetto: string;
  testo: string;
  mailto: string;
}

export interface BackupRiga {
  /** The backup's folder name: what the restore command takes (never a path from the page). */
  nome: string;
  creatoIl: string | null;
  motivo: 'pianificato' | 'pre-migrazione' | 'manuale' | null;
  completo: boolean;
  /** Database size in bytes, from the manifest. */
  dimensione: number | null;
  schemaVersione: number | null;
}

export interface BackupElenco {
  /** Where the backups of the database in use are kept; null without a database. */
  cartella: string | null;
  backup: BackupRiga[];
  intervalloOre: number;
  conserva: number;
}

export interface LicenzaRiga {
  nome: string;
  versione: string;
  licenza: string;
  testo: string | null;
}

export interface AllegatoContenuto {
  sha256: string;
  mime: string;
  dimensione: number;
  contenutoBase64: string;
}

/** The outcome of the native file dialog: the draft as it is now, and each file refused with why. */
export interface AllegatiScelti {
  bozza: Bozza;
  rifiutati: { nomeFile: string; messaggio: string }[];
  /** Checked and stored, but over the service's caps: for «Riduci» or «Unisci in un PDF». */
  daAdattare: AllegatoPreparato[];
}

/**
 * A file checked by decoding and stored under its own hash, not yet on a draft (#14): what was
 * changed to store it (HEIC converted, photo turned upright, metadata removed) is in `note`.
 */
export interface AllegatoPreparato {
  sha256: string;
  nomeFile: string;
  mime: string;
  dimensione: number;
  pagine: number;
  /** Italian, for the operator: one line per change made. Empty when stored as it came. */
  note: string[];
  /** The file as the operator gave it (never modified). */
  originale: { nomeFile: string; mime: string; dimensione: number };
}

/** «Riduci»: each file before and after (the images scaled and recompressed), and whether they now fit. */
export interface RiduzioneAllegati {
  voci: { prima: { sha256: string; nomeFile: string; mime: string; dimensione: number }; dopo: AllegatoPreparato }[];
  totalePrima: number;
  totaleDopo: number;
  /** The bytes these files may take: the service's total cap less the draft's other attachments. */
  limite: number;
  entra: boolean;
  /** Why they still do not fit, naming the files that cannot be reduced and by how much they are over. */
  messaggio: string | null;
}

export interface CancellazioneRichiesta {
  appuntamentoId: string;
  /** True until the service confirms: the UI shows «Cancellazione in corso». */
  inCorso: boolean;
}

export interface BozzaAllegato {
  posizione: number;
  sha256: string;
  nomeFile: string;
  mime: string;
  dimensione: number;
}

export interface AppuntamentoRiga {
  id: string;
  data: IsoDate;
  ora: LocalTime;
  stato: AppuntamentoStato;
  cancellatoDa: CancellatoDa | null;
  modalita: Modalita;
  sedeId: string;
  sedeNome: string;
  codiceRapporto: string;
  datoreCf: string;
  datoreNominativo: string;
  gestitoDaIntermediario: boolean;
  operatoreId: string | null;
  /** A cancellation is queued and not yet confirmed by the service. */
  cancellazioneInCorso: boolean;
}

export type SedeRiga = Pick<Sede, 'id' | 'nome' | 'indirizzo' | 'comune' | 'provincia' | 'modalita'>;

/** One message of an appointment's thread: the service's, or the operator's reply still in the outbox or refused by the service. */
export interface ComunicazioneThread {
  id: string;
  autore: 'sede' | 'intermediario' | 'cittadino';
  testo: string;
  /** When the service received it; for a reply not sent yet, when the operator wrote it. */
  inviataIl: string;
  stato: 'inviata' | 'in_invio' | 'non_inviata';
  /** Why the service refused it (Italian), for a 'non_inviata' reply; otherwise null. */
  motivo: string | null;
}

export interface AppuntamentoDettaglioLocale extends AppuntamentoRiga {
  sede: SedeRiga;
  nota: string | null;
  quesiti: { id: string; protocollo: string; argomento: ArgomentoCodice; oggetto: string; esito: Esito }[];
  allegati: { posizione: number; sha256: string; nomeFile: string; mime: string; dimensione: number }[];
  comunicazioni: ComunicazioneThread[];
  storico: { stato: AppuntamentoStato; il: string; origine: string | null; motivo: string | null }[];
  motivoStato: string | null;
  creatoIl: string;
  /** Why it cannot be cancelled (Italian), or null when it can. */
  motivoNonCancellabile: string | null;
}

export interface QuesitoDaFare {
  id: string;
  protocollo: string;
  oggetto: string;
  codiceRapporto: string;
  datoreCf: string;
  datoreNominativo: string;
  /** Idoneo since (just became), or becomes idoneo on (coming). */
  data: IsoDate;
  /** Days since it became idoneo (≥ 0) or until it does (> 0). */
  giorni: number;
}

export interface DaFare {
  oggi: IsoDate;
  quesitiIdonei: QuesitoDaFare[];
  quesitiInArrivo: QuesitoDaFare[];
  bozze: { bozza: number; in_coda: number; da_correggere: number; congelata: number };
  daCorreggere: { id: string; datoreNominativo: string; codiceRapporto: string; errore: string }[];
  prossimi: { sedeId: string; sedeNome: string; appuntamenti: { id: string; data: IsoDate; ora: LocalTime; datoreNominativo: string }[] }[];
  deleghe: {
    daAttivare: { datoreCf: string; datoreNominativo: string; dataSottoscrizione: IsoDate }[];
    inScadenza: { datoreCf: string; datoreNominativo: string; dataScadenza: IsoDate }[];
    revocateDiRecente: { datoreCf: string; datoreNominativo: string; stato: DelegaStato; dataFine: IsoDate | null }[];
  };
}

export type CambiamentoTipo = 'disdetto' | 'chiuso' | 'comunicazione' | 'rifiutato';

export interface Cambiamento {
  id: number;
  tipo: CambiamentoTipo;
  rilevatoIl: string;
  descrizione: string | null;
  appuntamentoId: string | null;
  bozzaId: string | null;
  data: IsoDate | null;
  ora: LocalTime | null;
  sedeNome: string | null;
  datoreNominativo: string | null;
  /** The appointment's state now (for bulk cancel of the Confermato ones). */
  stato: AppuntamentoStato | null;
}

export interface RisultatoRapido {
  tipo: 'cliente' | 'rapporto' | 'appuntamento';
  /** Where it opens in the app (a route). */
  percorso: string;
  titolo: string;
  dettaglio: string;
}

/** A draft as the Bozze screen lists it (every client's drafts in one list). */
export interface BozzaRiga {
  id: string;
  stato: BozzaStato;
  datoreCf: string;
  datoreNominativo: string;
  codiceRapporto: string;
  quesiti: number;
  /** The quesiti's protocol numbers, as the operator and the sede name them. */
  protocolli: string[];
  sedeId: string | null;
  sedeNome: string | null;
  data: IsoDate | null;
  ora: LocalTime | null;
  finestraDal: IsoDate | null;
  finestraAl: IsoDate | null;
  modalita: Modalita | null;
  allegati: number;
  /** What is still missing before it can be sent (Italian, one short phrase each); empty when complete. */
  mancanti: string[];
  /** The service's refusal, or why it is frozen. */
  errore: { codice: string; messaggio: string } | null;
  appuntamentoId: string | null;
  operatoreId: string | null;
  creataIl: string;
  aggiornataIl: string;
}

/** One item of a batch that was not done, with the reason in Italian. */
export interface EsitoSaltato {
  /** The draft, rapporto or quesito the reason is about. */
  id: string;
  datoreNominativo: string | null;
  motivo: string;
}

export interface PreparazioneEsito {
  create: { bozzaId: string; codiceRapporto: string; datoreNominativo: string; quesiti: number }[];
  saltati: EsitoSaltato[];
}

export interface ProposteOrari {
  online: boolean;
  proposte: { bozzaId: string; data: IsoDate; ora: LocalTime }[];
  saltati: EsitoSaltato[];
}

export interface BloccoEsito {
  /** The drafts the action applied to. */
  fatte: string[];
  saltati: EsitoSaltato[];
}

export interface Riprenotazione {
  bozza: Bozza;
  /** Quesiti of the old booking that cannot come along, with the reason. */
  nonIdonei: { protocollo: string; motivo: string }[];
  /** Attachments of the old booking that did not come along (this PC never had their bytes), with the reason. */
  allegatiNonPortati: { nomeFile: string; motivo: string }[];
}

/** One row of the registro attività (#12): who did what to which client's data, and how it ended. */
export interface RegistroRiga {
  id: number;
  il: string;
  /** The login in use; null before anyone logged in on this database. */
  operatore: string | null;
  azione: string;
  entita: string;
  entitaId: string | null;
  clienteCf: string | null;
  /** Null when the client is not (or no longer) in the local data. */
  clienteNominativo: string | null;
  esito: 'ok' | 'errore';
  dettagli: string | null;
}

/** The registro's filters' choices: the operators and actions it holds. */
export interface RegistroOpzioni {
  operatori: string[];
  azioni: { azione: string; etichetta: string }[];
}

/** The chain check: intact, or the first row altered, removed or moved (il and azione null for a row that is gone). */
export interface RegistroVerifica {
  integro: boolean;
  righe: number;
  primaRigaAlterata: { id: number; il: string | null; azione: string | null } | null;
  messaggio: string;
}
