// Highlights and their notes. Stored now for what imports bring (Omnivore, Readwise, wallabag,
// Pocket); the reader's own highlighting builds on the same table.
import { randomUUID } from 'node:crypto';
import { HIGHLIGHT_COLORS, type Highlight, type HighlightColor } from '../shared/highlight.ts';
import type { Row } from './article-rows.ts';
import { nowIso } from './clock.ts';
import type { StatementCache } from './db.ts';

export interface NewHighlight {
  id?: string;
  quote: string;
  prefix?: string | null;
  suffix?: string | null;
  start?: number | null;
  end?: number | null;
  /** Any colour name; those outside the four become the nearest of them. */
  color?: string | null;
  note?: string | null;
  createdAt?: string | null;
  updatedAt?: string | null;
}

const NEAREST: Record<string, HighlightColor> = { red: 'pink', orange: 'pink', purple: 'blue', violet: 'blue', cyan: 'blue' };

export function highlightColor(name: string | null | undefined): HighlightColor {
  const key = (name ?? '').trim().toLowerCase();
  return (HIGHLIGHT_COLORS as readonly string[]).includes(key) ? (key as HighlightColor) : (NEAREST[key] ?? 'yellow');
}

const toHighlight = (row: Row): Highlight => ({
  id: String(row.id),
  articleId: String(row.article_id),
  quote: String(row.quote),
  prefix: String(row.prefix),
  suffix: String(row.suffix),
  start: row.start_pos === null ? null : Number(row.start_pos),
  end: row.end_pos === null ? null : Number(row.end_pos),
  color: highlightColor(String(row.color)),
  note: String(row.note),
  createdAt: String(row.created_at),
  updatedAt: String(row.updated_at),
});

const COLUMNS = 'id, article_id, quote, prefix, suffix, start_pos, end_pos, color, note, created_at, updated_at';

export class HighlightStore {
  readonly #stmts: StatementCache;

  constructor(stmts: StatementCache) {
    this.#stmts = stmts;
  }

  /** Adds a highlight; the same quote with the same note on the same article is not added twice. */
  add(articleId: string, h: NewHighlight): Highlight | null {
    const quote = h.quote.trim().slice(0, 20_000);
    if (!quote) return null;
    const note = (h.note ?? '').trim().slice(0, 100_000);
    const twin = this.#stmts
      .get(`SELECT ${COLUMNS} FROM highlights WHERE article_id = :articleId AND quote = :quote AND note = :note AND deleted_at IS NULL`)
      .get({ articleId, quote, note }) as Row | undefined;
    if (twin) return toHighlight(twin);
    const now = nowIso();
    const id = h.id ?? randomUUID();
    const created = h.createdAt ?? now;
    this.#stmts
      .get(`INSERT INTO highlights (id, article_id, quote, prefix, suffix, start_pos, end_pos, color, note, created_at, updated_at)
            VALUES (:id, :articleId, :quote, :prefix, :suffix, :start, :end, :color, :note, :created, :updated)`)
      .run({
        id,
        articleId,
        quote,
        prefix: (h.prefix ?? '').slice(-200),
        suffix: (h.suffix ?? '').slice(0, 200),
        start: h.start ?? null,
        end: h.end ?? null,
        color: highlightColor(h.color),
        note,
        created,
        updated: h.updatedAt ?? created,
      });
    return this.get(id);
  }

  get(id: string): Highlight | null {
    const row = this.#stmts.get(`SELECT ${COLUMNS} FROM highlights WHERE id = :id AND deleted_at IS NULL`).get({ id }) as Row | undefined;
    return row ? toHighlight(row) : null;
  }

  /** An article's highlights in reading order (unplaced ones last). */
  forArticle(articleId: string): Highlight[] {
    return this.#stmts
      .get(`SELECT ${COLUMNS} FROM highlights WHERE article_id = :articleId AND deleted_at IS NULL
            ORDER BY start_pos IS NULL, start_pos, created_at, id`)
      .all({ articleId })
      .map((row) => toHighlight(row as Row));
  }

  /** Every live highlight of a live article, a page at a time (exports). */
  *all(pageSize = 1000): Generator<Highlight> {
    let after = '';
    for (;;) {
      const rows = this.#stmts
        .get(`SELECT h.${COLUMNS.split(', ').join(', h.')} FROM highlights h JOIN articles a ON a.id = h.article_id
              WHERE h.deleted_at IS NULL AND a.deleted_at IS NULL AND h.id > :after ORDER BY h.id LIMIT :limit`)
        .all({ after, limit: pageSize }) as Row[];
      for (const row of rows) yield toHighlight(row);
      if (rows.length < pageSize) return;
      after = String(rows.at(-1)!.id);
    }
  }

  count(articleId: string): number {
    return Number((this.#stmts.get('SELECT count(*) AS n FROM highlights WHERE article_id = :articleId AND deleted_at IS NULL').get({ articleId }) as Row).n);
  }
}
