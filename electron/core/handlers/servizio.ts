import { AppError } from '../../common/errors';
import type { CoreContext } from '../context';
import { loginOnCore } from '../sync/login';
import type { Handler } from './types';

function configured(ctx: CoreContext) {
  if (!ctx.credentials || !ctx.gateway) throw new AppError('SERVIZIO_NON_CONFIGURATO', 'Nessun servizio configurato: scegli il servizio in Impostazioni.');
  return { credentials: ctx.credentials, gateway: ctx.gateway };
}

export const servizioAccedi: Handler<'servizio.accedi'> = async ({ username, password }, ctx) => {
  // In the app the workspace picks the office's database first; the CLI logs in on its own database.
  if (ctx.workspace) return ctx.workspace.accedi(username, password);
  return loginOnCore(ctx, username, password);
};

export const servizioEsci: Handler<'servizio.esci'> = async (_input, ctx) => {
  const { credentials, gateway } = configured(ctx);
  await credentials.clear();
  gateway.logout();
  ctx.store.sessione.dimentica();
  return ctx.sync.stato;
};
