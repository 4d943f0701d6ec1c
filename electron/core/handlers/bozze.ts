import crypto from 'node:crypto';
import type { CommandParsedInput } from '../../common/commands/table';
import type { Bozza, BozzaRiga, Pagina } from '../../common/commands/types';
import { addDays, romeDate, romeInstant } from '../../common/domain/calendario';
import { AppError } from '../../common/errors';
import type { BozzaStato } from '../../common/model';
import { intentsDiInvio } from '../bozze/outbox';
import { checkCampi, checkInviabile, checkRapportoOperabile, mancanti } from '../bozze/rules';
import type { CoreContext } from '../context';
import { normalizeSearchText } from '../store/search';
import type { Handler } from './types';

// The single-draft commands, and the per-draft rules the batch commands (blocco.ts, orari.ts)
// apply to each draft of a selection: one piece of code for each rule.

const MODIFICABILI: readonly BozzaStato[] = ['bozza', 'da_correggere'];
/** States whose drafts the Bozze screen checks for what is missing (the others are on their way or done). */
const DA_COMPLETARE: readonly BozzaStato[] = ['bozza', 'da_correggere', 'congelata'];
const INVIATE_RECENTI_GIORNI = 7;

type Campi = Partial<Omit<CommandParsedInput<'bozza.modifica'>, 'id'>>;
type FiltriBozze = CommandParsedInput<'bozze.cerca'>;

/**
 * Who makes a draft: the operator logged in now (remembered, for the days the PC is offline),
 * else the last one logged in on this database; null for a citizen or before any login.
 */
export function operatoreCorrente(ctx: CoreContext): string | null {
  const ora = ctx.gateway?.utenteNoto?.();
  if (!ora) return ctx.store.sessione.ultimo()?.operatoreId ?? null;
  ctx.store.sessione.ricorda({ username: ora.username, operatoreId: ora.operatoreId }, ctx.clock.now().toISOString());
  return ora.operatoreId;
}

/** Writes the draft and its audit row together, then tells every window. */
function salva(ctx: CoreContext, bozza: Bozza, azione: string, operatore: string | null = null): void {
  ctx.store.transaction(() => {
    ctx.store.bozze.scrivi(bozza, operatore);
    ctx.store.registro.registra({ azione, entita: 'bozza', entitaId: bozza.id, clienteCf: bozza.datoreCf }, bozza.aggiornataIl);
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
  salva(ctx, bozza, 'bozza.crea', operatoreCorrente(ctx));
  return bozza;
};

/** bozza.modifica's rules for one draft: the draft as it is to be written, or the reason it may not change. */
export function bozzaModificata(ctx: CoreContext, current: Bozza, campi: Campi, now: string): Bozza {
  if (!MODIFICABILI.includes(current.stato)) throw statoNonModificabile(current.stato, 'modifica');
  checkRapportoOperabile(ctx.store, current.codiceRapporto);
  // Editing a refused draft makes it a plain draft again; the refusal is kept until it is re-sent.
  const next: Bozza = { ...current, ...campi, stato: 'bozza', aggiornataIl: now };
  checkCampi(ctx.store, next);
  return next;
}

export const bozzaModifica: Handler<'bozza.modifica'> = async ({ id, ...campi }, ctx) => {
  const next = bozzaModificata(ctx, ctx.store.bozze.leggi(id), campi, ctx.clock.now().toISOString());
  salva(ctx, next, 'bozza.modifica');
  return next;
};

/** bozza.elimina's rules for one draft: throws the reason it may not go. */
export function checkEliminabile(ctx: CoreContext, current: Bozza): void {
  if (current.stato === 'in_coda' || current.stato === 'inviata') {
    throw new AppError(
      'STATO_NON_MODIFICABILE',
      current.stato === 'in_coda'
        ? 'La bozza è in coda di invio: attendi l’esito prima di eliminarla.'
        : 'La bozza è già diventata un appuntamento: per annullarlo cancella l’appuntamento.',
    );
  }
  // A frozen draft may have a booking already on its way: deleting it would orphan that intent.
  if (ctx.store.outbox.inAttesaPer(current.id)) {
    throw new AppError(
      'STATO_NON_MODIFICABILE',
      'La prenotazione di questa bozza potrebbe essere già arrivata al servizio: attendi l’esito prima di eliminarla.',
    );
  }
}

/** Deletes a draft that may go, with its audit row (inside the caller's transaction). */
export function eliminaBozza(ctx: CoreContext, id: string, now: string): void {
  const bozza = ctx.store.bozze.leggi(id);
  checkEliminabile(ctx, bozza);
  ctx.store.bozze.elimina(id);
  ctx.store.registro.registra({ azione: 'bozza.elimina', entita: 'bozza', entitaId: id, clienteCf: bozza.datoreCf }, now);
}

export const bozzaElimina: Handler<'bozza.elimina'> = async ({ id }, ctx) => {
  ctx.store.transaction(() => eliminaBozza(ctx, id, ctx.clock.now().toISOString()));
  ctx.events.emit('dati.aggiornati', {});
  return { id };
};

/**
 * bozza.invia for one draft. The check and the move to In coda with its outbox rows are one
 * transaction (IMMEDIATE: the write lock first), so a second window sending the same draft
 * finds it already queued, and a crash leaves it either queued with its rows or untouched.
 */
export function accodaBozza(ctx: CoreContext, id: string, now: Date): Bozza {
  return ctx.store.transaction(() => {
    const current = ctx.store.bozze.leggi(id);
    if (!MODIFICABILI.includes(current.stato)) throw statoNonModificabile(current.stato, 'invio');
    checkRapportoOperabile(ctx.store, current.codiceRapporto);
    checkCampi(ctx.store, current);
    const completa = checkInviabile(ctx.store, current, now);
    const queued = { ...completa, stato: 'in_coda', errore: null, aggiornataIl: now.toISOString() } satisfies Bozza;
    ctx.store.bozze.scrivi(queued);
    for (const { intent, key } of intentsDiInvio(queued)) ctx.store.outbox.accoda(intent, id, key, queued.aggiornataIl);
    ctx.store.registro.registra({ azione: 'bozza.invia', entita: 'bozza', entitaId: id, clienteCf: current.datoreCf }, queued.aggiornataIl);
    return queued;
  });
}

export const bozzaInvia: Handler<'bozza.invia'> = async ({ id }, ctx) => {
  const queued = accodaBozza(ctx, id, ctx.clock.now());
  ctx.events.emit('dati.aggiornati', {});
  ctx.sync.pushSoon();
  return queued;
};

export const bozzeElenco: Handler<'bozze.elenco'> = async ({ stati }, ctx) => ctx.store.bozze.elenco(stati);

export const bozzaDettaglio: Handler<'bozza.dettaglio'> = async ({ id }, ctx) => ctx.store.bozze.leggi(id);

/** Every client's drafts for the Bozze screen, each with what still stops it from being sent. */
export const bozzeCerca: Handler<'bozze.cerca'> = async (filtri, ctx) => cercaBozze(ctx, filtri);

/** The Bozze screen's search, each row with what it still misses (shared by the screen and the export). */
export function cercaBozze(ctx: CoreContext, { creataDal, creataAl, testo, ...filtri }: FiltriBozze): Pagina<BozzaRiga> {
  const now = ctx.clock.now();
  const pagina = ctx.store.bozze.cerca({
    ...filtri,
    testo: normalizeSearchText(testo),
    // The days are Rome's: a draft created at 00:30 in Rome belongs to that day.
    creataDa: creataDal ? romeInstant(creataDal, '00:00') : undefined,
    creataA: creataAl ? romeInstant(addDays(creataAl, 1), '00:00') : undefined,
    inviateDa: new Date(now.getTime() - INVIATE_RECENTI_GIORNI * 86_400_000).toISOString(),
  });
  const oggi = romeDate(now);
  const quesiti = ctx.store.quesiti.perInvioMolti([...new Set(pagina.righe.flatMap((r) => r.quesitiIds))]);
  return {
    totale: pagina.totale,
    righe: pagina.righe.map(({ quesitiIds, ...r }) => ({
      ...r,
      protocolli: quesitiIds.map((id) => quesiti.get(id)?.protocollo ?? id),
      mancanti: DA_COMPLETARE.includes(r.stato) ? mancanti({ ...r, quesitiIds }, (id) => quesiti.get(id), oggi) : [],
    })),
  };
}

function statoNonModificabile(stato: BozzaStato, azione: 'modifica' | 'invio'): AppError {
  const why: Record<BozzaStato, string> = {
    bozza: '',
    da_correggere: '',
    in_coda:
      azione === 'invio'
        ? 'La bozza è già in coda di invio: non viene inviata una seconda volta.'
        : 'La bozza è in coda di invio: non si può modificare finché il servizio non risponde.',
    inviata: 'La bozza è già diventata un appuntamento.',
    congelata: 'La bozza è sospesa perché la delega del cliente non è attiva.',
  };
  return new AppError('STATO_NON_MODIFICABILE', why[stato]);
}
