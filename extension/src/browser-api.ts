// The slice of the WebExtension API this extension uses, typed here (no @types/chrome in the
// repo). Firefox exposes it as `browser`, Chromium as `chrome`; both return promises in MV3.

export interface Tab {
  id?: number;
  url?: string;
  title?: string;
}

export interface MenuClickInfo {
  menuItemId: string | number;
  pageUrl?: string;
  linkUrl?: string;
  selectionText?: string;
}

export interface InjectionResult<T> {
  result?: T;
}

interface BrowserEvent<Listener> {
  addListener(listener: Listener): void;
}

export interface WebExtensionApi {
  action: {
    onClicked: BrowserEvent<(tab: Tab) => void>;
    setBadgeText(details: { tabId?: number; text: string }): Promise<void>;
    setBadgeBackgroundColor(details: { tabId?: number; color: string }): Promise<void>;
    setTitle(details: { tabId?: number; title: string }): Promise<void>;
  };
  contextMenus: {
    create(properties: { id: string; title: string; contexts: string[] }): void;
    removeAll(): Promise<void>;
    onClicked: BrowserEvent<(info: MenuClickInfo, tab?: Tab) => void>;
  };
  scripting: {
    executeScript<Args extends unknown[], Result>(injection: {
      target: { tabId: number };
      func: (...args: Args) => Result;
      args?: Args;
    }): Promise<InjectionResult<Awaited<Result>>[]>;
  };
  storage: {
    local: {
      get(keys: string[]): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string[]): Promise<void>;
    };
  };
  runtime: {
    onInstalled: BrowserEvent<() => void>;
    onStartup: BrowserEvent<() => void>;
    openOptionsPage(): Promise<void>;
    getManifest(): { version: string };
  };
}

const scope = globalThis as unknown as { browser?: WebExtensionApi; chrome?: WebExtensionApi };

/** The browser's extension API: `browser` in Firefox, `chrome` in Chromium. */
export const ext: WebExtensionApi = (scope.browser ?? scope.chrome) as WebExtensionApi;
