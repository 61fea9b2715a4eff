import type { DatabaseSync } from 'node:sqlite';

/** How far a long step has got, from 0 to 1 (a rebuild of 100,000 articles takes a while). */
export type StepProgress = (fraction: number) => void;

/** One schema step. `up` runs inside the runner's transaction; it must not BEGIN/COMMIT. */
export interface Migration {
  version: number;
  description: string;
  up(db: DatabaseSync, progress: StepProgress): void;
}
