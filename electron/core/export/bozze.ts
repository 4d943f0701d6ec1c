import type { BozzaRiga } from '../../common/commands/types';
import { formatDataIt, romeDate } from '../../common/domain/calendario';
import { nomeOperatore } from '../../common/domain/operatori';
import { BOZZA_STATO_LABELS, MODALITA_LABELS } from '../../common/model';
import { tabellaCsv, tabellaXlsx, type Tabella } from './tabella';

const COLONNE = [
  'Stato',
  'Cliente',
  'Codice fiscale',
  'Codice rapporto',
  'Quesiti',
  'Sede',
  'Giorno',
  'Ora',
  'Finestra',
  'Modalità',
  'Allegati',
  'Da completare',
  'Motivo',
  'Operatore',
  'Creata il',
] as const;

const ora = (iso: string) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

function colonne(r: BozzaRiga, nomi: ReadonlyMap<string, string>): Record<(typeof COLONNE)[number], string> {
  return {
    Stato: BOZZA_STATO_LABELS[r.stato],
    Cliente: r.datoreNominativo,
    'Codice fiscale': r.datoreCf,
    'Codice rapporto': r.codiceRapporto,
    Quesiti: r.protocolli.join(', '),
    Sede: r.sedeNome ?? '',
    Giorno: r.data ? formatDataIt(r.data) : '',
    Ora: r.ora ?? '',
    Finestra: r.finestraDal && r.finestraAl ? `${formatDataIt(r.finestraDal)} – ${formatDataIt(r.finestraAl)}` : '',
    Modalità: r.modalita ? MODALITA_LABELS[r.modalita] : '',
    Allegati: String(r.allegati),
    'Da completare': r.mancanti.join(' '),
    Motivo: r.errore?.messaggio ?? '',
    Operatore: nomeOperatore(r.operatoreId, nomi),
    'Creata il': `${formatDataIt(romeDate(r.creataIl))} ${ora(r.creataIl)}`,
  };
}

/** `nomi`: operator id → name (#15); an operator the service has not named shows their id. */
type Nomi = ReadonlyMap<string, string>;

const tabella = (rows: readonly BozzaRiga[], nomi: Nomi): Tabella<(typeof COLONNE)[number]> => ({
  colonne: COLONNE,
  righe: rows.map((r) => colonne(r, nomi)),
});

/** The drafts as CSV, in the screen's order: what each still misses and why it was refused. */
export const bozzeCsv = (rows: readonly BozzaRiga[], nomi: Nomi = new Map()): string => tabellaCsv(tabella(rows, nomi));

/** The drafts as an Excel sheet. */
export const bozzeXlsx = (rows: readonly BozzaRiga[], nomi: Nomi = new Map()): Promise<Buffer> => tabellaXlsx('Bozze', tabella(rows, nomi));
