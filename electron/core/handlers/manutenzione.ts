import { AppError } from '../../common/errors';
import type { CoreContext } from '../context';
import type { WorkspaceControl } from '../workspace/control';
import type { Handler } from './types';

// Backups, restore and diagnostics belong to the data folder as a whole: the workspace does them.
function workspace(ctx: CoreContext): WorkspaceControl {
  if (!ctx.workspace) throw new AppError('NON_DISPONIBILE', 'Backup e diagnostica si gestiscono dall’app (Impostazioni).');
  return ctx.workspace;
}

export const backupElenco: Handler<'backup.elenco'> = async (_input, ctx) => workspace(ctx).backupElenco();
export const backupCrea: Handler<'backup.crea'> = async (_input, ctx) => workspace(ctx).backupCrea();
export const backupRipristina: Handler<'backup.ripristina'> = async ({ nome }, ctx) => workspace(ctx).backupRipristina(nome);
export const diagnosticaEsporta: Handler<'diagnostica.esporta'> = async (_input, ctx) => workspace(ctx).exportDiagnostics();
