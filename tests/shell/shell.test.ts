import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_HEADER } from '../../electron/common/csp';
import { launchShell, type Shell } from './support/shell';

// The built main and preload bundles, run under Node with a fake Electron (tests/shell/support):
// what the shipped shell does when Electron asks it things.

const INDEX = 'cassetto://app/index.html';
const page = (url = `${INDEX}#/`) => ({
  url,
  origin: new URL(url).protocol === 'file:' ? 'null' : `${new URL(url).protocol}//${new URL(url).host}`,
  parent: null,
});
const INVOKE = 'cassetto:invoke';
let shell: Shell;

beforeAll(async () => {
  // As shipped: packaged. ELECTRON_RENDERER_URL in the environment must not point the window elsewhere.
  shell = await launchShell({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
}, 240_000);
afterAll(async () => {
  await shell?.quit();
});

describe('start-up', () => {
  it('opens one locked-down window: no Node, isolated, sandboxed, web security on, the built preload', () => {
    expect(shell.fake.errorBoxes).toEqual([]);
    expect(shell.fake.windows).toHaveLength(1);
    const prefs = shell.window().options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload).toBe(shell.build.preload);
    expect(fs.existsSync(prefs.preload)).toBe(true);
  });

  it('removes Electron’s default menu (Reload, Toggle Developer Tools) from the shipped app', () => {
    expect(shell.fake.called('Menu.setApplicationMenu').map((c) => c.args)).toEqual([[null]]);
  });

  it('loads the renderer from cassetto://app, never from file:// nor a dev server named by the environment', () => {
    expect(shell.window().loaded).toEqual({ kind: 'url', target: INDEX });
    expect(shell.fake.called('BrowserWindow.loadFile')).toEqual([]);
  });

  it('makes cassetto a standard, secure scheme before ready, and handles it after', () => {
    expect(shell.fake.privilegedSchemes).toEqual([
      { scheme: 'cassetto', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    const order = shell.fake.calls.map((c) => c.api);
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(order.indexOf('protocol.handle'));
    expect([...shell.fake.protocolHandlers.keys()]).toEqual(['cassetto']);
  });

  it('sets the Italian locale; a second start brings the window forward; closing the window quits', () => {
    expect(shell.fake.called('app.commandLine.appendSwitch')).toEqual([{ api: 'app.commandLine.appendSwitch', args: ['lang', 'it-IT'] }]);
    shell.fake.app.emit('second-instance', {}, ['cassetto-desk'], process.cwd());
    expect(shell.fake.called('BrowserWindow.focus')).toHaveLength(1);
    expect(shell.fake.quitRequested).toBe(false);
    shell.fake.app.emit('window-all-closed');
    expect(shell.fake.quitRequested).toBe(true);
  });
});

describe('the cassetto:// protocol', () => {
  it('serves the built index.html with the CSP header, and its scripts and styles with their types', async () => {
    const res = await shell.fetchScheme('cassetto', INDEX);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP_HEADER);
    const html = await res.text();
    expect(html).toBe(fs.readFileSync(path.join(shell.build.renderer, 'index.html'), 'utf8'));
    const script = html.match(/<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/)?.[1];
    const style = html.match(/<link rel="stylesheet" crossorigin href="\.\/(assets\/[^"]+\.css)"/)?.[1];
    expect(script && style).toBeTruthy();
    expect((await shell.fetchScheme('cassetto', `cassetto://app/${script}`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await shell.fetchScheme('cassetto', `cassetto://app/${style}`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves every file of the built renderer (source maps aside) with a MIME type', async () => {
    const files = fs.readdirSync(shell.build.renderer, { recursive: true, encoding: 'utf8' }).filter((f) => !f.endsWith('.map'));
    const built = files.filter((f) => fs.statSync(path.join(shell.build.renderer, f)).isFile());
    expect(built.length).toBeGreaterThan(10);
    for (const file of built) {
      const res = await shell.fetchScheme('cassetto', `cassetto://app/${file.split(path.sep).map(encodeURIComponent).join('/')}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(/^(text\/(html|javascript|css)|image\/|font\/|application\/(json|wasm))/);
    }
  });

  it('refuses paths that climb out of the renderer folder to the main bundle', async () => {
    for (const url of ['cassetto://app/..%2fmain%2findex.js', 'cassetto://app/assets/..%2f..%2fmain/index.js', 'cassetto://app/..%5cmain%5cindex.js']) {
      const res = await shell.fetchScheme('cassetto', url);
      expect(res.status, url).toBe(400);
      expect(await res.text()).not.toContain('registerSchemesAsPrivileged');
    }
    // Dot segments the URL parser removes land inside the folder, where there is no main bundle.
    expect((await shell.fetchScheme('cassetto', 'cassetto://app/../main/index.js')).status).toBe(404);
  });
});

describe('IPC', () => {
  it('answers the app page through the command table', async () => {
    const result = await shell.invoke(INVOKE, page(), 'configurazione.stato', {});
    expect(result).toMatchObject({ ok: true, value: { primoAvvio: true, cartellaDati: shell.userData } });
  });

  it('refuses a forged sender: the old file:// page, another host or page, a subframe, a foreign origin', async () => {
    const refused = { ok: false, error: { code: 'NON_AUTORIZZATO' } };
    const file = `file://${path.join(shell.build.renderer, 'index.html')}`;
    expect(await shell.invoke(INVOKE, page(file), 'configurazione.stato', {})).toMatchObject(refused);
    expect(await shell.invoke(INVOKE, page('cassetto://evil/index.html'), 'configurazione.stato', {})).toMatchObject(refused);
    expect(await shell.invoke(INVOKE, page('https://example.com/'), 'configurazione.stato', {})).toMatchObject(refused);
    expect(await shell.invoke(INVOKE, page('http://localhost:5173/#/'), 'configurazione.stato', {})).toMatchObject(refused);
    expect(await shell.invoke(INVOKE, page('cassetto://app/favicon.svg'), 'configurazione.stato', {})).toMatchObject(refused);
    expect(await shell.invoke(INVOKE, { ...page(), parent: page() }, 'configurazione.stato', {})).toMatchObject(refused);
    expect(await shell.invoke(INVOKE, { ...page(), origin: 'https://example.com' }, 'configurazione.stato', {})).toMatchObject(refused);
    expect(await shell.invoke(INVOKE, null as never, 'configurazione.stato', {})).toMatchObject(refused);
  });

  it('has one channel: nothing else is handled', () => {
    expect([...shell.fake.ipcHandlers.keys()]).toEqual([INVOKE]);
    expect(shell.fake.called('ipcMain.on')).toEqual([]);
  });
});

describe('navigation, windows and permissions', () => {
  it('blocks every navigation away from the page, in any frame, and redirects', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'cassetto://app/index.html', 'http://127.0.0.1:1/']) {
      expect(shell.navigate(url), url).toEqual({ willNavigate: true, willFrameNavigate: true, willRedirect: true });
    }
  });

  it('denies window.open; an allowed INPS link goes to the system browser, anything else nowhere', () => {
    expect(shell.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(shell.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(shell.openWindow('cassetto://app/index.html')).toEqual({ action: 'deny' });
    expect(shell.fake.opened).toEqual([]);
    expect(shell.openWindow('https://www.inps.it/')).toEqual({ action: 'deny' });
    expect(shell.fake.opened).toEqual(['https://www.inps.it/']);
  });

  it('refuses camera, microphone, notifications, geolocation, devices; lets only the app page write to the clipboard', async () => {
    const app = { requestingUrl: `${INDEX}#/appuntamenti`, isMainFrame: true };
    for (const permission of ['media', 'notifications', 'geolocation', 'display-capture', 'hid', 'usb', 'serial', 'clipboard-read', 'openExternal']) {
      expect(await shell.requestPermission(permission, app), permission).toBe(false);
      expect(shell.checkPermission(permission, app), permission).toBe(false);
    }
    expect(await shell.requestPermission('clipboard-sanitized-write', app)).toBe(true);
    expect(shell.checkPermission('clipboard-sanitized-write', app)).toBe(true);
    expect(shell.checkPermission('clipboard-sanitized-write', { origin: 'cassetto://app', isMainFrame: true })).toBe(true);
    expect(shell.checkPermission('clipboard-sanitized-write', { origin: 'https://evil.example', isMainFrame: true })).toBe(false);
    expect(shell.checkPermission('clipboard-sanitized-write', { requestingUrl: 'file:///tmp/x.html', isMainFrame: true })).toBe(false);
    expect(await shell.requestPermission('clipboard-sanitized-write', { requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(await shell.requestPermission('clipboard-sanitized-write', { ...app, isMainFrame: false })).toBe(false);
    expect(shell.fake.defaultSession.devicePermissionHandler?.({ deviceType: 'usb', origin: 'cassetto://app' })).toBe(false);
  });
});

describe('the preload', () => {
  it('requires only electron and exposes window.cassetto with exactly invoke and on', () => {
    const { exposed, required } = shell.loadPreload();
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['cassetto']);
    const bridge = exposed.get('cassetto')!;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('carries a command from the page to the core and back, and core events to the page', async () => {
    const bridge = shell.loadPreload().exposed.get('cassetto') as {
      invoke: (name: string, input: unknown) => Promise<unknown>;
      on: (event: string, listener: (payload: unknown) => void) => () => void;
    };
    expect(await bridge.invoke('configurazione.stato', {})).toMatchObject({ ok: true, value: { primoAvvio: true } });
    // Operations-only commands stay out of reach of the page.
    expect(await bridge.invoke('demo.carica', { dimensione: 'tiny' })).toMatchObject({ ok: false, error: { code: 'COMANDO_NON_CONSENTITO' } });
    const seen: unknown[] = [];
    const stop = bridge.on('sync.stato', (payload) => seen.push(payload));
    shell.window().webContents.send('cassetto:event', { event: 'sync.stato', payload: { n: 1 } });
    shell.window().webContents.send('cassetto:event', { event: 'altro', payload: { n: 2 } });
    stop();
    shell.window().webContents.send('cassetto:event', { event: 'sync.stato', payload: { n: 3 } });
    expect(seen).toEqual([{ n: 1 }]);
  });
});
