import type { RegistroRiga } from '../../common/commands/types';
import { formatDataIt, romeDate } from '../../common/domain/calendario';
import { etichettaAzione } from '../../common/registro';
import { tabellaCsv, tabellaXlsx, type Tabella } from '../export/tabella';

const COLONNE = ['N.', 'Data', 'Ora', 'Operatore', 'Azione', 'Esito', 'Cliente', 'Codice fiscale', 'Oggetto', 'Id oggetto', 'Dettagli'] as const;

const ora = (iso: string) =>
  new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(iso));

function colonne(r: RegistroRiga): Record<(typeof COLONNE)[number], string> {
  return {
    'N.': String(r.id),
    Data: formatDataIt(romeDate(r.il)),
    Ora: ora(r.il),
    Operatore: r.operatore ?? '',
    Azione: etichettaAzione(r.azione),
    Esito: r.esito === 'ok' ? 'Riuscita' : 'Non riuscita',
    Cliente: r.clienteNominativo ?? '',
    'Codice fiscale': r.clienteCf ?? '',
    Oggetto: r.entita,
    'Id oggetto': r.entitaId ?? '',
    Dettagli: r.dettagli ?? '',
  };
}

const tabella = (rows: readonly RegistroRiga[]): Tabella<(typeof COLONNE)[number]> => ({ colonne: COLONNE, righe: rows.map(colonne) });

export const registroCsv = (rows: readonly RegistroRiga[]): string => tabellaCsv(tabella(rows));
export const registroXlsx = (rows: readonly RegistroRiga[]): Promise<Buffer> => tabellaXlsx('Registro attività', tabella(rows));
