import fs from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { shellBuild, type ShellBuild } from './build';
import { FakeElectron, originOf, type FakeBrowserWindow, type FakeOptions, type FrameInfo } from './fakeElectron';

// The shell harness: the built main bundle runs under Node with the fake Electron in place of the
// real one (a module loader hook redirects its `import 'electron'`), and the built preload runs in
// a bare context with a `require` that knows only 'electron', as in a sandboxed renderer. The test
// then plays Electron: it sends IPC, navigates, opens windows, asks permissions, fetches through
// the app's protocol. One shell per test file (vitest runs each file in its own process).

export interface Shell {
  fake: FakeElectron;
  build: ShellBuild;
  userData: string;
  /** The app's window, once the shell opened it. */
  window(): FakeBrowserWindow;
  /** An IPC call on `channel` as if sent by `frame` (the page's main frame by default). */
  invoke(channel: string, frame: FrameInfo, ...args: unknown[]): Promise<unknown>;
  /** Fires will-navigate and will-frame-navigate as Chromium would; true when the shell refused it. */
  navigate(url: string): { willNavigate: boolean; willFrameNavigate: boolean; willRedirect: boolean };
  /** window.open / target=_blank: the shell's window-open handler's answer. */
  openWindow(url: string): { action: string };
  requestPermission(permission: string, details: { requestingUrl: string; isMainFrame: boolean }): Promise<boolean>;
  /** A permission check; without requestingUrl Electron gives only the requesting origin. */
  checkPermission(permission: string, details: { requestingUrl?: string; origin?: string; isMainFrame: boolean }): boolean;
  /** A request the page makes to a URL of `scheme`, answered by the shell's protocol handler. */
  fetchScheme(scheme: string, url: string, init?: RequestInit): Promise<Response>;
  /** Runs the built preload in the page: what it exposed on `window` through the contextBridge. */
  loadPreload(): { exposed: Map<string, Record<string, unknown>>; required: string[] };
  /** Quits the app as Electron would (will-quit) and removes the data folder. */
  quit(): Promise<void>;
}

export interface LaunchOptions extends Partial<FakeOptions> {
  /** Environment for the shell's start (e.g. ELECTRON_RENDERER_URL), restored after loading. */
  env?: Record<string, string>;
}

let hooked = false;

function hook(build: ShellBuild): void {
  if (hooked) return;
  hooked = true;
  const here = import.meta.dirname;
  register(pathToFileURL(path.join(here, 'electron-hooks.mjs')), {
    data: { stubUrl: pathToFileURL(path.join(here, 'electron-stub.mjs')).href, scope: pathToFileURL(build.outDir).href },
  });
}

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`shell harness: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function preventable() {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** Builds (or reuses) the bundles, loads the main bundle, fires 'ready' and waits for the window or a start-up failure. */
export async function launchShell(options: LaunchOptions = {}): Promise<Shell> {
  const build = await shellBuild();
  const userData = options.userData ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cassetto-shell-'));
  const fake = new FakeElectron({ userData, safeStorage: options.safeStorage ?? 'gnome_libsecret', isPackaged: options.isPackaged ?? false });
  fake.install();
  hook(build);
  const saved = { ...process.env };
  delete process.env.ELECTRON_RENDERER_URL;
  Object.assign(process.env, options.env ?? {});
  try {
    await import(/* @vite-ignore */ pathToFileURL(build.main).href);
  } finally {
    for (const key of Object.keys(options.env ?? {})) delete process.env[key];
    Object.assign(process.env, saved);
  }
  fake.ready();
  await until('the window or a start-up error', () => fake.windows.length > 0 || fake.errorBoxes.length > 0);

  const window = () => {
    const win = fake.windows[0];
    if (!win) throw new Error('shell harness: no window was opened');
    return win;
  };
  const invoke: Shell['invoke'] = async (channel, frame, ...args) => {
    const handler = fake.ipcHandlers.get(channel);
    // Electron answers an unhandled invoke with an error in the renderer.
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler({ sender: window().webContents, senderFrame: frame }, ...structuredClone(args)));
  };

  return {
    fake,
    build,
    userData,
    window,
    invoke,
    navigate(url) {
      const contents = window().webContents;
      const [nav, frameNav, redirect] = [preventable(), preventable(), preventable()];
      contents.emit('will-navigate', nav, url);
      contents.emit('will-frame-navigate', frameNav);
      contents.emit('will-redirect', redirect, url);
      return { willNavigate: nav.defaultPrevented, willFrameNavigate: frameNav.defaultPrevented, willRedirect: redirect.defaultPrevented };
    },
    openWindow(url) {
      const handler = window().webContents.windowOpenHandler;
      // Without a handler Electron opens the window: the harness reports that as 'allow'.
      if (!handler) return { action: 'allow' };
      return handler({ url, frameName: '', features: '', disposition: 'foreground-tab', referrer: { url: '', policy: 'default' } });
    },
    requestPermission(permission, details) {
      const handler = fake.defaultSession.permissionRequestHandler;
      // Without a handler Electron grants every permission.
      if (!handler) return Promise.resolve(true);
      return new Promise((resolve) => handler(window().webContents, permission, resolve, details));
    },
    checkPermission(permission, details) {
      const handler = fake.defaultSession.permissionCheckHandler;
      if (!handler) return true;
      const { origin, ...rest } = details;
      return handler(window().webContents, permission, origin ?? originOf(details.requestingUrl ?? ''), rest) as boolean;
    },
    async fetchScheme(scheme, url, init) {
      const handler = fake.protocolHandlers.get(scheme);
      if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${scheme} has no handler)`);
      return (await handler(new Request(url, init))) as Response;
    },
    loadPreload() {
      return runPreload(fake, window(), invoke);
    },
    async quit() {
      fake.app.emit('before-quit', preventable());
      fake.app.emit('will-quit', preventable());
      // The shell closes its workspace without waiting (void): give it a moment before the folder goes.
      await new Promise((r) => setTimeout(r, 300));
      fs.rmSync(userData, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

type Invoke = Shell['invoke'];

/** The preload as a sandboxed renderer runs it: CommonJS, a `require` for 'electron' only, the page's main frame as sender. */
function runPreload(fake: FakeElectron, win: FakeBrowserWindow, invoke: Invoke): ReturnType<Shell['loadPreload']> {
  const preload = win.options.webPreferences?.preload as string;
  const code = fs.readFileSync(preload, 'utf8');
  const exposed = new Map<string, Record<string, unknown>>();
  const required: string[] = [];
  const contents = win.webContents;
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => {
        fake.record('contextBridge.exposeInMainWorld', [key]);
        exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => invoke(channel, contents.mainFrame, ...args),
      on: (channel: string, listener: (...a: unknown[]) => void) => contents.pageListeners.on(channel, listener),
      removeListener: (channel: string, listener: (...a: unknown[]) => void) => contents.pageListeners.removeListener(channel, listener),
      send: (channel: string) => fake.record('ipcRenderer.send', [channel]),
    },
  };
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id} (a sandboxed preload can require only electron)`);
  };
  const module = { exports: {} };
  const wrapper = vm.runInNewContext(`(function (exports, require, module) {${code}\n})`, { console }, { filename: preload }) as (
    e: unknown,
    r: unknown,
    m: unknown,
  ) => void;
  wrapper(module.exports, sandboxRequire, module);
  return { exposed, required };
}
