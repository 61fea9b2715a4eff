// Articles as files of their own (Markdown or HTML), each with its images copied beside it
// under images/ and linked relatively, so the folder (or zip) reads anywhere without Lectern.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { AssetStore } from '../capture/images/asset-store.ts';
import { sanitizeArticleHtml } from '../capture/extraction/sanitize-article.ts';
import type { ImageMime } from '../capture/images/image-type.ts';
import type { Library } from '../library/library.ts';
import { fileSlug } from '../shared/file-slug.ts';
import { writeZipFile } from './output-file.ts';
import { selectedArticles, type ExportedArticle } from './selection.ts';

export interface FileSink {
  write(name: string, data: string | Uint8Array): Promise<void>;
}

export const IMAGES_DIR = 'images';

const EXTENSIONS: Record<ImageMime, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
  'image/x-icon': 'ico',
};

const ASSET_URL = /^\/assets\/([0-9a-f]{64})$/;

/** Copies each stored image an article shows into images/ once, and points the article at the copy. */
export class ImageCopier {
  readonly #assets: AssetStore;
  readonly #sink: FileSink;
  /** Hash → its file under images/, or null when the image is not in the store. */
  readonly #copied = new Map<string, string | null>();

  constructor(assets: AssetStore, sink: FileSink) {
    this.#assets = assets;
    this.#sink = sink;
  }

  async #copy(hash: string): Promise<string | null> {
    if (this.#copied.has(hash)) return this.#copied.get(hash)!;
    const found = await this.#assets.read(hash);
    const name = found ? `${IMAGES_DIR}/${hash}.${EXTENSIONS[found.mime]}` : null;
    if (found && name) await this.#sink.write(name, found.bytes);
    this.#copied.set(hash, name);
    return name;
  }

  /** The body with its stored images pointing at their copies; one missing from the store is left out. */
  async localise(html: string): Promise<string> {
    if (!html.includes('/assets/')) return html;
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    document.body.innerHTML = html;
    for (const img of [...document.body.querySelectorAll('img')]) {
      const hash = ASSET_URL.exec(img.getAttribute('src') ?? '')?.[1];
      if (!hash) continue;
      const file = await this.#copy(hash);
      if (file) img.setAttribute('src', file);
      else img.remove();
    }
    return document.body.innerHTML;
  }
}

export const directorySink = (dir: string): FileSink => ({
  async write(name, data) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  },
});

export interface ArticleFormat {
  extension: 'md' | 'html';
  /** The whole file, from the article and its body with images already localised. */
  render(article: ExportedArticle, body: string): string;
}

async function writeEach(articles: Iterable<ExportedArticle>, assets: AssetStore, sink: FileSink, format: ArticleFormat, nameOf?: () => string): Promise<number> {
  const images = new ImageCopier(assets, sink);
  const used = new Set<string>();
  let count = 0;
  for (const article of articles) {
    // The stored body was sanitised when saved; it passes the same allow-list again before its
    // images are pointed at their copies (the list takes only the app's own image addresses).
    const body = await images.localise(sanitizeArticleHtml(article.html, 'assets'));
    await sink.write(nameOf?.() ?? fileSlug(article.title, format.extension, used), format.render(article, body));
    count++;
  }
  return count;
}

/**
 * Writes the picked articles (all when none are picked). `target`: a `.zip` gets the files
 * zipped; a `.md`/`.html` file path holds the one article picked, its images in images/ beside
 * it; anything else is a directory to write into.
 */
export async function writeArticleFiles(
  library: Library,
  assets: AssetStore,
  target: string,
  ids: readonly string[] | null | undefined,
  format: ArticleFormat,
): Promise<number> {
  const articles = selectedArticles(library, ids);
  if (extname(target).toLowerCase() === '.zip') {
    return writeZipFile(target, (zip) => writeEach(articles, assets, { write: (name, data) => zip.add(name, data, { compress: !name.startsWith(`${IMAGES_DIR}/`) }) }, format));
  }
  if (extname(target).toLowerCase() === `.${format.extension}`) {
    if (ids?.length !== 1) throw new RangeError(`A single .${format.extension} file holds one article; give a folder or a .zip for several.`);
    return writeEach(articles, assets, directorySink(dirname(target)), format, () => basename(target));
  }
  await mkdir(target, { recursive: true });
  return writeEach(articles, assets, directorySink(target), format);
}
