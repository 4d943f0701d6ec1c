import { AppError } from '../../common/errors';
import type { CoreContext } from '../context';
import type { Handler } from './types';

function configured(ctx: CoreContext) {
  if (!ctx.credentials || !ctx.gateway) throw new AppError('SERVIZIO_NON_CONFIGURATO', 'Nessun servizio configurato: scegli il servizio in Impostazioni.');
  return { credentials: ctx.credentials, gateway: ctx.gateway };
}

export const servizioAccedi: Handler<'servizio.accedi'> = async ({ username, password }, ctx) => {
  // In the app the workspace picks the office's database first; the CLI logs in on its own database.
  if (ctx.workspace) return ctx.workspace.accedi(username, password);
  const { credentials, gateway } = configured(ctx);
  const previous = await credentials.get();
  await credentials.set({ username, password });
  gateway.logout();
  const stato = await ctx.sync.syncNow();
  if (stato.fase === 'accesso_richiesto') {
    // Wrong credentials are not kept: the previous operator (if any) stays logged in.
    if (previous) await credentials.set(previous);
    else await credentials.clear();
    gateway.logout();
    throw new AppError('CREDENZIALI_NON_VALIDE', 'Nome utente o password non validi per il servizio.', [{ path: 'password', message: 'Credenziali non accettate.' }]);
  }
  ctx.logger.log('info', 'operator logged in');
  return stato;
};

export const servizioEsci: Handler<'servizio.esci'> = async (_input, ctx) => {
  const { credentials, gateway } = configured(ctx);
  await credentials.clear();
  gateway.logout();
  return ctx.sync.stato;
};
