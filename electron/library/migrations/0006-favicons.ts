// Each article keeps its site's icon (an app asset URL, like lead_image) for the reading list.
// Articles saved before this have none: NULL, and the list shows the site's name alone.
import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from './types.ts';

export const migration0006: Migration = {
  version: 6,
  description: "the site's icon for each article",
  up(db: DatabaseSync): void {
    db.exec('ALTER TABLE articles ADD COLUMN favicon TEXT');
  },
};
