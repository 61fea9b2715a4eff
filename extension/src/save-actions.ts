// What a click on the button, the shortcut or a menu item does: read the tab (activeTab grant
// from that gesture), send it to the app, fill in images the app could not fetch, and badge it.
import { CONNECTOR_LIMITS, type SaveResponse } from '../../electron/shared/connector-protocol.ts';
import { showBadge } from './badge.ts';
import { ext, type Tab } from './browser-api.ts';
import { ConnectorProblem, connector, pairedApp } from './connector-client.ts';
import { fetchImagesInPage, readRenderedPage, type RenderedPage } from './page-capture.ts';

/** One image sent from the page at most this big; all of them together at most the second. */
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
// base64 grows by a third, and the request has its JSON around the images.
const MAX_IMAGES_BYTES = Math.floor((CONNECTOR_LIMITS.imagesBodyBytes * 3) / 4) - 1024 * 1024;

const isWebUrl = (url: string | undefined): url is string => !!url && /^https?:/i.test(url);

async function readTab(tabId: number): Promise<RenderedPage | null> {
  try {
    const [frame] = await ext.scripting.executeScript({ target: { tabId }, func: readRenderedPage });
    return frame?.result ?? null;
  } catch {
    return null; // a page the browser keeps from extensions (its store, settings, PDF viewer)
  }
}

async function sendMissingImages(port: number, tabId: number, saved: SaveResponse): Promise<void> {
  if (saved.missingImages.length === 0) return;
  try {
    const [frame] = await ext.scripting.executeScript({
      target: { tabId },
      func: fetchImagesInPage,
      args: [saved.missingImages, MAX_IMAGE_BYTES, MAX_IMAGES_BYTES],
    });
    const images = frame?.result ?? [];
    if (images.length > 0) await connector.saveImages(port, { articleId: saved.article.id, images });
  } catch {
    // The article is saved; images stay placeholders, as when the app alone cannot fetch them.
  }
}

function problemText(error: unknown): string {
  if (error instanceof ConnectorProblem) return error.message;
  return `Could not save: ${error instanceof Error ? error.message : String(error)}`;
}

async function reportFailure(tabId: number | undefined, error: unknown): Promise<void> {
  await showBadge(tabId, 'failed', problemText(error));
  // The first click before pairing: show where to pair instead of only a red badge.
  if (error instanceof ConnectorProblem && error.kind === 'not-paired') await ext.runtime.openOptionsPage().catch(() => undefined);
}

/** Saves the tab as rendered (with the selection, if any); by URL when the page cannot be read. */
export async function savePage(tab: Tab): Promise<void> {
  const tabId = tab.id;
  await showBadge(tabId, 'saving', 'Saving to Lectern…');
  try {
    const port = await pairedApp();
    const page = tabId === undefined ? null : await readTab(tabId);
    const url = page?.url ?? tab.url;
    // activeTab shows the tab's URL only now, at the gesture: the one moment to ask "saved before?".
    const before = isWebUrl(url) ? await connector.saved(port, url).catch(() => null) : null;
    let saved: SaveResponse;
    const fits = page && new TextEncoder().encode(JSON.stringify(page)).byteLength < CONNECTOR_LIMITS.pageBodyBytes;
    if (page && fits && isWebUrl(page.url)) {
      saved = await connector.savePage(port, {
        url: page.url,
        html: page.html,
        title: page.title,
        ...(page.selectionHtml ? { selectionHtml: page.selectionHtml } : {}),
      });
      if (tabId !== undefined) await sendMissingImages(port, tabId, saved);
    } else if (isWebUrl(url)) {
      saved = await connector.saveUrl(port, url); // the app fetches it itself
    } else {
      throw new ConnectorProblem('refused', 'This page cannot be saved: only web pages (http and https) can.');
    }
    const name = saved.article.title || saved.article.url;
    await showBadge(tabId, 'saved', before?.saved ? `Already in Lectern, now updated: ${name}` : `Saved to Lectern: ${name}`);
  } catch (error) {
    await reportFailure(tabId, error);
  }
}

/** Saves a link by its URL; the app fetches it. The badge goes on the tab the link was on. */
export async function saveLink(linkUrl: string, tab: Tab | undefined): Promise<void> {
  const tabId = tab?.id;
  await showBadge(tabId, 'saving', 'Saving the link to Lectern…');
  try {
    if (!isWebUrl(linkUrl)) throw new ConnectorProblem('refused', 'Only web links (http and https) can be saved.');
    const port = await pairedApp();
    const saved = await connector.saveUrl(port, linkUrl);
    await showBadge(tabId, 'saved', `Link saved to Lectern: ${saved.article.title || saved.article.url}`);
  } catch (error) {
    await reportFailure(tabId, error);
  }
}
