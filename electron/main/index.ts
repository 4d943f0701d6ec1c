import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Notification, app, dialog, session, type BrowserWindow } from 'electron';
import { toErrorPayload } from '../common/errors';
import { startEmbeddedDemo, type EmbeddedDemo } from '../../sandbox/embedded';
import { openCore, type Core } from '../core/app';
import { systemClock } from '../core/clock';
import { HttpGateway } from '../core/gateway/httpGateway';
import { createStderrLogger } from '../core/log';
import { DATABASE_FILE } from '../core/paths';
import { SafeStorageCredentials } from './credentials';
import { createDesktopShell } from './desktopShell';
import { registerIpc } from './ipc';
import { createMainWindow, hardenWebContents } from './window';

// The Electron shell: window, IPC transport, OS integration. Everything else lives in core.
const here = path.dirname(fileURLToPath(import.meta.url));
const preload = path.join(here, '../preload/index.cjs');
const indexHtml = path.join(here, '../renderer/index.html');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let demo: EmbeddedDemo | null = null;

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
  app.whenReady().then(start, fail);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void core?.close();
    void demo?.close();
  });
}

async function start(): Promise<void> {
  // No permission (camera, notifications prompts, geolocation…) is ever granted to the page.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const logger = createStderrLogger();
  const dataDir = app.getPath('userData');
  // Until the first-run choice of a real service exists, the embedded sandbox is the service.
  demo = await startEmbeddedDemo(dataDir);
  const credentials = new SafeStorageCredentials(path.join(dataDir, 'credenziali.bin'), logger, demo.credentials);
  const gateway = new HttpGateway({ baseUrl: demo.url, credentials, clock: systemClock });
  core = await openCore({ dbPath: path.join(dataDir, DATABASE_FILE), logger, gateway, credentials, desktop: createDesktopShell(() => mainWindow) });
  const policy = { indexFileUrl: pathToFileURL(indexHtml).href, ...(devServerUrl ? { devServerUrl } : {}) };
  registerIpc(core, policy, () => mainWindow);
  mainWindow = createMainWindow({ preload, indexHtml, ...(devServerUrl ? { devServerUrl } : {}) });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  core.ctx.sync.start({ pullIntervalMs: 5 * 60_000 });
  // The sedi's changes as system notifications (no personal data in them: counts only).
  core.events.subscribe(({ event, payload }) => {
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
