// Domain records shared by the app, the sandbox and the demo generator.
// Dates: `IsoDate` is a calendar day 'YYYY-MM-DD'; `LocalTime` is 'HH:MM' in Europe/Rome;
// `IsoInstant` is a UTC timestamp 'YYYY-MM-DDTHH:MM:SS.sssZ'.

export type IsoDate = string;
export type LocalTime = string;
export type IsoInstant = string;

export const DELEGA_STATI = ['da_attivare', 'attiva', 'revocata', 'annullata'] as const;
export type DelegaStato = (typeof DELEGA_STATI)[number];

export const ARGOMENTI = ['mav', 'anagrafiche', 'contributi', 'rapporti', 'avviso_bonario'] as const;
export type ArgomentoCodice = (typeof ARGOMENTI)[number];

export const ESITI = ['in_attesa', 'positivo', 'negativo'] as const;
export type Esito = (typeof ESITI)[number];

export const APPUNTAMENTO_STATI = ['confermato', 'chiuso_definito', 'cancellato'] as const;
export type AppuntamentoStato = (typeof APPUNTAMENTO_STATI)[number];

export const MODALITA = ['presenza', 'richiamata', 'videochiamata'] as const;
export type Modalita = (typeof MODALITA)[number];
/** As the Cassetto names them (exports, the client's reminder). */
export const MODALITA_LABELS: Record<Modalita, string> = { presenza: 'In presenza', richiamata: 'Richiamata telefonica', videochiamata: 'Videochiamata' };

export const TIPOLOGIE_RAPPORTO = ['colf', 'badante', 'baby_sitter'] as const;
export type TipologiaRapporto = (typeof TIPOLOGIE_RAPPORTO)[number];

/** Local-only states of a draft (DESIGN §1): editable, queued, refused, sent, frozen by a revoked delega. */
export const BOZZA_STATI = ['bozza', 'in_coda', 'da_correggere', 'inviata', 'congelata'] as const;
export type BozzaStato = (typeof BOZZA_STATI)[number];
/** As the Bozze screen names them (the renderer's i18n holds the same words). */
export const BOZZA_STATO_LABELS: Record<BozzaStato, string> = {
  bozza: 'Bozza',
  in_coda: 'In coda',
  da_correggere: 'Da correggere',
  inviata: 'Inviata',
  congelata: 'Sospesa',
};

/** The office passphrase's minimum length: checked by the core (chiave/installazione.ts), hinted by the page. */
export const PASSPHRASE_MIN = 10;

/** The service's cap on a note (advertised by /v1/impostazioni; the default until it is read). */
export const NOTA_MAX = 1000;

/** The service's cap on a comunicazione to the sede: the sandbox enforces this same constant. */
export const COMUNICAZIONE_MAX = 2000;

/** Who cancelled: the user (citizen or intermediary) or the sede (*disdetto*). */
export type CancellatoDa = 'utente' | 'sede';

export type AutoreComunicazione = 'sede' | 'intermediario' | 'cittadino';

export interface Intermediario {
  id: string;
  denominazione: string;
  codiceFiscale: string;
}

export interface Operatore {
  id: string;
  intermediarioId: string;
  username: string;
  nominativo: string;
}

export interface Datore {
  codiceFiscale: string;
  cognome: string;
  nome: string;
  comune: string;
  provincia: string;
  telefono: string | null;
  email: string | null;
}

export interface Delega {
  id: string;
  datoreCf: string;
  intermediarioId: string;
  stato: DelegaStato;
  dataSottoscrizione: IsoDate;
  dataAttivazione: IsoDate | null;
  /** Day the delega ends on its own (expiry), if any. */
  dataScadenza: IsoDate | null;
  /** Day it was revoked or annulled. */
  dataFine: IsoDate | null;
  motivoFine: string | null;
}

export interface Rapporto {
  /** INPS codice rapporto: 10 digits. */
  codice: string;
  datoreCf: string;
  lavoratoreCf: string;
  lavoratoreNominativo: string;
  tipologia: TipologiaRapporto;
  dataInizio: IsoDate;
  dataFine: IsoDate | null;
}

export interface Argomento {
  codice: ArgomentoCodice;
  descrizione: string;
  /** Response deadline in Italian working days. */
  termineGiorni: number;
}

export interface Quesito {
  id: string;
  protocollo: string;
  codiceRapporto: string;
  argomento: ArgomentoCodice;
  oggetto: string;
  dataInvio: IsoDate;
  esito: Esito;
  dataEsito: IsoDate | null;
  motivoEsito: string | null;
}

export interface Sede {
  id: string;
  nome: string;
  indirizzo: string;
  comune: string;
  provincia: string;
  modalita: Modalita[];
  /** Minutes per slot. */
  slotMinuti: number;
  /** Opening hours per ISO weekday (1 = Monday … 7 = Sunday); absent = closed. */
  orari: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, { dalle: LocalTime; alle: LocalTime }>>;
  /** Extra closure days. */
  chiusure: IsoDate[];
}

export interface Appuntamento {
  id: string;
  codiceRapporto: string;
  datoreCf: string;
  sedeId: string;
  data: IsoDate;
  ora: LocalTime;
  modalita: Modalita;
  stato: AppuntamentoStato;
  cancellatoDa: CancellatoDa | null;
  motivoStato: string | null;
  nota: string | null;
  gestitoDaIntermediario: boolean;
  /** Operator who booked it (null when booked by the citizen). */
  operatoreId: string | null;
  quesitiIds: string[];
  creatoIl: IsoInstant;
  aggiornatoIl: IsoInstant;
}

export interface Comunicazione {
  id: string;
  appuntamentoId: string;
  autore: AutoreComunicazione;
  testo: string;
  inviataIl: IsoInstant;
}
