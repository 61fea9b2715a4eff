// Decides when a cached image file may be deleted. The library knows which images finished
// articles use; a running capture may have just stored (or found already stored) an image
// that no finished article uses yet. Freeing must not delete such a file under the capture,
// and a capture that ends without an article must not leave its files behind.
import { AssetStore, type StoredAsset } from '../capture/asset-store.ts';
import type { Library } from '../library/library.ts';

export class AssetKeeper {
  readonly #store: AssetStore;
  readonly #library: Library;
  /** Hashes each running capture has stored or reused, by job id. */
  readonly #held = new Map<string, Set<string>>();

  constructor(store: AssetStore, library: Library) {
    this.#store = store;
    this.#library = library;
  }

  /** The asset store one capture job uses: it remembers every image the job stores. */
  storeFor(jobId: string): AssetStore {
    const held = new Set<string>();
    this.#held.set(jobId, held);
    return new (class extends AssetStore {
      override async put(bytes: Uint8Array): Promise<StoredAsset> {
        const stored = await super.put(bytes);
        held.add(stored.hash);
        return stored;
      }
    })(this.#store.dir);
  }

  /**
   * The job is over. When it produced an article its images are the library's to track;
   * otherwise the images it stored that nothing else uses are deleted.
   */
  async release(jobId: string, savedArticle: boolean): Promise<void> {
    const held = this.#held.get(jobId);
    this.#held.delete(jobId);
    if (savedArticle || !held?.size) return;
    const inUse = this.#library.assetsInUse([...held]);
    await this.#store.remove([...held].filter((hash) => !inUse.has(hash) && !this.#isHeld(hash)));
  }

  /** Deletes image files no live article uses and no running capture holds, then forgets them. */
  async freeUnused(): Promise<void> {
    const unused = this.#library.unusedAssetHashes().filter((hash) => !this.#isHeld(hash));
    await this.#store.remove(unused);
    this.#library.forgetAssets(unused);
  }

  #isHeld(hash: string): boolean {
    for (const held of this.#held.values()) if (held.has(hash)) return true;
    return false;
  }
}
