import type { CommandParsedInput } from '../../common/commands/table';
import type { BloccoEsito, Bozza } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import { checkSede, motivoDi } from '../bozze/rules';
import type { CoreContext } from '../context';
import { accodaBozza, bozzaModificata, eliminaBozza } from './bozze';
import type { Handler } from './types';

// Batch actions on a selection of drafts: each draft follows the single-draft command's rules
// (handlers/bozze.ts); the ones that may not are listed with the reason, the others go on.

/** Runs the action on each draft; a refusal (AppError) skips that draft with its reason, anything else stops the batch. */
export function perOgniBozza(ctx: CoreContext, ids: readonly string[], azione: (id: string) => void): BloccoEsito {
  const fatte: string[] = [];
  const rifiutate: [string, AppError][] = [];
  for (const id of ids) {
    try {
      azione(id);
      fatte.push(id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      rifiutate.push([id, error]);
    }
  }
  const nominativi = ctx.store.bozze.nominativi(rifiutate.map(([id]) => id));
  return { fatte, saltati: rifiutate.map(([id, error]) => ({ id, datoreNominativo: nominativi.get(id) ?? null, motivo: motivoDi(error) })) };
}

type CampiInBlocco = CommandParsedInput<'bozze.modificaInBlocco'>['campi'];

/** The batch's fields as one draft's edit: only what was given changes. */
function campiPer(current: Bozza, campi: CampiInBlocco): Partial<Bozza> {
  const next: Partial<Bozza> = {};
  if (campi.sedeId !== undefined) next.sedeId = campi.sedeId;
  if (campi.modalita !== undefined) next.modalita = campi.modalita;
  if (campi.nota !== undefined) next.nota = campi.nota === '' ? null : campi.nota;
  if (campi.finestra !== undefined) {
    next.finestraDal = campi.finestra?.dal ?? null;
    next.finestraAl = campi.finestra?.al ?? null;
  }
  // A day and time belong to a sede and a window: another sede, or a window that leaves the day
  // out, makes them a slot nobody chose (Proponi orari fills them again).
  const fuori = campi.finestra && current.data !== null && (current.data < campi.finestra.dal || current.data > campi.finestra.al);
  if ((campi.sedeId !== undefined && campi.sedeId !== current.sedeId) || fuori) {
    next.data = null;
    next.ora = null;
  }
  return next;
}

/** Sets the same fields on every draft that may change; all of it in one transaction. */
export const bozzeModificaInBlocco: Handler<'bozze.modificaInBlocco'> = async ({ ids, campi }, ctx) => {
  // An unknown sede is the batch's mistake, not each draft's: refused once, before anything.
  if (campi.sedeId) checkSede(ctx.store, campi.sedeId);
  const now = ctx.clock.now().toISOString();
  const esito = ctx.store.transaction(() =>
    perOgniBozza(ctx, ids, (id) => {
      const current = ctx.store.bozze.leggi(id);
      const next = bozzaModificata(ctx, current, campiPer(current, campi), now);
      ctx.store.bozze.scrivi(next);
      ctx.store.registro.registra({ azione: 'bozze.modificaInBlocco', entita: 'bozza', entitaId: id, clienteCf: current.datoreCf }, now);
    }),
  );
  if (esito.fatte.length > 0) ctx.events.emit('dati.aggiornati', {});
  return esito;
};

export const bozzeEliminaInBlocco: Handler<'bozze.eliminaInBlocco'> = async ({ ids }, ctx) => {
  const now = ctx.clock.now().toISOString();
  const esito = ctx.store.transaction(() => perOgniBozza(ctx, ids, (id) => eliminaBozza(ctx, id, now)));
  if (esito.fatte.length > 0) ctx.events.emit('dati.aggiornati', {});
  return esito;
};

/**
 * Drafts queued per commit. Each draft is queued in its own (nested) transaction with its outbox
 * rows, and 50 of them share one commit: a commit waits for the disk, ~10 ms a draft when each
 * committed alone (200 drafts in 1.6–2.3 s on the bench machine; `npm run bench`, row 9).
 */
const BOZZE_PER_COMMIT = 50;

/**
 * Queues every complete, still valid draft of the selection with its outbox rows (a crash
 * mid-batch leaves each draft queued with its rows, or untouched); then one push for the lot.
 * The idempotency key is the draft's id: nothing is ever booked twice.
 */
export const bozzeInviaInBlocco: Handler<'bozze.inviaInBlocco'> = async ({ ids }, ctx) => {
  const now = ctx.clock.now();
  const esito: BloccoEsito = { fatte: [], saltati: [] };
  for (let i = 0; i < ids.length; i += BOZZE_PER_COMMIT) {
    const parte = ctx.store.transaction(() => perOgniBozza(ctx, ids.slice(i, i + BOZZE_PER_COMMIT), (id) => accodaBozza(ctx, id, now)));
    esito.fatte.push(...parte.fatte);
    esito.saltati.push(...parte.saltati);
  }
  if (esito.fatte.length > 0) {
    ctx.events.emit('dati.aggiornati', {});
    ctx.sync.pushSoon();
  }
  return esito;
};
