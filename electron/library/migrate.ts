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

/** Where an upgrade is: step `step` of `steps` (from 1), that step `fraction` (0 to 1) done. */
export interface MigrationProgress {
  version: number;
  description: string;
  step: number;
  steps: number;
  fraction: number;
}

export interface MigrateHooks {
  /** Runs once before the first pending step (backups). */
  before?: (from: number) => void;
  /** At the start and end of each step, and as long steps report. */
  onProgress?: (progress: MigrationProgress) => void;
}

/** The steps a file at `current` still needs, oldest first. */
export function pendingMigrations(migrations: readonly Migration[], current: number): Migration[] {
  return migrations.filter((m) => m.version > current);
}

/** Returns the versions applied. */
export function migrate(db: DatabaseSync, migrations: readonly Migration[], hooks: MigrateHooks = {}): number[] {
  assertOrdered(migrations);
  const current = userVersion(db);
  const pending = pendingMigrations(migrations, current);
  if (pending.length > 0) hooks.before?.(current);
  for (const [index, m] of pending.entries()) {
    const report = (fraction: number) =>
      hooks.onProgress?.({ version: m.version, description: m.description, step: index + 1, steps: pending.length, fraction: Math.min(1, Math.max(0, fraction)) });
    inTransaction(db, () => {
      report(0);
      m.up(db, report);
      // PRAGMA cannot take a bound parameter; version is a trusted integer.
      db.exec(`PRAGMA user_version = ${Math.trunc(m.version)}`);
    });
    report(1);
  }
  return pending.map((m) => m.version);
}
