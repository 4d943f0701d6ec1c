import { dialog, shell, type BrowserWindow } from 'electron';
import { AppError } from '../common/errors';
import type { DesktopShell } from '../core/desktop';

/** The native dialogs and viewer, bound to the main window so the dialog is modal to it. */
export function createDesktopShell(window: () => BrowserWindow | null): DesktopShell {
  return {
    async chooseFiles({ title, filters, multiple }) {
      const properties: ('openFile' | 'multiSelections')[] = multiple ? ['openFile', 'multiSelections'] : ['openFile'];
      const parent = window();
      const result = parent ? await dialog.showOpenDialog(parent, { title, filters, properties }) : await dialog.showOpenDialog({ title, filters, properties });
      return result.canceled ? [] : result.filePaths;
    },
    async openPath(file) {
      // shell.openPath answers with an error string instead of throwing.
      const problem = await shell.openPath(file);
      if (problem)
        throw new AppError(
          'APERTURA_NON_RIUSCITA',
          'Il sistema non è riuscito ad aprire il file: controlla che ci sia un programma per i PDF o le immagini, oppure salvalo e aprilo a mano.',
        );
    },
  };
}
