// Electron's main process, kept thin: windows, the app protocol, IPC transport and security
// policy, the menu and lectern:// links. Everything else is the plain-Node core in core.ts and
// the plain modules of desktop/.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, screen, session, shell, type WebContents } from 'electron';
import Store from 'electron-store';
import { join, resolve } from 'node:path';
import { RENDERER_DIR } from './app/built-paths.ts';
import { checkSqliteRequirements, describeSqliteProblems } from './app/sqlite-requirements.ts';
import {
  allowPermission, allowRedirect, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, decideNavigation, decideWindowOpen, isAppUrl,
  isTrustedSender, WEB_PREFERENCES,
} from './app/window-policy.ts';
import { createCore, type Core } from './core.ts';
import { appMenuTemplate, keyPressScript, type KeyPress } from './desktop/app-menu.ts';
import { findDeepLink } from './desktop/deep-link.ts';
import { MIN_HEIGHT, MIN_WIDTH, restoreWindowState, windowStateToStore } from './desktop/window-state.ts';
import { LinkInbox } from './desktop/link-inbox.ts';
import { CAPTURE_PARTITION, CAPTURE_WINDOW_OPTIONS, captureUrlAllowed, READ_PAGE_SCRIPT, READ_PAGE_WORLD_ID, toSavePageRequest } from './desktop/capture-window.ts';
import type { EventChannel, InvokeChannel } from './ipc/api.ts';
import { needsUpgrade, upgradeOffThread } from './library/background/library-tasks.ts';
import { LibraryCorruptError, listBackups, restoreBackup } from './library/library.ts';
import { describeUpgrade, UPGRADE_PAGE_URL, UPGRADE_WINDOW_OPTIONS } from './desktop/upgrade-window.ts';
import { sealedSecretStore } from './sync/service/secret-store.ts';

const INVOKE: InvokeChannel = 'lectern:invoke';
const EVENT: EventChannel = 'lectern:event';

// One preferences file for the window (here) and the reader settings (core, same store).
const preferences = new Store<Record<string, unknown>>({ name: 'preferences' });
// Pages that lectern://save links ask for; saved once the core is open and the window shows.
const inbox = new LinkInbox();

// A standard, secure scheme: the renderer gets a real origin instead of file://.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

// Every decision is in app/window-policy.ts (and tested there); this only wires it up.
function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-externally') void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-externally') void shell.openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowRedirect(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function receiveLink(link: string): void {
  const received = inbox.receive(link);
  if (received.ok) return;
  console.warn(`lectern:// link refused: ${received.reason}`);
  if (app.isReady()) void dialog.showMessageBox({ type: 'warning', title: 'Lectern', message: 'Lectern did not save that link.', detail: received.reason });
}

// The capture window (decisions in desktop/capture-window.ts): web pages in their own session
// with none of the app's powers. The user logs in there, then saves the page as they see it.
let runningCore: Core | null = null;
const captureSession = () => session.fromPartition(CAPTURE_PARTITION);

function lockDownCapture(contents: WebContents): void {
  // A link that opens a window opens here instead: there is no second, unguarded window.
  contents.setWindowOpenHandler(({ url }) => {
    if (captureUrlAllowed(url)) void contents.loadURL(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!captureUrlAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!captureUrlAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // macOS has no window menus: the same items on the page's context menu.
  contents.on('context-menu', () => captureMenu(contents).popup());
}

function captureMenu(contents: WebContents): Menu {
  return Menu.buildFromTemplate([
    { label: 'Save This Page', accelerator: 'CmdOrCtrl+S', click: () => void saveCapturedPage(contents) },
    { type: 'separator' },
    { label: 'Clear Capture Window Data', click: () => void captureSession().clearStorageData().then(() => captureSession().clearCache()) },
  ]);
}

/** Reads the DOM in an isolated world (the page's scripts cannot see it) and saves it like the connector does. */
async function saveCapturedPage(contents: WebContents): Promise<void> {
  const win = BrowserWindow.fromWebContents(contents);
  const tell = (message: string) => void (win ? dialog.showMessageBox(win, { title: 'Lectern', message }) : dialog.showMessageBox({ title: 'Lectern', message }));
  const request = toSavePageRequest(await contents.executeJavaScriptInIsolatedWorld(READ_PAGE_WORLD_ID, [{ code: READ_PAGE_SCRIPT }]).catch(() => null));
  if (!request || !runningCore) return tell('This page cannot be saved.');
  try {
    const saved = await runningCore.savePage(request);
    tell(saved.article.status === 'failed' ? 'Lectern could not save this page.' : `Saved “${saved.article.title}”.`);
  } catch (error) {
    tell(`Lectern could not save this page: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function openCaptureWindow(url: string): Promise<void> {
  if (!captureUrlAllowed(url)) return;
  const win = new BrowserWindow({ ...CAPTURE_WINDOW_OPTIONS, webPreferences: { ...CAPTURE_WINDOW_OPTIONS.webPreferences } });
  win.setMenu(captureMenu(win.webContents));
  await win.loadURL(url);
}

/** Set once start() has registered the protocol and IPC: a window made before would be blank. */
let appStarted = false;

function showWindow(): void {
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) {
    // A second launch during start-up: the window start() opens shows its link.
    if (appStarted) createWindow();
    return;
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Menu items act by pressing the page's own shortcut keys in the window in front. */
function pressKey(key: KeyPress): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (win && isAppUrl(win.webContents.getURL())) void win.webContents.executeJavaScript(keyPressScript(key));
}

function registerProtocolClient(): void {
  // Unpackaged (`electron .`), the OS must be told to start Electron with this app's folder.
  if (process.defaultApp) {
    const appPath = process.argv[1];
    if (appPath) app.setAsDefaultProtocolClient('lectern', process.execPath, [resolve(appPath)]);
  } else {
    app.setAsDefaultProtocolClient('lectern');
  }
}

function createWindow(): BrowserWindow {
  const saved = restoreWindowState(preferences.get('window'), screen.getAllDisplays().map((display) => display.workArea));
  const win = new BrowserWindow({
    width: saved.width,
    height: saved.height,
    x: saved.x,
    y: saved.y,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Lectern',
    webPreferences: { ...WEB_PREFERENCES },
  });
  if (saved.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    preferences.set('window', windowStateToStore(win.getNormalBounds(), win.isMaximized()));
  });
  void win.loadURL(`${APP_ORIGIN}/`);
  return win;
}

/**
 * An older library is upgraded on a worker thread before the core opens it, with a small
 * window saying so: a new index can take a minute, and a blocked main process shows nothing.
 * False when an upgrade was needed and failed: it changed nothing, and openCore() then checks
 * the file before anything else, so a damaged one is refused with its backups.
 */
let upgrading = false;
async function upgradeLibrary(): Promise<boolean> {
  const dataDir = app.getPath('userData');
  const file = join(dataDir, 'library.db');
  if (!needsUpgrade(file)) return true;
  upgrading = true; // its window closing is not the last window closing
  const win = new BrowserWindow({ ...UPGRADE_WINDOW_OPTIONS, show: false });
  win.on('page-title-updated', (event) => event.preventDefault()); // the title is the progress
  win.once('ready-to-show', () => win.show());
  void win.loadURL(UPGRADE_PAGE_URL);
  const result = await upgradeOffThread(file, {
    backupDir: join(dataDir, 'backups'),
    onProgress: (progress) => {
      if (win.isDestroyed()) return;
      const { title, fraction } = describeUpgrade(progress);
      win.setTitle(title);
      win.setProgressBar(fraction);
    },
  });
  if (!result.ok) console.error(`upgrading the library failed: ${result.message}`);
  if (!win.isDestroyed()) win.destroy();
  upgrading = false;
  return result.ok;
}

/** The background integrity check found damage while the app runs: offer the newest backup. */
function offerRestoreWhileRunning(damage: LibraryCorruptError): void {
  const backup = damage.backups[0];
  const problems = damage.problems.slice(0, 3).join('\n');
  if (!backup) {
    dialog.showErrorBox('Your library file is damaged.', `${problems}\n\nNo backup is available yet. Export what you can now, with the toolbar’s "Export the library" button.`);
    return;
  }
  void dialog
    .showMessageBox({
      type: 'error',
      title: 'Lectern',
      message: 'Your library file is damaged.',
      detail: `${problems}\n\nRestore the backup ${backup}? Lectern restarts; the damaged file is kept beside it.`,
      buttons: ['Restore and restart', 'Not now'],
      defaultId: 0,
      cancelId: 1,
    })
    .then(async ({ response }) => {
      if (response !== 0) return;
      await runningCore?.close();
      restoreBackup(backup, damage.file);
      app.relaunch();
      app.exit(0);
    });
}

/**
 * Opens the core. A damaged library can be restored from a backup, newest first, each offered
 * once ('restored': open again); a library from a newer version is left alone.
 */
function openCore(checkFirst: boolean, offered: ReadonlySet<string>, triedBackups: Set<string>): Core | 'restored' | null {
  const options = {
    dataDir: app.getPath('userData'),
    rendererDir: RENDERER_DIR,
    openExternal: (url: string) => shell.openExternal(url),
    preferences,
    // The browser extension's loopback connector, and the capture window for sites it cannot reach.
    connector: { version: app.getVersion() },
    openCaptureWindow,
    // Sync's passphrase and password, sealed by the OS keychain (safeStorage; ready by now).
    secrets: sealedSecretStore(app.getPath('userData'), safeStorage),
    // Offline-first: no request goes out before the window shows (see start()).
    deferStart: true,
    onLibraryDamaged: offerRestoreWhileRunning,
    checkIntegrityAtOpen: checkFirst,
  };
  try {
    return createCore(options);
  } catch (error) {
    // Only backups from before this start are offered: one made of a file that then failed
    // (before a migration, say) must never be offered in place of a good one.
    const backup = error instanceof LibraryCorruptError ? error.backups.find((b) => offered.has(b) && !triedBackups.has(b)) : undefined;
    if (error instanceof LibraryCorruptError && backup) {
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        title: 'Lectern',
        message: 'Your library file is damaged.',
        detail: `${error.problems.slice(0, 3).join('\n')}\n\nRestore the backup ${backup}? The damaged file is kept beside it.`,
        buttons: ['Restore backup', 'Quit'],
        defaultId: 0,
        cancelId: 1,
      });
      if (choice !== 0) return null;
      restoreBackup(backup, error.file);
      triedBackups.add(backup);
      return 'restored';
    }
    const message = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Lectern cannot open your library', message);
    return null;
  }
}

/**
 * Upgrades (with its window) and opens the library; a restored backup, which may be from an
 * older version ("before-v11"), goes through the same upgrade and its check.
 */
async function openUpgradedCore(): Promise<Core | null> {
  const offered = new Set(listBackups(join(app.getPath('userData'), 'backups')));
  const triedBackups = new Set<string>();
  for (;;) {
    const upgraded = await upgradeLibrary();
    const opened = openCore(!upgraded, offered, triedBackups);
    if (opened !== 'restored') return opened;
  }
}

// Listening uses the Web Speech API; on Linux Chromium reaches the system's voices only
// through speech-dispatcher, and only when asked to (Windows and macOS need nothing).
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-speech-dispatcher');

async function start(): Promise<void> {
  await app.whenReady();
  // A SQLite without FTS5 (say) would fail deep inside the library: say so now, plainly.
  const sqliteProblems = await checkSqliteRequirements({ dataDir: app.getPath('userData') });
  if (sqliteProblems.length > 0) {
    dialog.showErrorBox('Lectern cannot start', describeSqliteProblems(sqliteProblems));
    app.quit();
    return;
  }
  const core = await openUpgradedCore();
  if (!core) {
    app.quit();
    return;
  }
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate({ appName: app.name, platform: process.platform, devTools: !app.isPackaged, press: pressKey })),
  );
  registerProtocolClient();
  runningCore = core;
  // The capture session is the web's: it gets no permission at all (camera, notifications…).
  captureSession().setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  captureSession().setPermissionCheckHandler(() => false);

  protocol.handle('lectern', (request) => core.handleRequest(request));
  // Every permission is refused except writing a link to the clipboard from the app itself.
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(allowPermission(permission, details.requestingUrl || contents.getURL())),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => allowPermission(permission, origin));

  ipcMain.handle(INVOKE, (event, name: unknown, args: unknown) => {
    // Only our own page may call in, whatever frame or window asks.
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: { code: 'invalid-argument', message: 'Refused: not the app.' } };
    }
    return core.invoke(String(name), Array.isArray(args) ? args : []);
  });
  core.on((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT, name, payload);
  });

  // Electron has no online/offline event in main; a cheap poll lets captures pause and resume.
  const reportNetwork = () => core.setOnline(net.isOnline());
  reportNetwork();
  setInterval(reportNetwork, 5_000).unref();

  appStarted = true;
  const win = createWindow();
  // Saving fetches: links wait until the window shows, like everything on the network. A
  // window that never shows (its page failed, its renderer died) must not stall the library.
  let going = false;
  const go = () => {
    if (going) return;
    going = true;
    core.start();
    inbox.open((url) => {
      void core.invoke('saveUrl', [url]).then((result) => {
        if (!result.ok) console.warn(`saving ${url} from a lectern:// link failed: ${result.error.message}`);
      });
      showWindow();
    });
  };
  win.once('ready-to-show', go);
  win.webContents.once('did-fail-load', go);
  win.webContents.once('render-process-gone', go);
  win.once('closed', go);
  setTimeout(go, 10_000).unref();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  // Let running captures and a backup in progress finish cleanly before the process ends.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void core.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}

// One Lectern at a time: a second launch (a lectern:// link on Windows and Linux) hands its
// arguments to the first through 'second-instance' and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const link = findDeepLink(argv);
    if (link) receiveLink(link);
    showWindow();
  });
  // macOS sends links as events, from before the app is ready on.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receiveLink(url);
  });
  const launchLink = findDeepLink(process.argv);
  if (launchLink) receiveLink(launchLink);

  app.on('web-contents-created', (_event, contents) => (contents.session === captureSession() ? lockDownCapture(contents) : lockDown(contents)));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !upgrading) app.quit();
  });
  app.enableSandbox();
  void start();
}
