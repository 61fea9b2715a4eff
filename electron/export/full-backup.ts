// The full backup: everything needed to rebuild the library elsewhere, as one zip (the layout
// is in backup-format.ts). Restoring is in backup-restore.ts.
import { createHash } from 'node:crypto';
import type { AssetStore } from '../capture/images/asset-store.ts';
import type { Library } from '../library/library.ts';
import { referencedAssetHashes } from '../library/portable-rows.ts';
import { assetEntryName, BACKUP_FILES, BACKUP_FORMAT, BACKUP_VERSION, type BackupCounts, type BackupManifest } from './backup-format.ts';
import { portableHighlights } from './export-json.ts';
import { writeZipFile } from './output-file.ts';

export type { BackupCounts, BackupManifest } from './backup-format.ts';
export { restoreBackup, type BackupProblem, type BackupRestoreReport, type RestoreCounts, type RestoreOptions, type RestoreProgress } from './backup-restore.ts';

function* jsonLines<T>(items: Iterable<T>, onItem: (item: T) => void): Generator<string> {
  for (const item of items) {
    onItem(item);
    yield `${JSON.stringify(item)}\n`;
  }
}

export async function writeBackup(library: Library, assets: AssetStore, path: string): Promise<BackupCounts> {
  const counts: BackupCounts = { articles: 0, feeds: 0, highlights: 0, assets: 0, missingAssets: 0 };
  const exportedAt = new Date().toISOString();
  const hashes = new Set<string>();
  await writeZipFile(path, async (zip) => {
    const feeds = library.exportFeeds();
    counts.feeds = feeds.length;
    await zip.add(BACKUP_FILES.feeds, JSON.stringify(feeds));
    await zip.add(BACKUP_FILES.articles, jsonLines(library.exportArticles(), (a) => {
      counts.articles++;
      for (const hash of referencedAssetHashes(a)) hashes.add(hash);
    }));
    await zip.add(BACKUP_FILES.highlights, jsonLines(portableHighlights(library.highlights.all()), () => counts.highlights++));
    for (const hash of [...hashes].sort()) {
      const found = await assets.read(hash);
      // A file changed on disk is as good as gone: a restore would refuse it anyway.
      if (!found || createHash('sha256').update(found.bytes).digest('hex') !== hash) {
        counts.missingAssets++;
        continue;
      }
      // Images are compressed already; deflating them again costs time for nothing.
      await zip.add(assetEntryName(hash), found.bytes, { compress: false });
      counts.assets++;
    }
    const manifest: BackupManifest = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, counts };
    await zip.add(BACKUP_FILES.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  });
  return counts;
}
