/**
 * A recording stand-in for the `electron` module. The Electron binary cannot run on these machines,
 * so the shell's wiring is checked against this fake (vi.mock('electron')); everything it records is
 * what the real app would have asked Electron to do.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const recorded = {
  handlers: new Map<string, Handler>(),
  windows: [] as FakeBrowserWindow[],
  exposed: new Map<string, unknown>(),
  opened: [] as string[],
  permissionHandler: undefined as undefined | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  headersHandler: undefined as
    undefined | ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void),
  schemes: [] as unknown[],
  invoked: [] as [string, unknown][],
  rendererListeners: new Map<string, Set<(...args: unknown[]) => void>>(),
  reset() {
    this.handlers.clear();
    this.windows.length = 0;
    this.exposed.clear();
    this.opened.length = 0;
    this.invoked.length = 0;
    this.rendererListeners.clear();
  },
};

export class FakeWebContents extends EventEmitter {
  sent: [string, ...unknown[]][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  printed: Record<string, unknown>[] = [];
  /** A PDF's first bytes, then the page Electron was given, so a test can see what was printed. */
  printToPDF(options: Record<string, unknown>) {
    this.printed.push(options);
    return Promise.resolve(Buffer.from(`%PDF-1.7 fake\n${this.loadedUrl ?? ''}`));
  }
  loadedUrl: string | undefined;
}

export class FakeBrowserWindow extends EventEmitter {
  webContents = new FakeWebContents();
  loaded: string | undefined;
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    this.webContents.loadedUrl = url;
    return Promise.resolve();
  }
  show() {}
  destroyed = false;
  destroy() {
    this.destroyed = true;
  }
}

export const BrowserWindow = FakeBrowserWindow;

export const ipcMain = {
  handle: (channel: string, handler: Handler) => {
    if (recorded.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.handlers.set(channel, handler);
  },
  removeHandler: (channel: string) => recorded.handlers.delete(channel),
};

export const shell = {
  openExternal: (url: string) => {
    recorded.opened.push(url);
    return Promise.resolve();
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: typeof recorded.permissionHandler) =>
      (recorded.permissionHandler = handler),
    webRequest: {
      onHeadersReceived: (handler: typeof recorded.headersHandler) => (recorded.headersHandler = handler),
    },
  },
};

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  whenReady: () => Promise.resolve(),
  getPath: () => '/nonexistent',
  quit: () => undefined,
  exit: () => undefined,
});

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.schemes.push(...schemes),
  handle: () => undefined,
};

export const net = { fetch: () => Promise.resolve(new Response('')) };
export const dialog = { showErrorBox: () => undefined };
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s: string) => Buffer.from(s),
  decryptString: (b: Buffer) => b.toString(),
  getSelectedStorageBackend: () => 'gnome_libsecret',
};

export const contextBridge = {
  exposeInMainWorld: (key: string, api: unknown) => recorded.exposed.set(key, api),
};

export const ipcRenderer = {
  invoke: (channel: string, input: unknown) => {
    recorded.invoked.push([channel, input]);
    return Promise.resolve({ ok: true, result: { channel } });
  },
  on: (channel: string, listener: (...args: unknown[]) => void) => {
    const set = recorded.rendererListeners.get(channel) ?? new Set();
    set.add(listener);
    recorded.rendererListeners.set(channel, set);
  },
  removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
    recorded.rendererListeners.get(channel)?.delete(listener);
  },
};

export default {
  BrowserWindow,
  ipcMain,
  shell,
  session,
  app,
  protocol,
  net,
  dialog,
  safeStorage,
  contextBridge,
  ipcRenderer,
};
