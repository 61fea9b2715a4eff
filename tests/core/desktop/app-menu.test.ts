// @vitest-environment jsdom
// The menu presses the page's own keys; this runs the renderer's real shortcut hook in jsdom and
// checks that each menu item's key (and the accelerator it shows) reaches the shortcut it names.
import { createElement } from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { appMenuTemplate, keyPressScript, type KeyPress, type MenuItemSpec } from '../../../electron/desktop/app-menu.ts';
import { SHORTCUT_HELP, useKeyboardShortcuts, type Shortcut, type ShortcutHandlers } from '../../../renderer/src/hooks/useKeyboardShortcuts.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const flatten = (items: MenuItemSpec[]): MenuItemSpec[] => items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
const roles = (menu: MenuItemSpec | undefined) => (menu?.submenu ?? []).map((item) => item.role).filter(Boolean);

function template(platform: NodeJS.Platform, pressed: KeyPress[] = []) {
  return appMenuTemplate({ appName: 'Lectern', platform, devTools: false, press: (key) => pressed.push(key) });
}

/** Mounts the renderer's hook with a handler for every shortcut; returns what fired. */
async function mountShortcuts(): Promise<{ fired: Shortcut[]; unmount: () => Promise<void> }> {
  const fired: Shortcut[] = [];
  const all: Shortcut[] = ['addUrl', 'viewUnread', 'viewStarred', 'viewArchive', 'viewAll', 'search', 'help', 'next', 'open', 'star'];
  const handlers: ShortcutHandlers = Object.fromEntries(all.map((name) => [name, () => fired.push(name)]));
  const Probe = () => {
    useKeyboardShortcuts(handlers);
    return null;
  };
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  await act(async () => root.render(createElement(Probe)));
  return { fired, unmount: async () => act(async () => root.unmount()) };
}

/** What an Electron accelerator means as a key press on the given system. */
function acceleratorPress(accelerator: string, platform: NodeJS.Platform): KeyPress {
  const parts = accelerator.split('+');
  const key = (parts.pop() ?? '').toLowerCase();
  const primary = parts.includes('CmdOrCtrl');
  return { key, ctrlKey: primary && platform !== 'darwin', metaKey: primary && platform === 'darwin' };
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('the application menu', () => {
  it('has the macOS app menu first, then File, Edit, View, Window and Help', () => {
    const menus = template('darwin');
    expect(menus.map((menu) => menu.label)).toEqual(['Lectern', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(menus[0])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(menus[2])).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'selectAll']));
    expect(menus[4]?.role).toBe('window');
    expect(roles(menus[4])).toEqual(['minimize', 'zoom', 'front']);
    expect(menus[5]?.role).toBe('help');
  });

  it('has no app menu elsewhere, and quits from File', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const menus = template(platform);
      expect(menus.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
      expect(roles(menus[0])).toContain('quit');
      expect(roles(menus[1])).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
      expect(roles(menus[3])).toEqual(['minimize', 'close']);
    }
  });

  it('offers developer tools only when asked to', () => {
    const roleList = (devTools: boolean) =>
      flatten(appMenuTemplate({ appName: 'Lectern', platform: 'linux', devTools, press: () => {} })).map((item) => item.role);
    expect(roleList(false)).not.toContain('toggleDevTools');
    expect(roleList(true)).toContain('toggleDevTools');
  });

  it('leaves single keys to the page and shows them only where that is possible', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const item of flatten(template(platform)).filter((entry) => entry.accelerator)) {
        const modified = item.accelerator?.includes('+') ?? false;
        if (!modified) expect(platform === 'darwin' || item.registerAccelerator === false, `${platform} ${item.accelerator}`).toBe(true);
        else expect(item.registerAccelerator, `${platform} ${item.accelerator}`).toBeUndefined();
      }
    }
  });

  it.each(['darwin', 'win32', 'linux'] as const)('on %s, each page item fires the renderer shortcut it is named after', async (platform) => {
    const pressed: KeyPress[] = [];
    const items = flatten(template(platform, pressed)).filter((item) => item.id);
    expect(items.map((item) => item.id)).toEqual(['addUrl', 'viewUnread', 'viewStarred', 'viewArchive', 'viewAll', 'search', 'help']);
    const { fired, unmount } = await mountShortcuts();
    cleanup = unmount;
    for (const item of items) {
      item.click?.();
      const press = pressed.at(-1);
      if (!press) throw new Error(`${item.id} pressed nothing`);
      // The accelerator shown, where there is one, is the very key pressed.
      if (item.accelerator) expect(acceleratorPress(item.accelerator, platform), item.id).toEqual({ ctrlKey: false, metaKey: false, ...press });
      // Run the exact script main.ts runs in the page.
      await act(async () => void new Function(keyPressScript(press))());
      expect(fired.at(-1), item.id).toBe(item.id);
    }
    expect(fired).toHaveLength(items.length);
  });

  it("shows the renderer's Ctrl L as its Save a Link accelerator", () => {
    const saveLink = flatten(template('linux')).find((item) => item.id === 'addUrl');
    expect(SHORTCUT_HELP.find((entry) => entry.keys.includes('Ctrl L'))?.what).toMatch(/save a link/i);
    expect(saveLink?.accelerator).toBe('CmdOrCtrl+L');
  });
});
