import { isCancellabile, motivoNonCancellabile } from '../../common/domain/appuntamentoStato';
import { AppError } from '../../common/errors';
import type { AppuntamentoDettaglioLocale, SedeRiga } from '../../common/commands/types';
import type { Handler } from './types';

export const appuntamentoDettaglio: Handler<'appuntamento.dettaglio'> = async ({ id }, ctx) => {
  const q = ctx.sqlite;
  const a = q
    .prepare(
      `SELECT a.*, d.cognome || ' ' || d.nome AS nominativo,
         EXISTS (SELECT 1 FROM outbox o WHERE o.entita_id = a.id AND o.tipo = 'cancella' AND o.stato = 'in_attesa') AS in_corso
       FROM appuntamenti a JOIN datori d ON d.codice_fiscale = a.datore_cf WHERE a.id = ?`,
    )
    .get(id) as Record<string, string | number | null> | undefined;
  if (!a) throw new AppError('NON_TROVATO', 'Appuntamento non trovato: aggiorna i dati con «Sincronizza ora».');
  const sede = q.prepare('SELECT id, nome, indirizzo, comune, provincia, modalita FROM sedi WHERE id = ?').get(a.sede_id) as Omit<SedeRiga, 'modalita'> & { modalita: string };
  const stato = a.stato as AppuntamentoDettaglioLocale['stato'];
  const inCorso = a.in_corso === 1;
  return {
    id,
    data: a.data as string,
    ora: a.ora as string,
    stato,
    cancellatoDa: a.cancellato_da as AppuntamentoDettaglioLocale['cancellatoDa'],
    modalita: a.modalita as AppuntamentoDettaglioLocale['modalita'],
    sedeId: sede.id,
    sedeNome: sede.nome,
    sede: { ...sede, modalita: JSON.parse(sede.modalita) as SedeRiga['modalita'] },
    codiceRapporto: a.codice_rapporto as string,
    datoreCf: a.datore_cf as string,
    datoreNominativo: a.nominativo as string,
    gestitoDaIntermediario: a.gestito_da_intermediario === 1,
    operatoreId: a.operatore_id as string | null,
    cancellazioneInCorso: inCorso,
    nota: a.nota as string | null,
    motivoStato: a.motivo_stato as string | null,
    creatoIl: a.creato_il as string,
    quesiti: q
      .prepare(
        `SELECT q.id, q.protocollo, q.argomento, q.oggetto, q.esito FROM appuntamento_quesiti l
         JOIN quesiti q ON q.id = l.quesito_id WHERE l.appuntamento_id = ? ORDER BY q.data_invio`,
      )
      .all(id) as AppuntamentoDettaglioLocale['quesiti'],
    allegati: q
      .prepare('SELECT posizione, sha256, nome_file AS nomeFile, mime, dimensione FROM appuntamento_allegati WHERE appuntamento_id = ? ORDER BY posizione')
      .all(id) as AppuntamentoDettaglioLocale['allegati'],
    comunicazioni: q
      .prepare('SELECT id, autore, testo, inviata_il AS inviataIl FROM comunicazioni WHERE appuntamento_id = ? ORDER BY inviata_il, id')
      .all(id) as AppuntamentoDettaglioLocale['comunicazioni'],
    storico: q.prepare('SELECT stato, il, origine, motivo FROM appuntamento_stati WHERE appuntamento_id = ? ORDER BY il').all(id) as AppuntamentoDettaglioLocale['storico'],
    motivoNonCancellabile: inCorso
      ? 'La cancellazione è già in corso: attendi la conferma del servizio.'
      : isCancellabile(stato)
        ? null
        : motivoNonCancellabile(stato),
  };
};
