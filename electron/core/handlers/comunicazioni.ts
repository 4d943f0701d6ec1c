import { randomUUID } from 'node:crypto';
import { AppError } from '../../common/errors';
import { checkRapportoOperabile } from '../bozze/rules';
import type { Handler } from './types';

/**
 * «Rispondi alla sede»: the reply goes through the outbox like a booking — written offline too,
 * sent once (its id is the idempotency key), shown in the thread as «in invio» until the service
 * has it. Checked here first with what the service would refuse: the operator learns at once.
 */
export const appuntamentoComunica: Handler<'appuntamento.comunica'> = async ({ appuntamentoId, testo }, ctx) => {
  // The same two facts a cancel checks: the appointment's state and its rapporto.
  const a = ctx.store.appuntamenti.perCancellazione(appuntamentoId);
  if (!a) throw new AppError('NON_TROVATO', 'Appuntamento non trovato: aggiorna i dati con «Sincronizza ora».');
  if (a.stato !== 'confermato') {
    throw new AppError('STATO_NON_MODIFICABILE', 'Si può scrivere alla sede solo su un appuntamento confermato.');
  }
  if (ctx.store.outbox.inAttesaPer(appuntamentoId, 'cancella')) {
    throw new AppError('STATO_NON_MODIFICABILE', 'La cancellazione dell’appuntamento è in corso: non si può più scrivere alla sede.');
  }
  checkRapportoOperabile(ctx.store, a.codiceRapporto);
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  ctx.store.transaction(() => {
    // Keyed by the appointment: its rows go out in order, so the thread reaches the sede as written.
    ctx.store.outbox.accoda({ tipo: 'comunicazione', payload: { appuntamentoId, id, testo } }, appuntamentoId, id, now);
    ctx.store.registro.registra({ azione: 'appuntamento.comunica', entita: 'appuntamento', entitaId: appuntamentoId, clienteCf: a.datoreCf }, now);
  });
  ctx.events.emit('dati.aggiornati', {});
  ctx.sync.pushSoon();
  return { id, inInvio: true };
};
