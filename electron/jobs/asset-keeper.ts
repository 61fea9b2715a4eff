// Decides when a cached image file may be deleted. The library knows which images finished
// articles use; a running capture may have just stored (or found already stored) an image
// that no finished article uses yet. Freeing must not delete such a file under the capture,
// and a capture that ends without an article must not leave its files behind.
import { createHash } from 'node:crypto';
import { AssetStore, type StoredAsset } from '../capture/images/asset-store.ts';
import type { Library } from '../library/library.ts';

export class AssetKeeper {
  readonly #store: AssetStore;
  readonly #library: Library;
  /** Hashes each running capture has stored or reused, by job id. */
  readonly #held = new Map<string, Set<string>>();
  /**
   * Freeing and a capture's claim on a hash take turns: otherwise a capture could find a file
   * present ("already stored"), and the free that had already listed it delete it a moment later.
   */
  #turn: Promise<unknown> = Promise.resolve();

  #exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const run = this.#turn.then(work, work);
    this.#turn = run.catch(() => undefined);
    return run;
  }

  constructor(store: AssetStore, library: Library) {
    this.#store = store;
    this.#library = library;
  }

  /** The asset store one capture job uses: it remembers every image the job stores. */
  storeFor(jobId: string): AssetStore {
    const held = new Set<string>();
    this.#held.set(jobId, held);
    const claim = (hash: string) => this.#exclusive(() => void held.add(hash));
    return new (class extends AssetStore {
      override async put(bytes: Uint8Array): Promise<StoredAsset> {
        // Claimed before it is looked for: from then on no free deletes it under this job.
        await claim(createHash('sha256').update(bytes).digest('hex'));
        return super.put(bytes);
      }

      override async keep(hash: string): Promise<boolean> {
        await claim(hash);
        return super.keep(hash);
      }
    })(this.#store.dir);
  }

  /**
   * The job is over. When it produced an article its images are the library's to track;
   * otherwise the images it stored that nothing else uses are deleted.
   */
  release(jobId: string, savedArticle: boolean): Promise<void> {
    return this.#exclusive(async () => {
      const held = this.#held.get(jobId);
      this.#held.delete(jobId);
      if (savedArticle || !held?.size) return;
      const inUse = this.#library.assetsInUse([...held]);
      await this.#store.remove([...held].filter((hash) => !inUse.has(hash) && !this.#isHeld(hash)));
    });
  }

  /** Deletes image files no live article uses and no running capture holds, then forgets them. */
  freeUnused(): Promise<void> {
    return this.#exclusive(async () => {
      const unused = this.#library.unusedAssetHashes().filter((hash) => !this.#isHeld(hash));
      await this.#store.remove(unused);
      this.#library.forgetAssets(unused);
    });
  }

  #isHeld(hash: string): boolean {
    for (const held of this.#held.values()) if (held.has(hash)) return true;
    return false;
  }
}
