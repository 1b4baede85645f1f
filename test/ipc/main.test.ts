// The real electron/main.ts, run against a recording stand-in for the `electron` module (the
// Electron binary is not needed): what it registers at import, once the app is ready, how the
// app:// handler answers, how it locks every webContents down, who may call the IPC handlers,
// and how it quits. The stand-in records calls; the service behind the IPC is the real one,
// writing into a temporary userData folder.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invokeChannel, sweeperMethods } from '../../shared/ipc';
import { APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY } from '../../electron/windowSecurity';

type Listener = (...args: unknown[]) => unknown;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type InvokeHandler = (event: unknown, arg: unknown) => unknown;
type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

interface RecordedWindow {
  options: unknown;
  webContents: { id: number; send: (channel: string, payload: unknown) => void; isDestroyed: () => boolean };
  listeners: Map<string, Listener[]>;
  loadedUrls: string[];
  minimized: boolean;
  restores: number;
  focuses: number;
  shows: number;
}

const WINDOW_CONTENTS_ID = 7;

const electron = vi.hoisted(() => {
  const addListener = (map: Map<string, Listener[]>, event: string, listener: Listener): void => {
    map.set(event, [...(map.get(event) ?? []), listener]);
  };
  const fresh = () => {
    let resolveReady: () => void = () => undefined;
    const ready = new Promise<void>((resolveIt) => {
      resolveReady = resolveIt;
    });
    return {
      /** Every stand-in call in order, with whether the app was ready at the time. */
      log: [] as { call: string; args: unknown[]; ready: boolean }[],
      isReady: false,
      ready,
      resolveReady,
      lockGranted: true,
      userData: '',
      appListeners: new Map<string, Listener[]>(),
      protocolHandlers: new Map<string, unknown>(),
      ipcHandlers: new Map<string, unknown>(),
      windows: [] as RecordedWindow[],
      fetched: [] as string[],
      permissionRequestHandler: undefined as unknown,
      permissionCheckHandler: undefined as unknown,
      headersListener: undefined as unknown,
    };
  };
  const state = { current: fresh() };
  const record = (call: string, ...args: unknown[]): void => {
    state.current.log.push({ call, args, ready: state.current.isReady });
  };
  return { state, fresh, record, addListener };
});

vi.mock('electron', () => {
  const world = () => electron.state.current;
  class BrowserWindow implements RecordedWindow {
    readonly webContents = { id: WINDOW_CONTENTS_ID, send: (): void => undefined, isDestroyed: (): boolean => false };
    readonly listeners = new Map<string, Listener[]>();
    readonly loadedUrls: string[] = [];
    minimized = false;
    restores = 0;
    focuses = 0;
    shows = 0;
    constructor(readonly options: unknown) {
      electron.record('new BrowserWindow', options);
      world().windows.push(this);
    }
    on(event: string, listener: Listener): this {
      electron.addListener(this.listeners, event, listener);
      return this;
    }
    once(event: string, listener: Listener): this {
      return this.on(event, listener);
    }
    loadURL(url: string): Promise<void> {
      electron.record('loadURL', url);
      this.loadedUrls.push(url);
      return Promise.resolve();
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
      this.restores += 1;
    }
    focus(): void {
      this.focuses += 1;
    }
    show(): void {
      this.shows += 1;
    }
  }
  return {
    app: {
      enableSandbox: () => electron.record('enableSandbox'),
      requestSingleInstanceLock: () => {
        electron.record('requestSingleInstanceLock');
        return world().lockGranted;
      },
      quit: () => electron.record('quit'),
      on: (event: string, listener: Listener) => {
        electron.record('app.on', event);
        electron.addListener(world().appListeners, event, listener);
      },
      whenReady: () => {
        electron.record('whenReady');
        return world().ready;
      },
      getPath: (name: string) => {
        electron.record('getPath', name);
        return world().userData;
      },
    },
    BrowserWindow,
    dialog: {
      showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
    },
    ipcMain: {
      handle: (channel: string, handler: InvokeHandler) => {
        electron.record('ipcMain.handle', channel);
        if (world().ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        world().ipcHandlers.set(channel, handler);
      },
      removeHandler: (channel: string) => {
        electron.record('ipcMain.removeHandler', channel);
        world().ipcHandlers.delete(channel);
      },
    },
    net: {
      // Like Electron's net.fetch for a file:// URL: the file's bytes with status 200, and a
      // rejection (net::ERR_FILE_NOT_FOUND, the ClientRequest's 'error') when there is no file.
      fetch: async (input: string) => {
        world().fetched.push(input);
        const { readFile: read } = await import('node:fs/promises');
        const { fileURLToPath: toPath } = await import('node:url');
        let bytes: Buffer;
        try {
          bytes = await read(toPath(input));
        } catch {
          throw new Error('net::ERR_FILE_NOT_FOUND');
        }
        return new Response(new Uint8Array(bytes), { status: 200 });
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => electron.record('registerSchemesAsPrivileged', schemes),
      handle: (scheme: string, handler: ProtocolHandler) => {
        electron.record('protocol.handle', scheme);
        world().protocolHandlers.set(scheme, handler);
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: (): Buffer => {
        throw new Error('no key store in this stand-in');
      },
      decryptString: (): string => {
        throw new Error('no key store in this stand-in');
      },
    },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (listener: HeadersListener) => {
            electron.record('onHeadersReceived');
            world().headersListener = listener;
          },
        },
        setPermissionRequestHandler: (handler: PermissionRequestHandler) => {
          electron.record('setPermissionRequestHandler');
          world().permissionRequestHandler = handler;
        },
        setPermissionCheckHandler: (handler: () => boolean) => {
          electron.record('setPermissionCheckHandler');
          world().permissionCheckHandler = handler;
        },
      },
    },
  };
});

const repoRoot = resolve(import.meta.dirname, '..', '..');
const rendererRoot = join(repoRoot, 'renderer');

const world = () => electron.state.current;
const calls = (name: string) => world().log.filter((entry) => entry.call === name);
const flush = () => new Promise<void>((done) => setImmediate(done));

function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

function emitApp(event: string, ...args: unknown[]): void {
  const listeners = world().appListeners.get(event) ?? [];
  expect(listeners, `app listeners for '${event}'`).toHaveLength(1);
  for (const listener of listeners) listener(...args);
}

function theWindow(): RecordedWindow {
  const [window] = world().windows;
  if (window === undefined) throw new Error('no BrowserWindow was created');
  return window;
}

function appHandler(): ProtocolHandler {
  const handler = world().protocolHandlers.get(APP_SCHEME);
  if (typeof handler !== 'function') throw new Error(`no protocol handler for ${APP_SCHEME}:`);
  return handler as ProtocolHandler;
}

/** Calls a recorded ipcMain handler the way Electron does: a throw becomes a rejection. */
async function invoke(channel: string, event: unknown, arg?: unknown): Promise<unknown> {
  const handler = world().ipcHandlers.get(channel);
  if (typeof handler !== 'function') throw new Error(`No handler registered for '${channel}'`);
  return (handler as InvokeHandler)(event, arg);
}

const allChannels = sweeperMethods.map((method) => invokeChannel(method));

describe('electron/main.ts (first instance)', () => {
  let userData = '';

  beforeAll(async () => {
    userData = await mkdtemp(join(tmpdir(), 'sweeper-main-'));
    world().userData = userData;
    await import('../../electron/main');
  });

  afterAll(async () => {
    await rm(userData, { recursive: true, force: true });
  });

  it('at import: sandbox on, app:// privileged before ready, single-instance lock asked', () => {
    expect(world().isReady).toBe(false);
    expect(calls('enableSandbox')).toHaveLength(1);
    const privileged = calls('registerSchemesAsPrivileged');
    expect(privileged).toHaveLength(1);
    expect(privileged[0]?.ready).toBe(false);
    expect(privileged[0]?.args[0]).toEqual([
      expect.objectContaining({ scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(calls('requestSingleInstanceLock')).toHaveLength(1);
    expect(calls('whenReady')).toHaveLength(1);
    // Nothing that needs a ready app has happened yet.
    expect(world().windows).toHaveLength(0);
    expect(calls('protocol.handle')).toHaveLength(0);
    expect(calls('ipcMain.handle')).toHaveLength(0);
    expect(calls('quit')).toHaveLength(0);
    expect([...world().appListeners.keys()].sort()).toEqual(['second-instance', 'web-contents-created', 'will-quit', 'window-all-closed']);
  });

  describe('once the app is ready', () => {
    beforeAll(async () => {
      world().isReady = true;
      world().resolveReady();
      await flush();
    });

    it('serves app://, binds one IPC handler per method and opens one locked-down window on the app page', () => {
      expect(calls('protocol.handle').map((entry) => entry.args[0])).toEqual([APP_SCHEME]);

      const handled = calls('ipcMain.handle').map((entry) => entry.args[0]);
      expect(handled).toHaveLength(sweeperMethods.length);
      expect([...handled].sort()).toEqual([...allChannels].sort());

      expect(world().windows).toHaveLength(1);
      const window = theWindow();
      const options = window.options as { webPreferences?: Record<string, unknown> };
      expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
      const preload = options.webPreferences?.preload;
      expect(typeof preload).toBe('string');
      expect(String(preload).split(sep).join('/')).toMatch(/(^|\/)preload\/index\.js$/);
      expect(window.loadedUrls).toEqual([APP_ENTRY_URL]);

      // Shown once ready, not before.
      expect(window.shows).toBe(0);
      for (const listener of window.listeners.get('ready-to-show') ?? []) listener();
      expect(window.shows).toBe(1);

      expect(calls('getPath').map((entry) => entry.args[0])).toContain('userData');
    });

    it('denies every permission request and check, and adds the CSP to other responses', () => {
      const request = world().permissionRequestHandler as PermissionRequestHandler;
      expect(typeof request).toBe('function');
      for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation']) {
        const answers: boolean[] = [];
        request({}, permission, (granted) => answers.push(granted));
        expect(answers, permission).toEqual([false]);
      }
      const check = world().permissionCheckHandler as () => boolean;
      expect(check()).toBe(false);

      const onHeaders = world().headersListener as HeadersListener;
      const responses: { responseHeaders?: Record<string, string[]> }[] = [];
      onHeaders({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => responses.push(response));
      expect(responses).toEqual([{ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }]);
    });
  });

  describe('the app:// handler', () => {
    it('answers the entry page from the renderer folder with the CSP', async () => {
      const before = world().fetched.length;
      const response = await appHandler()(new Request(APP_ENTRY_URL));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(world().fetched.slice(before)).toEqual([pathToFileURL(join(rendererRoot, 'index.html')).toString()]);
      expect(await response.text()).toBe(await readFile(join(rendererRoot, 'index.html'), 'utf8'));
    });

    it('answers 404 without touching the disk for encoded traversals and other hosts', async () => {
      const before = world().fetched.length;
      for (const url of [
        'app://sweeper/..%2fpackage.json',
        'app://sweeper/%2e%2e%2fpackage.json',
        'app://sweeper/..%2f..%2fpackage.json',
        'app://sweeper/assets%5c..%5c..%5cpackage.json',
        'app://sweeper/index.html%00.js',
        'app://other/index.html',
        'app://sweeper/package',
      ]) {
        const response = await appHandler()(new Request(url));
        expect(response.status, url).toBe(404);
        expect(response.headers.get('content-security-policy'), url).toBeNull();
      }
      expect(world().fetched.slice(before)).toEqual([]);
    });

    it('never reads outside the renderer folder for dot segments (they clamp to renderer/package.json)', async () => {
      for (const url of ['app://sweeper/../package.json', 'app://sweeper/%2e%2e/package.json']) {
        const before = world().fetched.length;
        const outcome = await Promise.resolve(appHandler()(new Request(url))).then(
          (response) => ({ status: response.status }),
          (error: unknown) => ({ error: String(error) }),
        );
        // Not the repository's package.json: whatever happens, no 200.
        expect(outcome, url).not.toEqual({ status: 200 });
        const fetched = world().fetched.slice(before);
        expect(fetched, url).toEqual([pathToFileURL(join(rendererRoot, 'package.json')).toString()]);
        for (const fileUrl of fetched) {
          const fromRoot = relative(rendererRoot, fileURLToPath(fileUrl));
          expect(fromRoot.startsWith('..'), fileUrl).toBe(false);
        }
      }
    });

    // net.fetch rejects for a missing file (net::ERR_FILE_NOT_FOUND) instead of answering !ok
    // (the stand-in copies that); an uncaught rejection would fail the request with
    // net::ERR_UNEXPECTED instead of a 404.
    it('answers 404 (not a failed request) for a missing file inside the renderer folder', async () => {
      for (const url of ['app://sweeper/../package.json', 'app://sweeper/assets/missing.js']) {
        const response = await appHandler()(new Request(url));
        expect(response.status, url).toBe(404);
      }
    });
  });

  describe('every webContents', () => {
    it('stays on the app, attaches no webview and opens no window', () => {
      const contentsListeners = new Map<string, Listener[]>();
      const openHandlers: (() => unknown)[] = [];
      const contents = {
        on: (event: string, listener: Listener) => {
          electron.addListener(contentsListeners, event, listener);
          return contents;
        },
        setWindowOpenHandler: (handler: () => unknown) => {
          openHandlers.push(handler);
        },
      };
      emitApp('web-contents-created', fakeEvent(), contents);

      const navigate = (event: string, url: string): boolean => {
        const listeners = contentsListeners.get(event) ?? [];
        expect(listeners, event).toHaveLength(1);
        const fake = fakeEvent();
        for (const listener of listeners) listener(fake, url);
        return fake.defaultPrevented;
      };
      expect(navigate('will-navigate', 'https://example.com/')).toBe(true);
      expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
      expect(navigate('will-navigate', 'app://evil/index.html')).toBe(true);
      expect(navigate('will-navigate', APP_ENTRY_URL)).toBe(false);
      expect(navigate('will-navigate', 'app://sweeper/')).toBe(false);
      expect(navigate('will-redirect', 'https://example.com/')).toBe(true);
      expect(navigate('will-redirect', APP_ENTRY_URL)).toBe(false);

      const attach = contentsListeners.get('will-attach-webview') ?? [];
      expect(attach).toHaveLength(1);
      const attachEvent = fakeEvent();
      for (const listener of attach) listener(attachEvent, {}, {});
      expect(attachEvent.defaultPrevented).toBe(true);

      expect(openHandlers).toHaveLength(1);
      expect(openHandlers[0]?.()).toEqual({ action: 'deny' });
    });
  });

  describe('IPC', () => {
    const fromWindow = () => ({ sender: { id: theWindow().webContents.id }, senderFrame: { url: APP_ENTRY_URL } });

    it('answers the app window on the app page through the real service', async () => {
      expect(theWindow().webContents.id).toBe(WINDOW_CONTENTS_ID);
      const profiles = await invoke(invokeChannel('listProfiles'), fromWindow());
      expect(profiles).toEqual({ profiles: [], unreadable: [] });
    });

    it('refuses another webContents, a foreign page in the window, and a missing frame', async () => {
      const refusals = [
        { sender: { id: WINDOW_CONTENTS_ID + 1 }, senderFrame: { url: APP_ENTRY_URL } },
        { sender: { id: WINDOW_CONTENTS_ID }, senderFrame: { url: 'https://evil.example/' } },
        { sender: { id: WINDOW_CONTENTS_ID }, senderFrame: null },
      ];
      for (const event of refusals) {
        await expect(invoke(invokeChannel('listProfiles'), event), JSON.stringify(event)).rejects.toThrow(/did not come from the Mailbox Sweeper window/);
      }
    });

    it('refuses a malformed argument from the window', async () => {
      await expect(invoke(invokeChannel('listProfiles'), fromWindow(), { sneaky: true })).rejects.toThrow();
    });
  });

  describe('app lifecycle', () => {
    it('second-instance restores a minimized window and focuses it', () => {
      const window = theWindow();
      window.minimized = true;
      emitApp('second-instance', fakeEvent(), ['mailbox-sweeper'], process.cwd());
      expect(window.restores).toBe(1);
      expect(window.focuses).toBe(1);
      expect(window.minimized).toBe(false);

      emitApp('second-instance', fakeEvent(), ['mailbox-sweeper'], process.cwd());
      expect(window.restores).toBe(1);
      expect(window.focuses).toBe(2);
    });

    it('window-all-closed quits', () => {
      const before = calls('quit').length;
      emitApp('window-all-closed');
      expect(calls('quit')).toHaveLength(before + 1);
    });

    it('after the window closed, IPC from its old webContents id is refused', async () => {
      const window = theWindow();
      for (const listener of window.listeners.get('closed') ?? []) listener();
      await expect(invoke(invokeChannel('listProfiles'), { sender: { id: WINDOW_CONTENTS_ID }, senderFrame: { url: APP_ENTRY_URL } })).rejects.toThrow(
        /did not come from the Mailbox Sweeper window/,
      );
      // second-instance with no window does nothing.
      emitApp('second-instance', fakeEvent(), [], process.cwd());
      expect(window.focuses).toBe(2);
    });

    it('will-quit holds the quit, unbinds the IPC, disposes the service, then quits', async () => {
      const quitsBefore = calls('quit').length;
      expect(world().ipcHandlers.size).toBe(sweeperMethods.length);

      const first = fakeEvent();
      emitApp('will-quit', first);
      expect(first.defaultPrevented).toBe(true);
      expect([...calls('ipcMain.removeHandler').map((entry) => entry.args[0])].sort()).toEqual([...allChannels].sort());
      expect(world().ipcHandlers.size).toBe(0);
      // The quit waits for the service's dispose (asynchronous).
      expect(calls('quit')).toHaveLength(quitsBefore);

      await vi.waitFor(() => expect(calls('quit')).toHaveLength(quitsBefore + 1), { timeout: 3_000, interval: 5 });

      // The quit that follows is let through.
      const second = fakeEvent();
      emitApp('will-quit', second);
      expect(second.defaultPrevented).toBe(false);
      await flush();
      expect(calls('quit')).toHaveLength(quitsBefore + 1);
      expect(calls('ipcMain.removeHandler')).toHaveLength(sweeperMethods.length);
    });
  });
});

describe('electron/main.ts (second instance: lock refused)', () => {
  it('quits at once and never creates a window or binds anything', async () => {
    electron.state.current = electron.fresh();
    world().lockGranted = false;
    vi.resetModules();
    await import('../../electron/main');

    expect(calls('requestSingleInstanceLock')).toHaveLength(1);
    expect(calls('quit')).toHaveLength(1);
    expect(calls('whenReady')).toHaveLength(0);
    expect(world().appListeners.size).toBe(0);

    // Even if the app becomes ready, nothing is started.
    world().isReady = true;
    world().resolveReady();
    await flush();
    expect(world().windows).toHaveLength(0);
    expect(calls('new BrowserWindow')).toHaveLength(0);
    expect(calls('ipcMain.handle')).toHaveLength(0);
    expect(calls('protocol.handle')).toHaveLength(0);
  });
});
