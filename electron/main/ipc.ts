import { ipcMain, type BrowserWindow } from 'electron';
import { z } from 'zod';
import { AppError } from '../common/errors';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../common/ipc';
import type { CommandHost } from '../core/app';
import { isTrustedSender, type SenderPolicy } from './senderPolicy';

const commandNameSchema = z.string().min(1).max(100);

/** The IPC transport: one channel into the same dispatcher the browser host and CLI use. */
export function registerIpc(core: CommandHost, policy: SenderPolicy, getWindow: () => BrowserWindow | null): () => void {
  const dispatch = core.dispatcher('app');
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, name: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender({ url: frame.url, origin: frame.origin, isMainFrame: frame.parent === null }, policy)) {
      core.logger.log('warn', 'ipc call from untrusted frame refused');
      return { ok: false, error: new AppError('NON_AUTORIZZATO', 'Richiesta non consentita.').toPayload() };
    }
    const parsedName = commandNameSchema.safeParse(name);
    if (!parsedName.success) {
      return { ok: false, error: new AppError('COMANDO_SCONOSCIUTO', 'Comando non valido.').toPayload() };
    }
    return dispatch(parsedName.data, input);
  });
  const unsubscribe = core.events.subscribe((message) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, message);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}
