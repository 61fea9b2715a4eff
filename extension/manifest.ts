// The one manifest, written out per browser by scripts/build-extension.ts. Permissions are the
// narrowest that work: activeTab (granted by the click, shortcut or menu), scripting (read the
// page in that tab), contextMenus, storage (the pairing token). No host permissions: the
// connector answers the extension's origin by CORS.

export type ExtensionTarget = 'chromium' | 'firefox';

/** Firefox needs a stable add-on id for storage and updates. */
export const GECKO_ID = 'save@lectern.app';

export const PERMISSIONS = ['activeTab', 'scripting', 'contextMenus', 'storage'] as const;

export function manifestFor(target: ExtensionTarget, version: string): Record<string, unknown> {
  const icons = { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' };
  return {
    manifest_version: 3,
    name: 'Save to Lectern',
    short_name: 'Lectern',
    description: 'Save the page you are on, as you see it, to the Lectern app on this computer.',
    version,
    icons,
    permissions: [...PERMISSIONS],
    action: { default_title: 'Save to Lectern', default_icon: icons },
    // Chromium runs a service worker; Firefox runs the same file as an event page's script.
    background: target === 'chromium' ? { service_worker: 'background.js' } : { scripts: ['background.js'] },
    options_ui: { page: 'options.html', open_in_tab: true },
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+S' }, description: 'Save this page to Lectern' },
    },
    ...(target === 'firefox'
      ? { browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } } } }
      : {}),
  };
}
