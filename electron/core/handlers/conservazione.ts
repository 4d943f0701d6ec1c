import { AppError } from '../../common/errors';
import type { CoreContext } from '../context';
import { anteprima, esegui, mesiConservazione } from '../conservazione/corsa';
import type { Handler } from './types';

function stato(ctx: CoreContext) {
  const ultima = ctx.store.conservazione.ultimaCorsa();
  const clienti = ultima?.dettagli ? ((JSON.parse(ultima.dettagli) as { clienti?: number }).clienti ?? 0) : 0;
  return { mesi: mesiConservazione(ctx), ultimaCorsa: ultima ? { il: ultima.il, clienti, operatore: ultima.operatore } : null };
}

export const conservazioneStato: Handler<'conservazione.stato'> = async (_input, ctx) => stato(ctx);

export const conservazioneImposta: Handler<'conservazione.imposta'> = async ({ mesi }, ctx) => {
  if (!ctx.workspace) {
    throw new AppError('NON_DISPONIBILE', 'I mesi di conservazione si salvano nella cartella dei dati dell’app: impostali da Cassetto Desk, in Impostazioni.');
  }
  ctx.workspace.impostaConservazione(mesi);
  return stato(ctx);
};

export const conservazioneAnteprima: Handler<'conservazione.anteprima'> = async (_input, ctx) => anteprima(ctx, mesiConservazione(ctx));

export const conservazioneEsegui: Handler<'conservazione.esegui'> = async (conferma, ctx) => esegui(ctx, conferma);
