import { AppError } from '../../common/errors';
import { romeDate } from '../../common/domain/calendario';
import type { Handler } from './types';

export const rapportoQuesiti: Handler<'rapporto.quesiti'> = async (input, ctx) => {
  if (!ctx.store.rapporti.datoreDi(input.codiceRapporto))
    throw new AppError('NON_TROVATO', `Nessun rapporto con codice ${input.codiceRapporto} tra i clienti dell’ufficio.`);
  const rows = ctx.store.quesiti.conIdoneita([input.codiceRapporto], romeDate(ctx.clock.now()));
  return rows.map(({ codiceRapporto: _r, ...q }) => q);
};
