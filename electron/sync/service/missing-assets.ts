// "Keep everything offline": which images the stored pages point at that are not here yet
// (synced articles arrive without their images; they come on demand otherwise).
import type { AssetStore } from '../../capture/images/asset-store.ts';
import type { Library } from '../../library/library.ts';

const ASSET_REF = /\/assets\/([0-9a-f]{64})/g;

export async function missingAssetHashes(library: Library, assets: AssetStore): Promise<string[]> {
  const wanted = new Set<string>();
  for (const article of library.exportArticles()) {
    for (const match of article.html.matchAll(ASSET_REF)) wanted.add(match[1]!);
    for (const image of [article.leadImage, article.favicon]) {
      const hash = image && /^\/assets\/([0-9a-f]{64})$/.exec(image)?.[1];
      if (hash) wanted.add(hash);
    }
  }
  const missing: string[] = [];
  for (const hash of wanted) if (!(await assets.has(hash))) missing.push(hash);
  return missing;
}
