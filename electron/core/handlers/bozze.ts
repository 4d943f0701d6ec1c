import crypto from 'node:crypto';
import type { Bozza } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import type { BozzaStato } from '../../common/model';
import { intentsDiInvio } from '../bozze/outbox';
import { checkCampi, checkInviabile, checkRapportoOperabile } from '../bozze/rules';
import type { CoreContext } from '../context';
import type { Handler } from './types';

const MODIFICABILI: readonly BozzaStato[] = ['bozza', 'da_correggere'];

/** Writes the draft and its audit row together, then tells every window. */
function salva(ctx: CoreContext, bozza: Bozza, azione: string): void {
  ctx.store.transaction(() => {
    ctx.store.bozze.scrivi(bozza);
    ctx.store.registro.registra(azione, 'bozza', bozza.id, bozza.aggiornataIl);
  });
  ctx.events.emit('dati.aggiornati', {});
}

export const bozzaCrea: Handler<'bozza.crea'> = async (input, ctx) => {
  const datoreCf = checkRapportoOperabile(ctx.store, input.codiceRapporto);
  checkCampi(ctx.store, input);
  const now = ctx.clock.now().toISOString();
  const bozza: Bozza = {
    id: crypto.randomUUID(),
    datoreCf,
    stato: 'bozza',
    allegati: [],
    errore: null,
    appuntamentoId: null,
    creataIl: now,
    aggiornataIl: now,
    ...input,
  };
  salva(ctx, bozza, 'bozza.crea');
  return bozza;
};

export const bozzaModifica: Handler<'bozza.modifica'> = async ({ id, ...campi }, ctx) => {
  const current = ctx.store.bozze.leggi(id);
  if (!MODIFICABILI.includes(current.stato)) throw statoNonModificabile(current.stato);
  checkRapportoOperabile(ctx.store, current.codiceRapporto);
  checkCampi(ctx.store, { ...campi, codiceRapporto: current.codiceRapporto });
  // Editing a refused draft makes it a plain draft again; the refusal is kept until it is re-sent.
  const next: Bozza = { ...current, ...campi, stato: 'bozza', aggiornataIl: ctx.clock.now().toISOString() };
  salva(ctx, next, 'bozza.modifica');
  return next;
};

export const bozzaElimina: Handler<'bozza.elimina'> = async ({ id }, ctx) => {
  const current = ctx.store.bozze.leggi(id);
  if (current.stato === 'in_coda' || current.stato === 'inviata') {
    throw new AppError(
      'STATO_NON_MODIFICABILE',
      current.stato === 'in_coda'
        ? 'La bozza è in coda di invio: attendi l’esito prima di eliminarla.'
        : 'La bozza è già diventata un appuntamento: per annullarlo cancella l’appuntamento.',
    );
  }
  // A frozen draft may have a booking already on its way: deleting it would orphan that intent.
  if (ctx.store.outbox.inAttesaPer(id)) {
    throw new AppError(
      'STATO_NON_MODIFICABILE',
      'La prenotazione di questa bozza potrebbe essere già arrivata al servizio: attendi l’esito prima di eliminarla.',
    );
  }
  ctx.store.transaction(() => {
    ctx.store.bozze.elimina(id);
    ctx.store.registro.registra('bozza.elimina', 'bozza', id, ctx.clock.now().toISOString());
  });
  ctx.events.emit('dati.aggiornati', {});
  return { id };
};

export const bozzaInvia: Handler<'bozza.invia'> = async ({ id }, ctx) => {
  const current = ctx.store.bozze.leggi(id);
  if (!MODIFICABILI.includes(current.stato)) throw statoNonModificabile(current.stato);
  checkRapportoOperabile(ctx.store, current.codiceRapporto);
  checkCampi(ctx.store, current);
  const now = ctx.clock.now();
  const completa = checkInviabile(ctx.store, current, now);
  const queued = { ...completa, stato: 'in_coda', errore: null, aggiornataIl: now.toISOString() } satisfies Bozza;
  // The draft's move to In coda and its outbox rows commit together: neither exists without the other.
  ctx.store.transaction(() => {
    ctx.store.bozze.scrivi(queued);
    for (const { intent, key } of intentsDiInvio(queued)) ctx.store.outbox.accoda(intent, id, key, queued.aggiornataIl);
    ctx.store.registro.registra('bozza.invia', 'bozza', id, queued.aggiornataIl);
  });
  ctx.events.emit('dati.aggiornati', {});
  ctx.sync.pushSoon();
  return queued;
};

export const bozzeElenco: Handler<'bozze.elenco'> = async ({ stati }, ctx) => ctx.store.bozze.elenco(stati);

function statoNonModificabile(stato: BozzaStato): AppError {
  const why: Record<BozzaStato, string> = {
    bozza: '',
    da_correggere: '',
    in_coda: 'La bozza è in coda di invio: non si può modificare finché il servizio non risponde.',
    inviata: 'La bozza è già diventata un appuntamento.',
    congelata: 'La bozza è sospesa perché la delega del cliente non è attiva.',
  };
  return new AppError('STATO_NON_MODIFICABILE', why[stato]);
}
