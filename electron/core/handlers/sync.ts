import type { SyncProblemi, SyncStato } from '../../common/commands/types';
import type { Handler } from './types';

export const syncOra: Handler<'sync.ora'> = async (_input, ctx) => ctx.sync.syncNow();

export const syncStato: Handler<'sync.stato'> = async (_input, ctx) => ctx.sync.stato;

const CONSIGLI: Partial<Record<SyncStato['fase'], string>> = {
  offline: 'Controlla la connessione a internet del computer. Non serve rifare nulla: le operazioni in coda partono da sole appena il servizio torna raggiungibile.',
  accesso_richiesto: 'Accedi di nuovo al servizio da Impostazioni: la coda resta intatta e riparte dopo l’accesso.',
  errore: 'Riprova con «Sincronizza ora». Se l’errore si ripete, esporta la diagnostica da Impostazioni e inviala all’assistenza.',
  non_configurato: 'Imposta il servizio e accedi da Impostazioni.',
};

/** The operations still waiting, oldest first, with whom they concern: what "1 in coda" is made of. */
export const syncProblemi: Handler<'sync.problemi'> = async (_input, ctx) => {
  const stato = ctx.sync.stato;
  const coda = ctx.sqlite
    .prepare(
      `SELECT o.id, o.tipo, o.tentativi, o.prossimo_tentativo_il AS prossimoTentativo, o.ultimo_errore AS ultimoErrore,
              b.id AS bozzaId, a.id AS appuntamentoId,
              coalesce(b.codice_rapporto, a.codice_rapporto) AS codiceRapporto,
              d.cognome || ' ' || d.nome AS cliente
         FROM outbox o
         LEFT JOIN bozze b ON o.tipo IN ('crea', 'upload') AND b.id = o.entita_id
         LEFT JOIN appuntamenti a ON o.tipo = 'cancella' AND a.id = o.entita_id
         LEFT JOIN datori d ON d.codice_fiscale = coalesce(b.datore_cf, a.datore_cf)
        WHERE o.stato = 'in_attesa'
        ORDER BY o.id
        LIMIT 200`,
    )
    .all() as SyncProblemi['coda'];
  const daCorreggere = ctx.sqlite.prepare("SELECT count(*) FROM bozze WHERE stato = 'da_correggere'").pluck().get() as number;
  return { stato, consiglio: stato.errore ? (CONSIGLI[stato.fase] ?? null) : null, coda, daCorreggere };
};
