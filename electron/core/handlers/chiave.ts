import { AppError } from '../../common/errors';
import type { CoreContext } from '../context';
import type { Handler } from './types';

// The office passphrase that wraps the database key (chiave/installazione.ts). The passphrase is
// never logged nor recorded: the registro keeps only that it was changed, by whom, and the outcome.

function workspaceOf(ctx: CoreContext) {
  if (!ctx.workspace) throw new AppError('NON_DISPONIBILE', 'La passphrase dell’ufficio si gestisce dall’app, non da qui.');
  return ctx.workspace;
}

export const chiaveImposta: Handler<'chiave.imposta'> = async ({ passphrase, conferma }, ctx) => workspaceOf(ctx).chiaveImposta(passphrase, conferma);

export const chiaveSblocca: Handler<'chiave.sblocca'> = async ({ passphrase }, ctx) => workspaceOf(ctx).chiaveSblocca(passphrase);

export const chiaveCambia: Handler<'chiave.cambia'> = async ({ attuale, nuova, conferma }, ctx) => {
  const workspace = workspaceOf(ctx);
  try {
    const stato = await workspace.chiaveCambia(attuale, nuova, conferma);
    ctx.store.registro.registra({ azione: 'chiave.cambiaPassphrase', entita: 'installazione' }, ctx.clock.now().toISOString());
    return stato;
  } catch (error) {
    ctx.store.registro.registra({ azione: 'chiave.cambiaPassphrase', entita: 'installazione', esito: 'errore' }, ctx.clock.now().toISOString());
    throw error;
  }
};
