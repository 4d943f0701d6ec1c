import type { ConfigurazioneStato } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import type { Handler } from './types';

const SENZA_WORKSPACE: ConfigurazioneStato = {
  primoAvvio: false,
  servizio: null,
  cartellaDati: '',
  database: null,
  operatore: null,
  recupero: null,
  ufficio: null,
  protezione: { stato: 'demo', metodo: 'demo', motivo: null, attesaSecondi: 0 },
};

export const configurazioneStato: Handler<'configurazione.stato'> = async (_input, ctx) => {
  const stato = ctx.workspace?.stato() ?? { ...SENZA_WORKSPACE, database: ctx.app.percorsoDati };
  const credenziali = await ctx.credentials?.get();
  return { ...stato, operatore: credenziali?.username ?? null };
};

export const configurazioneServizio: Handler<'configurazione.servizio'> = async ({ servizio }, ctx) => {
  if (!ctx.workspace) throw new AppError('NON_DISPONIBILE', 'Il servizio si sceglie dall’app, non da qui.');
  return ctx.workspace.impostaServizio(servizio);
};

export const ufficioImposta: Handler<'ufficio.imposta'> = async (ufficio, ctx) => {
  if (!ctx.workspace) {
    throw new AppError(
      'NON_DISPONIBILE',
      'Nome e recapiti dell’ufficio si salvano nella cartella dei dati dell’app: impostali da Cassetto Desk, in Impostazioni.',
    );
  }
  return ctx.workspace.impostaUfficio(ufficio);
};
