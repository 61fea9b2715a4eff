// Everything a call could change, read from disk beside the running core: every row of every
// table (a second, read-only SQLite connection), the preferences file, and the image cache.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface LibrarySnapshot {
  tables: Record<string, unknown[]>;
  preferences: string | null;
  assets: string[];
}

const bytesAsHex = (_key: string, value: unknown): unknown =>
  value instanceof Uint8Array ? Buffer.from(value).toString('hex') : typeof value === 'bigint' ? String(value) : value;

export function snapshotLibrary(dataDir: string): LibrarySnapshot {
  const db = new DatabaseSync(join(dataDir, 'library.db'), { readOnly: true });
  try {
    // Virtual tables (full-text search) are left out: their shadow tables hold their rows.
    const names = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
      .all()
      .map((row) => String(row.name));
    const tables: Record<string, unknown[]> = {};
    // Rows sorted by their JSON text: WITHOUT ROWID tables have no rowid to order by.
    for (const name of names) {
      const rows = db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all();
      tables[name] = rows.map((row) => JSON.stringify(row, bytesAsHex)).sort();
    }
    const prefs = join(dataDir, 'preferences.json');
    const assetsDir = join(dataDir, 'assets');
    return {
      tables,
      preferences: existsSync(prefs) ? readFileSync(prefs, 'utf8') : null,
      assets: existsSync(assetsDir) ? readdirSync(assetsDir, { recursive: true }).map(String).sort() : [],
    };
  } finally {
    db.close();
  }
}
