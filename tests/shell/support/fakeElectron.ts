import { EventEmitter } from 'node:events';

// A stand-in for the Electron APIs the shell uses. It records what the shell asks (windows and
// their options, protocol handlers, permission handlers, navigation and window-open handlers, IPC
// handlers, menus, dialogs, app events) and lets a test play Electron's part. It simulates nothing
// the shell decides: every answer that matters comes from the shell's own handlers.

export interface Call {
  api: string;
  args: unknown[];
}

export interface FrameInfo {
  url: string;
  origin: string;
  /** null for the top-level frame. */
  parent: FrameInfo | null;
}

type Handler = (...args: any[]) => any;

/** The security origin Chromium gives a URL (scheme://host[:port]; opaque 'null' for file:, data:, about:). */
export function originOf(url: string): string {
  try {
    const u = new URL(url);
    if (['file:', 'data:', 'about:', 'blob:', 'javascript:'].includes(u.protocol)) return 'null';
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'null';
  }
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  url = '';
  windowOpenHandler: Handler | null = null;
  /** What the main process sent to the page, in order. */
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  /** The preload's ipcRenderer listeners, once a preload runs in this page. */
  readonly pageListeners = new EventEmitter();

  constructor(private readonly fake: FakeElectron) {
    super();
  }
  get mainFrame(): FrameInfo {
    return { url: this.url, origin: originOf(this.url), parent: null };
  }
  setWindowOpenHandler(handler: Handler): void {
    this.fake.record('webContents.setWindowOpenHandler', []);
    this.windowOpenHandler = handler;
  }
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
    // Electron serialises IPC messages: the page never gets the main process's objects.
    this.pageListeners.emit(channel, { sender: null }, structuredClone(message));
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  loaded: { kind: 'url' | 'file'; target: string } | null = null;
  shown = false;

  constructor(
    private readonly fake: FakeElectron,
    readonly options: Record<string, any>,
  ) {
    super();
    fake.record('new BrowserWindow', [options]);
    this.webContents = new FakeWebContents(fake);
    fake.windows.push(this);
    // As Electron does, before the constructor returns.
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.fake.record('BrowserWindow.loadURL', [url]);
    this.loaded = { kind: 'url', target: url };
    this.webContents.url = url;
  }
  async loadFile(file: string): Promise<void> {
    this.fake.record('BrowserWindow.loadFile', [file]);
    this.loaded = { kind: 'file', target: file };
    this.webContents.url = new URL(`file://${file}`).href;
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {
    this.fake.record('BrowserWindow.restore', []);
  }
  focus(): void {
    this.fake.record('BrowserWindow.focus', []);
  }
  isDestroyed(): boolean {
    return false;
  }
  close(): void {
    this.emit('closed');
  }
}

class FakeSession {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  constructor(private readonly fake: FakeElectron) {}
  setPermissionRequestHandler(handler: Handler | null): void {
    this.fake.record('session.setPermissionRequestHandler', []);
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler | null): void {
    this.fake.record('session.setPermissionCheckHandler', []);
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Handler | null): void {
    this.fake.record('session.setDevicePermissionHandler', []);
    this.devicePermissionHandler = handler;
  }
}

export interface FakeOptions {
  userData: string;
  /** safeStorage's Linux backend ('gnome_libsecret', 'kwallet5', 'basic_text'…) or false: no encryption at all. */
  safeStorage: string | false;
  isPackaged?: boolean;
}

/** One fake Electron per process (the main bundle runs once, as in Electron). */
export class FakeElectron {
  readonly calls: Call[] = [];
  readonly windows: FakeBrowserWindow[] = [];
  readonly ipcHandlers = new Map<string, Handler>();
  readonly protocolHandlers = new Map<string, Handler>();
  readonly privilegedSchemes: Array<{ scheme: string; privileges: Record<string, boolean> }> = [];
  readonly errorBoxes: Array<{ title: string; content: string }> = [];
  readonly opened: string[] = [];
  exitCode: number | null = null;
  quitRequested = false;
  isReady = false;
  #ready!: () => void;
  readonly #readyPromise = new Promise<void>((resolve) => (this.#ready = resolve));
  readonly defaultSession: FakeSession;

  readonly app: EventEmitter & Record<string, any>;
  readonly protocol: Record<string, Handler>;
  readonly session: { defaultSession: FakeSession };
  readonly ipcMain: Record<string, Handler>;
  readonly dialog: Record<string, Handler>;
  readonly shell: Record<string, Handler>;
  readonly safeStorage: {
    isEncryptionAvailable(): boolean;
    getSelectedStorageBackend(): string;
    encryptString(text: string): Buffer;
    decryptString(data: Buffer): string;
  };
  readonly Menu: Record<string, Handler>;
  readonly net: Record<string, Handler>;
  readonly BrowserWindow: new (options: Record<string, any>) => FakeBrowserWindow;
  readonly Notification: { new (options: Record<string, unknown>): { show(): void }; isSupported(): boolean };
  /** Renderer-side APIs, for the preload (filled when a preload is loaded). */
  contextBridge: Record<string, Handler> = {};
  ipcRenderer: Record<string, Handler> = {};

  constructor(readonly options: FakeOptions) {
    const record = this.record.bind(this);
    this.defaultSession = new FakeSession(this);
    this.session = { defaultSession: this.defaultSession };
    this.app = Object.assign(new EventEmitter(), {
      isPackaged: options.isPackaged ?? false,
      commandLine: { appendSwitch: (...args: unknown[]) => record('app.commandLine.appendSwitch', args) },
      requestSingleInstanceLock: () => true,
      whenReady: () => this.#readyPromise,
      isReady: () => this.isReady,
      getPath: (name: string) => {
        if (name !== 'userData') throw new Error(`fake app.getPath: ${name} not faked`);
        return options.userData;
      },
      getVersion: () => '0.0.0-harness',
      getName: () => 'Cassetto Desk',
      getLocale: () => 'it-IT',
      quit: () => {
        record('app.quit', []);
        this.quitRequested = true;
      },
      exit: (code = 0) => {
        record('app.exit', [code]);
        this.exitCode = code;
      },
    });
    this.protocol = {
      registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) => {
        record('protocol.registerSchemesAsPrivileged', [schemes]);
        // Electron ignores it after ready: the scheme would silently not be privileged.
        if (this.isReady) throw new Error('protocol.registerSchemesAsPrivileged called after ready');
        this.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: Handler) => {
        record('protocol.handle', [scheme]);
        if (!this.isReady) throw new Error('protocol.handle called before ready');
        this.protocolHandlers.set(scheme, handler);
      },
      unhandle: (scheme: string) => this.protocolHandlers.delete(scheme),
      isProtocolHandled: (scheme: string) => this.protocolHandlers.has(scheme),
    };
    this.ipcMain = {
      handle: (channel: string, handler: Handler) => {
        record('ipcMain.handle', [channel]);
        if (this.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        this.ipcHandlers.set(channel, handler);
      },
      removeHandler: (channel: string) => this.ipcHandlers.delete(channel),
      on: (channel: string) => record('ipcMain.on', [channel]),
    };
    this.dialog = {
      showErrorBox: (title: string, content: string) => {
        record('dialog.showErrorBox', [title, content]);
        this.errorBoxes.push({ title, content });
      },
      showOpenDialog: async (...args: unknown[]) => {
        record('dialog.showOpenDialog', args);
        return { canceled: true, filePaths: [] };
      },
      showMessageBox: async (...args: unknown[]) => {
        record('dialog.showMessageBox', args);
        return { response: 0 };
      },
    };
    this.shell = {
      openExternal: async (url: string) => {
        record('shell.openExternal', [url]);
        this.opened.push(url);
      },
      openPath: async (file: string) => {
        record('shell.openPath', [file]);
        return '';
      },
    };
    const backend = options.safeStorage;
    this.safeStorage = {
      isEncryptionAvailable: () => backend !== false,
      getSelectedStorageBackend: () => (backend === false ? 'unknown' : backend),
      // Reversible and visibly not plain text; the harness checks what is stored, not the cipher.
      encryptString: (text: string) => {
        record('safeStorage.encryptString', []);
        return Buffer.from(`fake:${Buffer.from(text).toString('base64')}`);
      },
      decryptString: (data: Buffer) => {
        record('safeStorage.decryptString', []);
        return Buffer.from(data.toString().replace(/^fake:/, ''), 'base64').toString();
      },
    };
    this.Menu = {
      setApplicationMenu: (menu: unknown) => record('Menu.setApplicationMenu', [menu]),
      buildFromTemplate: (template: unknown) => ({ template }),
      getApplicationMenu: () => null,
    };
    this.net = {
      fetch: (input: string | Request, init?: RequestInit) => {
        record('net.fetch', [typeof input === 'string' ? input : input.url]);
        return fetch(input, init);
      },
    };
    const makeWindow = (windowOptions: Record<string, any>) => new FakeBrowserWindow(this, windowOptions);
    // `new BrowserWindow(options)` in the shell: a constructor returning the recorded window.
    this.BrowserWindow = function BrowserWindow(windowOptions: Record<string, any>) {
      return makeWindow(windowOptions);
    } as unknown as new (options: Record<string, any>) => FakeBrowserWindow;
    this.Notification = class {
      static isSupported() {
        return false;
      }
      constructor(readonly notice: Record<string, unknown>) {}
      show() {
        record('Notification.show', [this.notice]);
      }
    };
  }

  record(api: string, args: unknown[]): void {
    this.calls.push({ api, args });
  }
  /** The APIs called, in order, by name. */
  called(api: string): Call[] {
    return this.calls.filter((c) => c.api === api);
  }
  /** Electron's 'ready': the shell's whenReady() resolves. */
  ready(): void {
    this.isReady = true;
    this.#ready();
  }
  install(): void {
    (globalThis as Record<string, unknown>).__cassettoFakeElectron = this;
  }
}
