import type { Appuntamento, Argomento, Comunicazione, Datore, Delega, Quesito, Rapporto, Sede } from '../model';

// The remote service's change feed (GET /v1/changes), as the gateway hands it to the sync engine.

export interface ChangeRecords {
  argomento: Argomento;
  sede: Sede;
  delega: Delega;
  datore: Datore;
  rapporto: Rapporto;
  quesito: Quesito;
  /** With its attachments' metadata (#14); absent when the service does not send them. */
  appuntamento: Appuntamento & { allegati?: AllegatoRemoto[] };
  comunicazione: Comunicazione;
}

/** An attachment of an appointment as the service describes it: fetched on request by its SHA-256. */
export interface AllegatoRemoto {
  sha256: string;
  mime: string;
  dimensione: number;
  nomeFile: string;
}

/** One of the office's operators as the service names them (GET /v1/operatori, #15). */
export interface OperatoreRemoto {
  id: string;
  nominativo: string;
  username: string | null;
}

export type ChangeEntity = keyof ChangeRecords;

export type Change = { [E in ChangeEntity]: { seq: number; entity: E; op: 'upsert'; data: ChangeRecords[E] } }[ChangeEntity];

export interface ChangesPage {
  changes: Change[];
  /** Opaque; pass as `since` for the next page. */
  nextCursor: string;
  hasMore: boolean;
  /** When asked for: changes still to read, this page included. */
  remaining?: number;
}

export type { PrenotazioneRichiesta } from './prenotazione';

/** An appointment as the service details it after a create or a cancel. */
export type AppuntamentoDettaglio = Appuntamento & {
  allegati: { sha256: string; mime: string; dimensione: number; nomeFile: string }[];
  comunicazioni: Comunicazione[];
  storico: { stato: Appuntamento['stato']; il: string; motivo: string | null; da: 'utente' | 'sede' | null }[];
};
