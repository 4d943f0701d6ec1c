import type { SyncStato } from '../../common/commands/types';
import { AppError } from '../../common/errors';
import type { CoreContext } from '../context';

/**
 * Logs an operator in on an open core: keeps the credentials only if the service accepts them
 * (the first sync proves it), else the previous operator (if any) stays logged in.
 */
export async function loginOnCore(ctx: CoreContext, username: string, password: string): Promise<SyncStato> {
  const { credentials, gateway } = ctx;
  if (!credentials || !gateway) throw new AppError('SERVIZIO_NON_CONFIGURATO', 'Nessun servizio configurato: scegli il servizio in Impostazioni.');
  const previous = await credentials.get();
  await credentials.set({ username, password });
  gateway.logout();
  const stato = await ctx.sync.syncNow();
  if (stato.fase === 'accesso_richiesto') {
    if (previous) await credentials.set(previous);
    else await credentials.clear();
    gateway.logout();
    throw new AppError('CREDENZIALI_NON_VALIDE', 'Nome utente o password non validi per il servizio.', [
      { path: 'password', message: 'Credenziali non accettate.' },
    ]);
  }
  const utente = gateway.utenteNoto?.();
  if (utente) ctx.store.sessione.ricorda({ username: utente.username, operatoreId: utente.operatoreId }, ctx.clock.now().toISOString());
  ctx.logger.log('info', 'operator logged in');
  return stato;
}
