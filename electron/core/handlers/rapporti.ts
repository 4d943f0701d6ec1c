import { AppError } from '../../common/errors';
import { romeDate } from '../../common/domain/calendario';
import { quesitiConIdoneita } from '../store/quesiti';
import type { Handler } from './types';

export const rapportoQuesiti: Handler<'rapporto.quesiti'> = async (input, ctx) => {
  const rapporto = await ctx.db.selectFrom('rapporti').select('codice').where('codice', '=', input.codiceRapporto).executeTakeFirst();
  if (!rapporto) throw new AppError('NON_TROVATO', `Nessun rapporto con codice ${input.codiceRapporto} tra i clienti dell’ufficio.`);
  const rows = await quesitiConIdoneita(ctx.db, [input.codiceRapporto], romeDate(ctx.clock.now()));
  return rows.map(({ codiceRapporto: _r, ...q }) => q);
};
