// The service worker (Chromium) or background script (Firefox): wires the browser's gestures to
// the save actions. Each gesture grants activeTab on the tab it happened in.
import { ext, type MenuClickInfo, type Tab } from './browser-api.ts';
import { saveLink, savePage } from './save-actions.ts';

const MENU_SAVE_PAGE = 'lectern-save-page';
const MENU_SAVE_LINK = 'lectern-save-link';

async function createMenus(): Promise<void> {
  await ext.contextMenus.removeAll();
  ext.contextMenus.create({ id: MENU_SAVE_PAGE, title: 'Save page to Lectern', contexts: ['page', 'selection'] });
  ext.contextMenus.create({ id: MENU_SAVE_LINK, title: 'Save link to Lectern', contexts: ['link'] });
}

function onMenuClicked(info: MenuClickInfo, tab?: Tab): Promise<void> {
  if (info.menuItemId === MENU_SAVE_LINK && info.linkUrl) return saveLink(info.linkUrl, tab);
  if (info.menuItemId === MENU_SAVE_PAGE && tab) return savePage(tab);
  return Promise.resolve();
}

// The toolbar button, and the shortcut (the manifest binds it to _execute_action, the same event).
ext.action.onClicked.addListener((tab) => void savePage(tab));
ext.contextMenus.onClicked.addListener((info, tab) => void onMenuClicked(info, tab));
// Chromium keeps menus across restarts, Firefox's event pages do not: create them on both.
ext.runtime.onInstalled.addListener(() => void createMenus());
ext.runtime.onStartup.addListener(() => void createMenus());

// The handlers, for the extension's own devtools console and its end-to-end test: no web page
// can reach a service worker's globals.
Object.assign(globalThis, { lecternBackground: { savePage, saveLink, onMenuClicked } });
