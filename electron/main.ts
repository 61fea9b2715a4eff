// Electron's main process, kept thin: windows, the app protocol, IPC transport and security
// policy. Everything else is the plain-Node core in core.ts.
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell, type WebContents } from 'electron';
import Store from 'electron-store';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createCore, type Core } from './core.ts';
import type { EventChannel, InvokeChannel } from './ipc/api.ts';
import { LibraryCorruptError, restoreBackup } from './library/library.ts';

const INVOKE: InvokeChannel = 'lectern:invoke';
const EVENT: EventChannel = 'lectern:event';
const APP_ORIGIN = 'lectern://app';
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// One preferences file for the window (here) and the reader settings (core, same store).
const preferences = new Store<Record<string, unknown>>({ name: 'preferences' });
const windowStateSchema = z.object({
  width: z.number().int().min(480).max(10_000),
  height: z.number().int().min(400).max(10_000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean(),
});
const DEFAULT_WINDOW: z.infer<typeof windowStateSchema> = { width: 1200, height: 800, maximized: false };

// A standard, secure scheme: the renderer gets a real origin instead of file://.
protocol.registerSchemesAsPrivileged([
  { scheme: 'lectern', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

const isWebUrl = (url: string) => URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);
const isAppUrl = (url: string) => url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);

function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isWebUrl(url)) void shell.openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createWindow(): BrowserWindow {
  const parsed = windowStateSchema.safeParse(preferences.get('window'));
  const saved = parsed.success ? parsed.data : DEFAULT_WINDOW;
  const win = new BrowserWindow({
    width: saved.width,
    height: saved.height,
    x: saved.x,
    y: saved.y,
    minWidth: 480,
    minHeight: 400,
    show: false,
    title: 'Lectern',
    webPreferences: {
      preload: here('../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  if (saved.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    preferences.set('window', { ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
  void win.loadURL(`${APP_ORIGIN}/`);
  return win;
}

/**
 * Opens the core. A damaged library can be restored from a backup, newest first, each offered
 * once; a library from a newer version is left alone.
 */
function openCore(triedBackups = new Set<string>()): Core | null {
  const options = {
    dataDir: app.getPath('userData'),
    rendererDir: here('../renderer'),
    openExternal: (url: string) => shell.openExternal(url),
    preferences,
  };
  try {
    return createCore(options);
  } catch (error) {
    const backup = error instanceof LibraryCorruptError ? error.backups.find((b) => !triedBackups.has(b)) : undefined;
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
      return openCore(new Set([...triedBackups, backup]));
    }
    const message = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Lectern cannot open your library', message);
    return null;
  }
}

// Listening uses the Web Speech API; on Linux Chromium reaches the system's voices only
// through speech-dispatcher, and only when asked to (Windows and macOS need nothing).
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-speech-dispatcher');

async function start(): Promise<void> {
  await app.whenReady();
  const core = openCore();
  if (!core) {
    app.quit();
    return;
  }

  protocol.handle('lectern', (request) => core.handleRequest(request));
  // Every permission is refused except writing a link to the clipboard from the app itself.
  const allowed = (permission: string, origin: string) => permission === 'clipboard-sanitized-write' && isAppUrl(origin);
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
    callback(allowed(permission, contents.getURL())),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => allowed(permission, origin));

  ipcMain.handle(INVOKE, (event, name: unknown, args: unknown) => {
    // Only our own page may call in, whatever frame or window asks.
    if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) {
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

  createWindow();
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

app.on('web-contents-created', (_event, contents) => lockDown(contents));
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.enableSandbox();
void start();
