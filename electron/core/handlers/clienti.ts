import { romeDate } from '../../common/domain/calendario';
import { AppError } from '../../common/errors';
import type { DelegaStato } from '../../common/model';
import { normalizeSearchText } from '../store/search';
import type { Handler } from './types';

/** Free text → the filter: digits search codici rapporto, anything else names and codici fiscali. */
export const clientiCerca: Handler<'clienti.cerca'> = async (input, ctx) => ctx.store.clienti.cerca({ ...input, testo: normalizeSearchText(input.testo) });

const SOLA_LETTURA: Record<Exclude<DelegaStato, 'attiva'>, string> = {
  da_attivare: 'La delega non è ancora attiva: attivala per poter operare per questo cliente.',
  revocata: 'La delega è stata revocata: non si può operare per questo cliente finché non ne conferisce una nuova.',
  annullata: 'La delega è stata annullata: non si può operare per questo cliente.',
};

export const clienteDettaglio: Handler<'cliente.dettaglio'> = async (input, ctx) => {
  const datore = ctx.store.clienti.leggi(input.codiceFiscale);
  if (!datore) throw new AppError('NON_TROVATO', 'Nessun cliente con questo codice fiscale tra quelli dell’ufficio.');
  const delega = ctx.store.deleghe.corrente(input.codiceFiscale);
  const rapporti = ctx.store.rapporti.diDatore(input.codiceFiscale);
  const quesiti = ctx.store.quesiti.conIdoneita(
    rapporti.map((r) => r.codice),
    romeDate(ctx.clock.now()),
  );
  return {
    datore,
    delega: delega ?? null,
    motivoSolaLettura: !delega ? 'Nessuna delega registrata per questo cliente.' : delega.stato === 'attiva' ? null : SOLA_LETTURA[delega.stato],
    rapporti: rapporti.map((r) => {
      const mine = quesiti.filter((q) => q.codiceRapporto === r.codice);
      return { ...r, quesiti: mine.length, quesitiIdonei: mine.filter((q) => q.idoneita.idoneo).length };
    }),
  };
};
