import type { Migration } from './migration';
import { m0001Initial } from './0001_initial';
import { m0002Cambiamenti } from './0002_cambiamenti';
import { m0003Ricerca } from './0003_ricerca';
import { m0004Blocco } from './0004_blocco';
import { m0005Sessione } from './0005_sessione';
import { m0006Registro } from './0006_registro';
import { m0007Statistiche } from './0007_statistiche';
import { m0008StatisticheIndici } from './0008_statistiche_indici';
import { m0009StatisticheOrdine } from './0009_statistiche_ordine';
import { m0010StatisticheEsiti } from './0010_statistiche_esiti';
import { m0011StatisticheEsitiScritti } from './0011_statistiche_esiti_scritti';
import { m0012StatisticheConteggiScritti } from './0012_statistiche_conteggi_scritti';
import { m0013StatisticheEsitoAppuntamento } from './0013_statistiche_esito_appuntamento';
import { m0014StatisticheSenzaIndiceEsito } from './0014_statistiche_senza_indice_esito';
import { m0015DatoriTesto } from './0015_datori_testo';
import { m0016IndiciRinviati } from './0016_indici_rinviati';
import { m0017StatisticheEsitiInOrdine } from './0017_statistiche_esiti_in_ordine';

// Inline list (not a folder scan): a bundled main process has no migrations folder to read.
// Append only; never edit or reorder an entry that has shipped.
export const migrations: readonly Migration[] = [
  m0001Initial,
  m0002Cambiamenti,
  m0003Ricerca,
  m0004Blocco,
  m0005Sessione,
  m0006Registro,
  m0007Statistiche,
  m0008StatisticheIndici,
  m0009StatisticheOrdine,
  m0010StatisticheEsiti,
  m0011StatisticheEsitiScritti,
  m0012StatisticheConteggiScritti,
  m0013StatisticheEsitoAppuntamento,
  m0014StatisticheSenzaIndiceEsito,
  m0015DatoriTesto,
  m0016IndiciRinviati,
  m0017StatisticheEsitiInOrdine,
];

export const LATEST_SCHEMA_VERSION: number = migrations.length;

export type { Migration } from './migration';
