import type { AssetStore } from './images/asset-store.ts';
import { CaptureError } from './capture-error.ts';
import { decodeHtml, type DecodedHtml } from './fetching/decode-html.ts';
import { unreadableText } from './fetching/unreadable-text.ts';
import type { Extracted } from './extraction/extract-article.ts';
import { faviconUrl } from './images/favicon.ts';
import type { FetchedResource } from './fetching/fetch-resource.ts';
import { sniffImageType } from './images/image-type.ts';
import { textToArticleHtml } from './extraction/plain-text-article.ts';
import { tryNormalizeUrl } from './normalize-url.ts';
import { countWords } from './extraction/html-to-text.ts';
import { assetUrl } from '../shared/captured-article.ts';

// What to make of a response depends on what it is: HTML is extracted, plain text is kept as
// text, an image or a PDF is saved as a file with a short note saying so.

type Kind = 'html' | 'xhtml' | 'text' | 'image' | 'pdf';

function kindOf(response: FetchedResource): Kind {
  const mime = response.mimeType ?? '';
  if (mime === 'text/html') return 'html';
  if (mime === 'application/xhtml+xml') return 'xhtml';
  if (mime === 'text/plain' || mime === 'text/markdown' || mime === 'text/x-markdown') return 'text';
  if (mime === 'application/pdf' || isPdf(response.body)) return 'pdf';
  if (mime.startsWith('image/') || sniffImageType(response.body)) return 'image';
  // Unlabelled or mislabelled: servers often say octet-stream or XML for HTML.
  if (mime === '' || mime === 'application/octet-stream' || mime === 'application/xml' || mime === 'text/xml') {
    if (/^\s*(?:<!doctype html|<html|<head|<body)/i.test(response.body.subarray(0, 1024).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').replace(/^\s*(?:<\?xml[^>]*>|<!--[\s\S]*?-->)\s*/g, ''))) return 'html';
  }
  throw new CaptureError('unsupported-content', `This address points to a file (${mime || 'unknown type'}), not an article Lectern can save.`);
}

const isPdf = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

const fileName = (url: string): string => {
  try {
    const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    return name || new URL(url).hostname;
  } catch {
    return url;
  }
};

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const formatSize = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

function fileArticle(response: FetchedResource, title: string, html: string, text: string): Extracted {
  return {
    title, byline: null, siteName: null, publishedTime: null, lang: null, dir: null,
    excerpt: text, canonicalUrl: tryNormalizeUrl(response.url), leadImageUrl: null,
    // A file names no icon: its site's /favicon.ico, as for a page that names none.
    faviconUrl: faviconUrl([], response.url, response.url),
    html, text, wordCount: countWords(text), imageUrls: [],
  };
}

/** The decoded page, unless it is a binary file or bytes its encoding cannot read. */
function readableText(decoded: DecodedHtml, response: FetchedResource): DecodedHtml {
  const reason = unreadableText(decoded.text);
  if (reason === 'binary') {
    throw new CaptureError('unsupported-content', `The server sent a binary file labelled as ${response.mimeType ?? 'a web page'}, not text Lectern can read.`);
  }
  if (reason === 'undecodable') {
    throw new CaptureError('bad-encoding', `The page’s text could not be decoded: its bytes are not valid ${decoded.encoding}.`);
  }
  return decoded;
}

export async function extractFromResponse(
  response: FetchedResource,
  extract: (html: string, url: string) => Promise<Extracted>,
  context: { assets: AssetStore },
): Promise<Extracted> {
  const kind = kindOf(response);
  if (kind === 'html' || kind === 'xhtml') {
    const { text } = readableText(decodeHtml(response.body, response.charset, { xml: kind === 'xhtml' }), response);
    return extract(text, response.url);
  }
  const name = fileName(response.url);
  if (kind === 'text') {
    const { text } = readableText(decodeHtml(response.body, response.charset), response);
    const article = textToArticleHtml(text);
    return { ...fileArticle(response, article.title ?? name, article.html, article.text), excerpt: article.text.slice(0, 300) };
  }
  if (kind === 'image') {
    const asset = await context.assets.put(response.body);
    const note = `Saved as an image (${asset.mime.replace('image/', '').toUpperCase()}, ${formatSize(response.body.length)}).`;
    const html = `<figure><img src="${assetUrl(asset.hash)}" alt="${escapeHtml(name)}"></figure><p>${escapeHtml(note)}</p>`;
    return { ...fileArticle(response, name, html, note), leadImageUrl: assetUrl(asset.hash) };
  }
  const note = `This address is a PDF document (${formatSize(response.body.length)}). Lectern keeps a link to it; open it in your browser to read it.`;
  return fileArticle(response, name, `<p>${escapeHtml(note)}</p><p><a href="${escapeHtml(response.url)}">${escapeHtml(name)}</a></p>`, note);
}
