// One entry point for every export format, for the app (which hands the file to the renderer)
// and the command line. `ids` picks articles (null: the whole library); the backup is always
// the whole library, OPML always every feed.
import type { AssetStore } from '../capture/images/asset-store.ts';
import { writeOpml } from '../feeds/opml.ts';
import type { Library } from '../library/library.ts';
import type { ExportFormat } from '../shared/export-file.ts';
import { exportBookmarks } from './export-bookmarks.ts';
import { exportCsv } from './export-csv.ts';
import { exportHighlightsJson, exportHighlightsMarkdown } from './export-highlights.ts';
import { exportHtml } from './export-html.ts';
import { exportJson } from './export-json.ts';
import { exportMarkdown } from './export-markdown.ts';
import { writeBackup } from './full-backup.ts';
import { writeTextFile } from './output-file.ts';

export interface ExportDeps {
  library: Library;
  assets: AssetStore;
}

export interface ExportOptions {
  ids?: readonly string[] | null;
}

async function exportOpml(library: Library, path: string): Promise<number> {
  const feeds = library.feeds.list().map((f) => ({ url: f.url, title: f.title, siteUrl: f.siteUrl, folder: f.folder }));
  await writeTextFile(path, [writeOpml(feeds, 'Lectern feeds')]);
  return feeds.length;
}

/**
 * Writes `target`; `count` is how many articles it holds (feeds, for OPML; articles with
 * highlights, for the highlights formats). Markdown and HTML: see writeArticleFiles.
 */
export async function exportLibrary(format: ExportFormat, deps: ExportDeps, target: string, options: ExportOptions = {}): Promise<{ count: number; path: string }> {
  const { library, assets } = deps;
  const ids = options.ids ?? null;
  const count = await (async (): Promise<number> => {
    switch (format) {
      case 'backup':
        return (await writeBackup(library, assets, target)).articles;
      case 'json':
        return (await exportJson(library, target, { ids })).articles;
      case 'bookmarks':
        return exportBookmarks(library, target, { ids });
      case 'csv':
        return exportCsv(library, target, { ids });
      case 'opml':
        return exportOpml(library, target);
      case 'markdown':
        return exportMarkdown(library, assets, target, { ids });
      case 'html':
        return exportHtml(library, assets, target, { ids });
      case 'highlights-markdown':
        return exportHighlightsMarkdown(library, target, { ids });
      case 'highlights-json':
        return exportHighlightsJson(library, target, { ids });
    }
  })();
  return { count, path: target };
}
