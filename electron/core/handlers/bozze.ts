import crypto from 'node:crypto';
import type { Bozza } from '../../common/commands/types';
import { isCancellabile, motivoNonCancellabile } from '../../common/domain/appuntamentoStato';
import { AppError } from '../../common/errors';
import type { AppuntamentoStato, BozzaStato } from '../../common/model';
import { cancellaKey, enqueue, prenotazioneDaBozza, uploadKey } from '../bozze/outbox';
import { checkCampi, checkInviabile, checkRapportoOperabile } from '../bozze/rules';
import { readAllegati, readBozza, toBozza, writeBozza } from '../bozze/store';
import type { CoreContext } from '../context';
import type { Handler } from './types';

const MODIFICABILI: readonly BozzaStato[] = ['bozza', 'da_correggere'];

function audit(ctx: CoreContext, azione: string, entita: string, id: string): void {
  ctx.sqlite.prepare('INSERT INTO audit_log (il, operatore, azione, entita, entita_id) VALUES (?, NULL, ?, ?, ?)').run(ctx.clock.now().toISOString(), azione, entita, id);
}

function changed(ctx: CoreContext): void {
  ctx.events.emit('dati.aggiornati', { tabelle: ['bozze'] });
}

export const bozzaCrea: Handler<'bozza.crea'> = async (input, ctx) => {
  const datoreCf = checkRapportoOperabile(ctx.sqlite, input.codiceRapporto);
  checkCampi(ctx.sqlite, input);
  const now = ctx.clock.now().toISOString();
  const bozza: Bozza = { id: crypto.randomUUID(), datoreCf, stato: 'bozza', allegati: [], errore: null, appuntamentoId: null, creataIl: now, aggiornataIl: now, ...input };
  ctx.sqlite.transaction(() => {
    writeBozza(ctx.sqlite, bozza);
    audit(ctx, 'bozza.crea', 'bozza', bozza.id);
  })();
  changed(ctx);
  return bozza;
};

export const bozzaModifica: Handler<'bozza.modifica'> = async ({ id, ...campi }, ctx) => {
  const current = readBozza(ctx.sqlite, id);
  if (!MODIFICABILI.includes(current.stato)) throw statoNonModificabile(current.stato);
  checkRapportoOperabile(ctx.sqlite, current.codiceRapporto);
  checkCampi(ctx.sqlite, { ...campi, codiceRapporto: current.codiceRapporto });
  // Editing a refused draft makes it a plain draft again; the refusal is kept until it is re-sent.
  const next: Bozza = { ...current, ...campi, stato: 'bozza', aggiornataIl: ctx.clock.now().toISOString() };
  ctx.sqlite.transaction(() => {
    writeBozza(ctx.sqlite, next);
    audit(ctx, 'bozza.modifica', 'bozza', id);
  })();
  changed(ctx);
  return next;
};

export const bozzaElimina: Handler<'bozza.elimina'> = async ({ id }, ctx) => {
  const current = readBozza(ctx.sqlite, id);
  if (current.stato === 'in_coda' || current.stato === 'inviata') {
    throw new AppError('STATO_NON_MODIFICABILE', current.stato === 'in_coda' ? 'La bozza è in coda di invio: attendi l’esito prima di eliminarla.' : 'La bozza è già diventata un appuntamento: per annullarlo cancella l’appuntamento.');
  }
  // A frozen draft may have a booking already on its way: deleting it would orphan that intent.
  if (ctx.sqlite.prepare("SELECT 1 FROM outbox WHERE entita_id = ? AND stato = 'in_attesa'").pluck().get(id)) {
    throw new AppError('STATO_NON_MODIFICABILE', 'La prenotazione di questa bozza potrebbe essere già arrivata al servizio: attendi l’esito prima di eliminarla.');
  }
  ctx.sqlite.transaction(() => {
    ctx.sqlite.prepare('DELETE FROM bozze WHERE id = ?').run(id);
    audit(ctx, 'bozza.elimina', 'bozza', id);
  })();
  changed(ctx);
  return { id };
};

export const bozzaInvia: Handler<'bozza.invia'> = async ({ id }, ctx) => {
  const current = readBozza(ctx.sqlite, id);
  if (!MODIFICABILI.includes(current.stato)) throw statoNonModificabile(current.stato);
  checkRapportoOperabile(ctx.sqlite, current.codiceRapporto);
  checkCampi(ctx.sqlite, current);
  const now = ctx.clock.now();
  checkInviabile(ctx.sqlite, current, now);
  const queued: Bozza = { ...current, stato: 'in_coda', errore: null, aggiornataIl: now.toISOString() };
  // The draft's move to In coda and its outbox row commit together: neither exists without the other.
  ctx.sqlite.transaction(() => {
    writeBozza(ctx.sqlite, queued);
    // Uploads first, then the booking that names them: one entity's rows are sent in order.
    for (const a of queued.allegati) {
      enqueue(ctx.sqlite, 'upload', id, uploadKey(id, a.sha256), { sha256: a.sha256, mime: a.mime }, now.toISOString());
    }
    enqueue(ctx.sqlite, 'crea', id, id, prenotazioneDaBozza(queued as Bozza & { sedeId: string; data: string; ora: string; modalita: NonNullable<Bozza['modalita']> }), now.toISOString());
    audit(ctx, 'bozza.invia', 'bozza', id);
  }).immediate();
  changed(ctx);
  ctx.sync.pushSoon();
  return queued;
};

export const bozzeElenco: Handler<'bozze.elenco'> = async ({ stati }, ctx) => {
  const rows = stati && stati.length > 0
    ? ctx.sqlite.prepare(`SELECT * FROM bozze WHERE stato IN (${stati.map(() => '?').join(',')}) ORDER BY aggiornata_il DESC`).all(...stati)
    : ctx.sqlite.prepare('SELECT * FROM bozze ORDER BY aggiornata_il DESC').all();
  return (rows as Parameters<typeof toBozza>[0][]).map((row) => toBozza(row, readAllegati(ctx.sqlite, row.id)));
};

export const appuntamentoCancella: Handler<'appuntamento.cancella'> = async ({ id }, ctx) => {
  const row = ctx.sqlite.prepare('SELECT stato, codice_rapporto FROM appuntamenti WHERE id = ?').get(id) as { stato: AppuntamentoStato; codice_rapporto: string } | undefined;
  if (!row) throw new AppError('NON_TROVATO', 'Appuntamento non trovato.');
  if (!isCancellabile(row.stato)) throw new AppError('STATO_NON_CANCELLABILE', motivoNonCancellabile(row.stato) ?? 'L’appuntamento non si può cancellare.');
  checkRapportoOperabile(ctx.sqlite, row.codice_rapporto);
  const now = ctx.clock.now().toISOString();
  ctx.sqlite.transaction(() => {
    enqueue(ctx.sqlite, 'cancella', id, cancellaKey(id), { appuntamentoId: id }, now);
    audit(ctx, 'appuntamento.cancella', 'appuntamento', id);
  }).immediate();
  changed(ctx);
  ctx.sync.pushSoon();
  return { appuntamentoId: id, inCorso: true };
};

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
