import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Menu, Notification, app, dialog, net, protocol, session, type BrowserWindow } from 'electron';
import { toErrorPayload } from '../common/errors';
import { startEmbeddedDemo } from '../../sandbox/embedded';
import { chromiumTransport } from '../core/gateway/transport';
import { openDataDir } from '../core/workspace/startup';
import { Workspace } from '../core/workspace/workspace';
import { SafeStorageCredentials } from './credentials';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol';
import { custodeDaSafeStorage, portachiaviMancante } from './custode';
import { createDesktopShell } from './desktopShell';
import { registerIpc } from './ipc';
import { lockPermissions } from './permissions';
import { createMainWindow, hardenWebContents } from './window';

// The Electron shell: window, IPC transport, OS integration. Everything else lives in core.
const here = path.dirname(fileURLToPath(import.meta.url));
const preload = path.join(here, '../preload/index.cjs');
const rendererDir = path.join(here, '../renderer');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const policy = { appOrigin: APP_ORIGIN, ...(devServerUrl ? { devServerUrl } : {}) };

let mainWindow: BrowserWindow | null = null;
let workspace: Workspace | null = null;

// Before ready: the renderer's own scheme is a standard, secure origin (appProtocol.ts).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

// Italian everywhere Chromium decides by locale (date inputs show gg/mm/aaaa), whatever the OS says.
app.commandLine.appendSwitch('lang', 'it-IT');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  hardenWebContents();
  // fail also catches an error of start itself (a data folder that cannot be opened…), not only of whenReady.
  app.whenReady().then(start).catch(fail);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void workspace?.close();
  });
}

async function start(): Promise<void> {
  // Electron's default menu offers Reload and Toggle Developer Tools: a console on the operator's
  // data. The shipped app has none (shortcuts the page needs are its own); development keeps it.
  if (app.isPackaged) Menu.setApplicationMenu(null);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  // No permission (camera, notifications prompts, geolocation…) is granted to the page, the clipboard write aside.
  lockPermissions(session.defaultSession, policy);
  const dataDir = app.getPath('userData');
  const logs = openDataDir(dataDir);
  const logger = logs.logger;
  // The first run asks which service to use (the embedded demo or a remote URL); later runs reopen it.
  workspace = await Workspace.open({
    dataDir,
    logger,
    startDemo: () => startEmbeddedDemo(dataDir),
    // One encrypted credentials file per service, so switching service never mixes operators.
    credentialsFor: (key, initial) => new SafeStorageCredentials(path.join(dataDir, `credenziali-${key}.bin`), logger, initial),
    desktop: createDesktopShell(() => mainWindow),
    // The database key: wrapped by the OS secret store, or by the office passphrase where there is none.
    custode: custodeDaSafeStorage(logger),
    // …and when there is none, the operator is told why (Impostazioni, the passphrase page).
    portachiavi: portachiaviMancante(),
    pullIntervalMs: 5 * 60_000,
    flushLogs: logs.flush,
    // A remote service through Chromium's network stack: the system proxy (PAC too) and its authentication, the OS certificate store.
    fetch: chromiumTransport((url, init) => net.fetch(url, init)),
  });
  registerIpc(workspace, policy, () => mainWindow);
  mainWindow = createMainWindow({ preload, ...(devServerUrl ? { devServerUrl } : {}) });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  // The sedi's changes as system notifications (no personal data in them: counts only).
  workspace.events.subscribe(({ event, payload }) => {
    if (event !== 'cambiamenti.nuovi' || !Notification.isSupported()) return;
    const n = payload as { disdetti: number; chiusi: number; comunicazioni: number };
    new Notification({ title: 'Novità dalle sedi', body: `Disdetti: ${n.disdetti} · Chiusi: ${n.chiusi} · Comunicazioni: ${n.comunicazioni}` }).show();
  });
}

function fail(error: unknown): void {
  const payload = toErrorPayload(error);
  dialog.showErrorBox('Cassetto Desk non può avviarsi', payload.message);
  app.exit(1);
}
