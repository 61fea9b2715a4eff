// Applies pending migrations, each in one transaction with user_version bumped inside it.
import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './db.ts';
import type { Migration } from './migrations/index.ts';

export class NewerSchemaError extends Error {
  readonly found: number;
  readonly known: number;
  constructor(file: string, found: number, known: number) {
    super(
      `The library at ${file} uses schema version ${found}, but this version of Lectern only ` +
        `knows up to ${known}. Update Lectern to open it; the file was left untouched.`,
    );
    this.name = 'NewerSchemaError';
    this.found = found;
    this.known = known;
  }
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

export function userVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list out of order at ${m.version} (expected ${i + 1})`);
  });
}

/** Returns the versions applied. `before` runs once before the first pending step (backups). */
export function migrate(
  db: DatabaseSync,
  migrations: readonly Migration[],
  before?: (from: number) => void,
): number[] {
  assertOrdered(migrations);
  const current = userVersion(db);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length > 0) before?.(current);
  for (const m of pending) {
    inTransaction(db, () => {
      m.up(db);
      // PRAGMA cannot take a bound parameter; version is a trusted integer.
      db.exec(`PRAGMA user_version = ${Math.trunc(m.version)}`);
    });
  }
  return pending.map((m) => m.version);
}
