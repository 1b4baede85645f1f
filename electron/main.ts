// Electron main process: one locked-down window, the IPC binding and the service. Kept thin:
// the policy lives in windowSecurity.ts and ipcHandlers.ts, the use-cases in service/ (all tested in Node).
import './threadPool';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session, shell, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bindIpc, createWindowEmitter, isTrustedSender } from './ipcHandlers';
import { createSafeStorageSecretStore } from './safeStorageSecrets';
import { registerBackends } from './backends';
import { createSweeperService, type SweeperService } from './service';
import { createElectronWindowsSignInTransport } from './windowsSignIn/electron';
import { APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl, resolveRendererAsset } from './windowSecurity';

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();
// Must run before 'ready': app:// behaves like https (secure context, 'self' in the CSP works).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | undefined;
let service: SweeperService | undefined;
let unbindIpc: (() => void) | undefined;

// out/main/index.js → out/renderer and out/preload (inside app.asar when packaged).
const rendererRoot = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'index.js');

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveRendererAsset(rendererRoot, request.url);
    if (asset === undefined) return new Response('Not found', { status: 404 });
    // net.fetch rejects for a missing file:// (net::ERR_FILE_NOT_FOUND) rather than answering !ok.
    let file: Response;
    try {
      file = await net.fetch(pathToFileURL(asset.file).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
    if (!file.ok) return new Response('Not found', { status: 404 });
    return new Response(file.body, {
      status: 200,
      headers: { 'content-type': asset.contentType, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
    });
  });
  // Same header on anything else the session loads (belt and braces for non-app:// responses).
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // The page needs no camera, notifications, clipboard reads or anything else.
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Mailbox Sweeper',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** No navigation away from the app, no new windows, no webviews, for every webContents. */
function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // External links are refused, not opened in a browser: an admin tool has no reason to.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function chooseSavePath(defaultName: string): Promise<string | undefined> {
  const options = { defaultPath: join(app.getPath('documents'), defaultName) };
  const chosen = mainWindow === undefined ? dialog.showSaveDialog(options) : dialog.showSaveDialog(mainWindow, options);
  return chosen.then((result) => (result.canceled || result.filePath === undefined || result.filePath === '' ? undefined : result.filePath));
}

/** Opens MSAL's sign-in address in the system browser; nothing but a web address is handed to the OS. */
function openSignInPage(url: string): Promise<void> {
  const protocol = new URL(url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') return Promise.reject(new Error(`Refusing to open ${protocol} addresses.`));
  return shell.openExternal(url);
}

function start(): void {
  serveRenderer();
  const secretStore = createSafeStorageSecretStore(safeStorage);
  // Graph's delegated sign-in runs in the admin's own browser (never in an app window: the
  // identity platform's guidance for desktop apps); its token cache is sealed by safeStorage.
  registerBackends({ graph: { dataDir: app.getPath('userData'), secrets: secretStore, openUrl: openSignInPage } });
  const sweeper = createSweeperService({
    dataDir: app.getPath('userData'),
    secretStore,
    chooseSavePath,
    emit: createWindowEmitter(() => mainWindow?.webContents),
    // "Use my Windows sign-in": Chromium's network stack signs in as the logged-on user.
    windowsSignIn: (url, onExchange) => createElectronWindowsSignInTransport(url, onExchange === undefined ? {} : { onExchange }),
  });
  service = sweeper;
  unbindIpc = bindIpc<IpcMainInvokeEvent>(ipcMain, sweeper, (event) =>
    isTrustedSender(event, mainWindow === undefined ? undefined : { webContentsId: mainWindow.webContents.id, isAppUrl }),
  );
  mainWindow = createWindow();
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === undefined) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  lockDownWebContents();
  // A single-window tool: closing the window ends it on every platform, macOS included.
  app.on('window-all-closed', () => app.quit());
  // Quit waits for the service to pause running jobs, so their journals end cleanly (resumable).
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || service === undefined) return;
    event.preventDefault();
    unbindIpc?.();
    void service
      .dispose()
      .catch((error: unknown) => console.error('Mailbox Sweeper: stopping the jobs cleanly failed', error))
      .finally(() => {
        disposed = true;
        app.quit();
      });
  });
  void app.whenReady().then(start);
}
