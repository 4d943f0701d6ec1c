import { BrowserWindow, app, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl } from '../common/externalLinks';
import { APP_INDEX_URL } from './appProtocol';

export interface WindowPaths {
  preload: string;
  devServerUrl?: string;
}

/** The one app window, locked down: no Node in the page, sandboxed, no navigation away. */
export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Cassetto Desk',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The built renderer through the app's own scheme (appProtocol.ts), never file://.
  void win.loadURL(paths.devServerUrl ?? APP_INDEX_URL);
  return win;
}

/** Applies to every WebContents the app ever creates. */
export function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // The page is one document with hash routes: any real navigation (a link, a form, a script
    // setting location) is refused, in the top frame and in any subframe.
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
