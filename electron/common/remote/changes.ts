import type { Appuntamento, Argomento, Comunicazione, Datore, Delega, Quesito, Rapporto, Sede } from '../model';

// The remote service's change feed (GET /v1/changes), as the gateway hands it to the sync engine.

export interface ChangeRecords {
  argomento: Argomento;
  sede: Sede;
  delega: Delega;
  datore: Datore;
  rapporto: Rapporto;
  quesito: Quesito;
  appuntamento: Appuntamento;
  comunicazione: Comunicazione;
}

export type ChangeEntity = keyof ChangeRecords;

export type Change = { [E in ChangeEntity]: { seq: number; entity: E; op: 'upsert'; data: ChangeRecords[E] } }[ChangeEntity];

export interface ChangesPage {
  changes: Change[];
  /** Opaque; pass as `since` for the next page. */
  nextCursor: string;
  hasMore: boolean;
}
