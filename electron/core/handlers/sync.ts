import type { SyncStato } from '../../common/commands/types';
import type { Handler } from './types';

export const syncOra: Handler<'sync.ora'> = async (_input, ctx) => ctx.sync.syncNow();

export const syncStato: Handler<'sync.stato'> = async (_input, ctx) => ctx.sync.stato;

const MAX_CODA = 200;

const CONSIGLI: Partial<Record<SyncStato['fase'], string>> = {
  offline:
    'Controlla la connessione a internet del computer (e, se l’ufficio usa un proxy, che il proxy lasci passare l’indirizzo del servizio). Non serve rifare nulla: le operazioni in coda partono da sole appena il servizio torna raggiungibile.',
  accesso_richiesto: 'Accedi di nuovo al servizio da Impostazioni: la coda resta intatta e riparte dopo l’accesso.',
  errore: 'Riprova con «Sincronizza ora». Se l’errore si ripete, esporta la diagnostica da Impostazioni e inviala all’assistenza.',
  non_configurato: 'Imposta il servizio e accedi da Impostazioni.',
};

/** The operations still waiting, oldest first, with whom they concern: what "1 in coda" is made of. */
export const syncProblemi: Handler<'sync.problemi'> = async (_input, ctx) => {
  const stato = ctx.sync.stato;
  return {
    stato,
    consiglio: stato.errore ? (CONSIGLI[stato.fase] ?? null) : null,
    coda: ctx.store.outbox.coda(MAX_CODA),
    daCorreggere: ctx.store.bozze.quantiDaCorreggere(),
  };
};
