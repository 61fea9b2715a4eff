// Functions that run INSIDE the page (chrome.scripting.executeScript serializes them), so each
// is self-contained: no imports, no outer variables, only its arguments.

export interface RenderedPage {
  url: string;
  title: string;
  html: string;
  selectionHtml?: string;
}

export interface PageImage {
  url: string;
  mime: string;
  base64: string;
}

/** The DOM as the user sees it (after login, banners, scripts), and the selection if any. */
export function readRenderedPage(): RenderedPage {
  const page: RenderedPage = { url: location.href, title: document.title, html: document.documentElement.outerHTML };
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed && selection.rangeCount > 0) {
    const holder = document.createElement('div');
    for (let i = 0; i < selection.rangeCount; i++) holder.append(selection.getRangeAt(i).cloneContents());
    if (holder.textContent?.trim()) page.selectionHtml = holder.innerHTML;
  }
  return page;
}

/**
 * Fetches images the app could not, with the page's own cookies (the browser already has what
 * the login unlocked). Each image and the total are capped; what fails or is too big is skipped.
 */
export async function fetchImagesInPage(urls: string[], maxImageBytes: number, maxTotalBytes: number): Promise<PageImage[]> {
  const images: PageImage[] = [];
  let total = 0;
  for (const url of urls) {
    try {
      const response = await fetch(url, { credentials: 'include' });
      const mime = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      if (!response.ok || !mime.startsWith('image/')) continue;
      const blob = await response.blob();
      if (blob.size > maxImageBytes || total + blob.size > maxTotalBytes) continue;
      const dataUrl = await new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error ?? new Error('unreadable image'));
        reader.readAsDataURL(blob);
      });
      total += blob.size;
      images.push({ url, mime, base64: dataUrl.slice(dataUrl.indexOf(',') + 1) });
    } catch {
      // Blocked by CORS, gone, or not an image: the article keeps its placeholder for it.
    }
  }
  return images;
}
