import crypto from 'node:crypto';
import type { Bozza, Riprenotazione } from '../../common/commands/types';
import { romeDate } from '../../common/domain/calendario';
import { AppError } from '../../common/errors';
import type { IsoDate, Modalita } from '../../common/model';
import { checkRapportoOperabile, motivoQuesito } from '../bozze/rules';
import type { CoreContext } from '../context';
import { eliminaBozza, operatoreCorrente } from './bozze';
import type { Handler } from './types';

/** What a rebooking starts from: an appointment the sede or the user cancelled, or a refused draft. */
interface Origine {
  codiceRapporto: string;
  quesitiIds: string[];
  sedeId: string | null;
  modalita: Modalita | null;
  nota: string | null;
  finestraDal: IsoDate | null;
  finestraAl: IsoDate | null;
  allegati: { sha256: string; nomeFile: string }[];
  allegatiNonPortati: Riprenotazione['allegatiNonPortati'];
  /** The refused draft this one replaces (its quesiti move over); null for an appointment. */
  bozzaId: string | null;
}

/**
 * «Riprenota»: a new draft for the same rapporto with the quesiti still idonei, the note, the
 * sede and mode when still offered, and the attachments whose bytes this PC holds. A refused
 * draft is replaced by the new one in the same transaction (else its quesiti would stay taken).
 */
export const bozzaRiprenota: Handler<'bozza.riprenota'> = async (input, ctx) => {
  const origine = input.appuntamentoId !== undefined ? daAppuntamento(ctx, input.appuntamentoId) : daBozza(ctx, input.bozzaId!);
  const datoreCf = checkRapportoOperabile(ctx.store, origine.codiceRapporto);
  const { quesitiIds, nonIdonei } = quesitiAncoraIdonei(ctx, origine, romeDate(ctx.clock.now()));
  const modi = origine.sedeId === null ? undefined : ctx.store.sedi.modalita(origine.sedeId);
  const now = ctx.clock.now().toISOString();
  const bozza: Bozza = {
    id: crypto.randomUUID(),
    datoreCf,
    codiceRapporto: origine.codiceRapporto,
    stato: 'bozza',
    quesitiIds,
    sedeId: modi ? origine.sedeId : null,
    data: null,
    ora: null,
    finestraDal: origine.finestraDal,
    finestraAl: origine.finestraAl,
    modalita: origine.modalita !== null && modi?.includes(origine.modalita) ? origine.modalita : null,
    nota: origine.nota,
    allegati: [],
    errore: null,
    appuntamentoId: null,
    creataIl: now,
    aggiornataIl: now,
  };
  const operatore = operatoreCorrente(ctx);
  ctx.store.transaction(() => {
    if (origine.bozzaId !== null) eliminaBozza(ctx, origine.bozzaId, now);
    ctx.store.bozze.scrivi(bozza, operatore);
    origine.allegati.forEach((a, i) => ctx.store.bozze.aggiungiAllegato(bozza.id, i, a.sha256, a.nomeFile, now));
    ctx.store.registro.registra({ azione: 'bozza.riprenota', entita: 'bozza', entitaId: bozza.id, clienteCf: bozza.datoreCf }, now);
  });
  ctx.events.emit('dati.aggiornati', {});
  return { bozza: ctx.store.bozze.leggi(bozza.id), nonIdonei, allegatiNonPortati: origine.allegatiNonPortati };
};

function daAppuntamento(ctx: CoreContext, id: string): Origine {
  const a = ctx.store.appuntamenti.perRiprenotazione(id);
  if (!a) throw new AppError('NON_TROVATO', 'Appuntamento non trovato: aggiorna i dati con «Sincronizza ora».');
  if (a.stato === 'confermato') {
    throw new AppError(
      'STATO_NON_RIPRENOTABILE',
      'L’appuntamento è ancora confermato: si riprenota un appuntamento cancellato (per cambiarlo, cancellalo prima).',
    );
  }
  if (a.stato === 'chiuso_definito') {
    throw new AppError('STATO_NON_RIPRENOTABILE', 'L’appuntamento è chiuso e definito dalla sede: la questione è risolta, non si riprenota.');
  }
  // Only the bytes this PC holds can be sent again; a file booked from another PC is not here.
  const qui = a.allegati.filter((f) => ctx.store.allegati.mime(f.sha256) !== undefined);
  const altrove = a.allegati.filter((f) => !qui.includes(f));
  return {
    ...a,
    finestraDal: null,
    finestraAl: null,
    allegati: qui,
    allegatiNonPortati: altrove.map((f) => ({
      nomeFile: f.nomeFile,
      motivo: 'Il file non è su questo computer (l’appuntamento è stato prenotato da un’altra postazione): aggiungilo di nuovo alla bozza.',
    })),
    bozzaId: null,
  };
}

function daBozza(ctx: CoreContext, id: string): Origine {
  const b = ctx.store.bozze.leggi(id);
  if (b.stato !== 'da_correggere') {
    throw new AppError(
      'STATO_NON_RIPRENOTABILE',
      'Si riprenota una prenotazione rifiutata dal servizio (da correggere): questa bozza si modifica direttamente.',
    );
  }
  return { ...b, allegatiNonPortati: [], bozzaId: b.id };
}

/** The quesiti of the old booking that can go again today; the others with the reason. */
function quesitiAncoraIdonei(ctx: CoreContext, origine: Origine, oggi: IsoDate): Pick<Riprenotazione, 'nonIdonei'> & { quesitiIds: string[] } {
  const quesiti = ctx.store.quesiti.perInvioMolti(origine.quesitiIds);
  const inBozze = ctx.store.bozze.quesitiInBozzeAperte(origine.quesitiIds);
  const quesitiIds: string[] = [];
  const nonIdonei: Riprenotazione['nonIdonei'] = [];
  for (const id of origine.quesitiIds) {
    const q = quesiti.get(id);
    const altra = inBozze.get(id);
    const motivo = !q
      ? 'Quesito non più tra i dati dell’ufficio: aggiorna con «Sincronizza ora».'
      : altra && altra.bozzaId !== origine.bozzaId
        ? `Il quesito ${q.protocollo} è già in un’altra bozza.`
        : motivoQuesito(q, oggi)?.message;
    if (motivo) nonIdonei.push({ protocollo: q?.protocollo ?? id, motivo });
    else quesitiIds.push(id);
  }
  if (quesitiIds.length === 0) {
    throw new AppError(
      'NESSUN_QUESITO_IDONEO',
      'Nessun quesito della prenotazione è ancora prenotabile: non c’è niente da riprenotare.',
      nonIdonei.map((n) => ({ path: 'quesitiIds', message: n.motivo })),
    );
  }
  return { quesitiIds, nonIdonei };
}
