// The native menu as data, so it can be tested without Electron. main.ts hands the template
// to Menu.buildFromTemplate. Electron's types may not be imported here (lint keeps Electron in
// main and preload), so these are the few fields used, a structural subset of Electron's.

export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll'
  | 'startSpeaking' | 'stopSpeaking'
  | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'toggleDevTools'
  | 'minimize' | 'zoom' | 'front' | 'window' | 'close' | 'help';

export interface MenuItemSpec {
  /** Items that drive the page are named after the renderer's shortcut they press. */
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  /** false: the shortcut is shown but left to the page (single keys must still type in fields). */
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuItemSpec[];
}

/** A keydown the page's own shortcut handler (renderer/src/hooks/useKeyboardShortcuts.ts) acts on. */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

export interface MenuContext {
  appName: string;
  platform: NodeJS.Platform;
  /** Developer tools in the View menu: unpackaged builds only. */
  devTools: boolean;
  /** Presses a key in the focused window, as if typed. */
  press(key: KeyPress): void;
}

const separator: MenuItemSpec = { type: 'separator' };

/**
 * Menu items do what the page's keys do by pressing those keys, so there is one place where
 * each action lives. Shortcuts with Ctrl/Cmd are real accelerators; single keys are only shown,
 * on Windows and Linux (macOS would take them from text fields, so it shows none).
 */
function pageItem(context: MenuContext, id: string, label: string, press: KeyPress, accelerator?: string): MenuItemSpec {
  const item: MenuItemSpec = { id, label, click: () => context.press(press) };
  if (!accelerator) return item;
  const modified = accelerator.includes('+');
  if (modified) return { ...item, accelerator };
  return context.platform === 'darwin' ? item : { ...item, accelerator, registerAccelerator: false };
}

export function appMenuTemplate(context: MenuContext): MenuItemSpec[] {
  const mac = context.platform === 'darwin';
  const saveLink = pageItem(context, 'addUrl', 'Save a Link…', { key: 'l', ctrlKey: !mac, metaKey: mac }, 'CmdOrCtrl+L');

  const appMenu: MenuItemSpec = {
    label: context.appName,
    submenu: [
      { role: 'about' },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
  const fileMenu: MenuItemSpec = {
    label: 'File',
    submenu: mac ? [saveLink, separator, { role: 'close' }] : [saveLink, separator, { role: 'quit' }],
  };
  const editMenu: MenuItemSpec = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      ...(mac ? [separator, { label: 'Speech', submenu: [{ role: 'startSpeaking' }, { role: 'stopSpeaking' }] } as MenuItemSpec] : []),
    ],
  };
  const viewMenu: MenuItemSpec = {
    label: 'View',
    submenu: [
      pageItem(context, 'viewUnread', 'Unread', { key: '1' }, '1'),
      pageItem(context, 'viewStarred', 'Starred', { key: '2' }, '2'),
      pageItem(context, 'viewArchive', 'Archive', { key: '3' }, '3'),
      pageItem(context, 'viewAll', 'All Articles', { key: '4' }, '4'),
      separator,
      pageItem(context, 'search', 'Search', { key: '/' }, '/'),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(context.devTools ? [separator, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const windowMenu: MenuItemSpec = {
    role: 'window',
    label: 'Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };
  const helpMenu: MenuItemSpec = {
    role: 'help',
    label: 'Help',
    submenu: [pageItem(context, 'help', 'Keyboard Shortcuts', { key: '?' })],
  };
  return mac ? [appMenu, fileMenu, editMenu, viewMenu, windowMenu, helpMenu] : [fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

/** The page script main.ts runs to press a key: a keydown on the window, where the page listens. */
export function keyPressScript(press: KeyPress): string {
  const init = { key: press.key, ctrlKey: press.ctrlKey === true, metaKey: press.metaKey === true, bubbles: true, cancelable: true };
  return `window.dispatchEvent(new KeyboardEvent('keydown', ${JSON.stringify(init)}))`;
}
