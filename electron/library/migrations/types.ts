import type { DatabaseSync } from 'node:sqlite';

/** One schema step. `up` runs inside the runner's transaction; it must not BEGIN/COMMIT. */
export interface Migration {
  version: number;
  description: string;
  up(db: DatabaseSync): void;
}
