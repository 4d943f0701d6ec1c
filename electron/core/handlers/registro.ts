import type { CommandParsedInput } from '../../common/commands/table';
import { addDays, romeInstant } from '../../common/domain/calendario';
import { AppError } from '../../common/errors';
import { etichettaAzione } from '../../common/registro';
import type { CoreContext } from '../context';
import { fileAncora, leggiAncora } from '../registro/ancora';
import { registroCsv, registroXlsx } from '../registro/esporta';
import { verificaRegistro } from '../registro/verifica';
import type { FiltroRegistro } from '../store/registro';
import { normalizeSearchText } from '../store/search';
import type { Handler } from './types';

// The registro attività (#12): search, export and the chain check. The rows themselves are
// written by the dispatcher (core/registro/azioni.ts) and by the handlers that change data.

const MAX_RIGHE = 100_000;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Filtri = Omit<CommandParsedInput<'registro.cerca'>, 'limite' | 'offset'>;

/** The screen's days (Rome) as instants, the text as stored. */
function filtro({ dal, al, testo, ...f }: Filtri, limite: number, offset: number): FiltroRegistro {
  if (dal && al && al < dal) throw new AppError('INPUT_NON_VALIDO', 'La data «al» viene prima della data «dal»: correggi il periodo.');
  return {
    ...f,
    testo: normalizeSearchText(testo),
    da: dal ? romeInstant(dal, '00:00') : undefined,
    a: al ? romeInstant(addDays(al, 1), '00:00') : undefined,
    limite,
    offset,
  };
}

export const registroCerca: Handler<'registro.cerca'> = async ({ limite, offset, ...filtri }, ctx) => ctx.store.registro.cerca(filtro(filtri, limite, offset));

export const registroOpzioni: Handler<'registro.opzioni'> = async (_input, ctx) => {
  const { operatori, azioni } = ctx.store.registro.opzioni();
  return { operatori, azioni: azioni.map((azione) => ({ azione, etichetta: etichettaAzione(azione) })) };
};

export const registroEsporta: Handler<'registro.esporta'> = async ({ formato, ...filtri }, ctx) => {
  const page = ctx.store.registro.cerca(filtro(filtri, MAX_RIGHE, 0));
  if (page.totale > MAX_RIGHE) {
    throw new AppError('TROPPI_RISULTATI', `Troppe righe da esportare (${page.totale}): restringi i filtri (per esempio le date) a meno di ${MAX_RIGHE}.`);
  }
  const nomeFile = `registro-attivita-${ctx.clock.now().toISOString().slice(0, 10)}.${formato}`;
  return formato === 'csv'
    ? { nomeFile, mime: 'text/csv;charset=utf-8', contenuto: registroCsv(page.righe), codifica: 'testo', righe: page.righe.length }
    : { nomeFile, mime: XLSX_MIME, contenuto: (await registroXlsx(page.righe)).toString('base64'), codifica: 'base64', righe: page.righe.length };
};

/** Reads only: the anchor first, then the chain in one snapshot (rows another process adds meanwhile are not half-seen). */
export const registroVerifica: Handler<'registro.verifica'> = async (_input, ctx: CoreContext) => {
  const ancora = leggiAncora(fileAncora(ctx));
  return ctx.store.registro.instantanea(() => verificaRegistro(ctx.store.registro, ancora));
};
