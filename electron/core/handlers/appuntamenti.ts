import { isCancellabile, motivoNonCancellabile } from '../../common/domain/appuntamentoStato';
import { AppError } from '../../common/errors';
import { intentDiCancellazione } from '../bozze/outbox';
import { checkRapportoOperabile } from '../bozze/rules';
import { GatewayError } from '../gateway/errors';
import { osservaSlot } from '../statistiche/osservazioni';
import { normalizeSearchText } from '../store/search';
import type { Handler } from './types';

/** Appointment search over the local cache (offline, all clients); the query is in store/appuntamenti.ts. */
export const appuntamentiCerca: Handler<'appuntamenti.cerca'> = async (input, ctx) =>
  ctx.store.appuntamenti.cerca({ ...input, testo: normalizeSearchText(input.testo) });

export const appuntamentoDettaglio: Handler<'appuntamento.dettaglio'> = async ({ id }, ctx) => {
  const a = ctx.store.appuntamenti.dettaglio(id);
  if (!a) throw new AppError('NON_TROVATO', 'Appuntamento non trovato: aggiorna i dati con «Sincronizza ora».');
  const motivo = a.cancellazioneInCorso
    ? 'La cancellazione è già in corso: attendi la conferma del servizio.'
    : isCancellabile(a.stato)
      ? null
      : motivoNonCancellabile(a.stato);
  return { ...a, motivoNonCancellabile: motivo };
};

/** Queues the cancellation; the appointment shows «Cancellazione in corso» until the service confirms. */
export const appuntamentoCancella: Handler<'appuntamento.cancella'> = async ({ id }, ctx) => {
  const a = ctx.store.appuntamenti.perCancellazione(id);
  if (!a) throw new AppError('NON_TROVATO', 'Appuntamento non trovato.');
  if (!isCancellabile(a.stato)) throw new AppError('STATO_NON_CANCELLABILE', motivoNonCancellabile(a.stato) ?? 'L’appuntamento non si può cancellare.');
  checkRapportoOperabile(ctx.store, a.codiceRapporto);
  const now = ctx.clock.now().toISOString();
  const { intent, key } = intentDiCancellazione(id);
  ctx.store.transaction(() => {
    ctx.store.outbox.accoda(intent, id, key, now);
    ctx.store.registro.registra({ azione: 'appuntamento.cancella', entita: 'appuntamento', entitaId: id, clienteCf: a.datoreCf }, now);
  });
  ctx.events.emit('dati.aggiornati', {});
  ctx.sync.pushSoon();
  return { appuntamentoId: id, inCorso: true };
};

export const operatoriElenco: Handler<'operatori.elenco'> = async (_input, ctx) => ctx.store.appuntamenti.operatori();

export const sediElenco: Handler<'sedi.elenco'> = async (_input, ctx) => ctx.store.sedi.elenco();

export const sediSlot: Handler<'sedi.slot'> = async ({ sedeId, dal, al }, ctx) => {
  if (!ctx.gateway) return { online: false, slot: [], motivo: 'Nessun servizio configurato: indica una preferenza di data e ora.' };
  try {
    const slot = await ctx.gateway.slotLiberi(sedeId, dal, al);
    osservaSlot(ctx, sedeId, dal, al, slot);
    return { online: true, slot, motivo: null };
  } catch (error) {
    // Offline (or refused): the operator states a preference; the service honours it or refuses it later.
    return { online: false, slot: [], motivo: error instanceof GatewayError ? error.detail : 'Orari non disponibili: indica una preferenza.' };
  }
};
