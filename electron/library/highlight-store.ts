// Highlights and their notes: made in the reader, or brought by an import (Omnivore, Readwise,
// wallabag, Pocket). Each is anchored by its quote; when the article's text changes (a
// re-fetch, or an import's article captured at last) every highlight is placed again, and one
// that no longer fits is kept as orphaned.
import { randomUUID } from 'node:crypto';
import { matchQuote } from '../shared/anchoring/text-quote.ts';
import { HIGHLIGHT_COLORS, type Highlight, type HighlightChange, type HighlightColor } from '../shared/highlight.ts';
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
  /** Already known not to fit its article's text (a restored backup's). */
  orphaned?: boolean | null;
  createdAt?: string | null;
  updatedAt?: string | null;
}

const NEAREST: Record<string, HighlightColor> = { red: 'pink', orange: 'pink', purple: 'blue', violet: 'blue', cyan: 'blue' };
export const MAX_QUOTE_CHARS = 20_000;
export const MAX_NOTE_CHARS = 100_000;

export function highlightColor(name: string | null | undefined): HighlightColor {
  const key = (name ?? '').trim().toLowerCase();
  return (HIGHLIGHT_COLORS as readonly string[]).includes(key) ? (key as HighlightColor) : (NEAREST[key] ?? 'yellow');
}

/** Columns of `highlights h`, prefixed h_ so they can sit beside an article's in one row. */
export const HIGHLIGHT_COLUMNS = ['id', 'article_id', 'quote', 'prefix', 'suffix', 'start_pos', 'end_pos', 'color', 'note', 'orphaned', 'created_at', 'updated_at']
  .map((c) => `h.${c} AS h_${c}`)
  .join(', ');

export const toHighlight = (row: Row): Highlight => ({
  id: String(row.h_id),
  articleId: String(row.h_article_id),
  quote: String(row.h_quote),
  prefix: String(row.h_prefix),
  suffix: String(row.h_suffix),
  start: row.h_start_pos === null ? null : Number(row.h_start_pos),
  end: row.h_end_pos === null ? null : Number(row.h_end_pos),
  color: highlightColor(String(row.h_color)),
  note: String(row.h_note),
  orphaned: Number(row.h_orphaned) === 1,
  createdAt: String(row.h_created_at),
  updatedAt: String(row.h_updated_at),
});

const clean = (text: string | null | undefined, max: number): string => (text ?? '').trim().slice(0, max);

export class HighlightStore {
  readonly #stmts: StatementCache;

  constructor(stmts: StatementCache) {
    this.#stmts = stmts;
  }

  /**
   * Adds a highlight; the same quote with the same note at the same place (or, for an import's
   * unplaced one, anywhere) on the same article is not added twice: an import run again. The
   * same words highlighted at another place are another highlight. Null for an empty quote.
   */
  add(articleId: string, h: NewHighlight): Highlight | null {
    // A placed quote keeps its exact text (the offsets count it); an unplaced one is tidied.
    const hasPosition = typeof h.start === 'number' && typeof h.end === 'number' && h.start >= 0 && h.end > h.start;
    const quote = (hasPosition ? h.quote : h.quote.trim()).slice(0, MAX_QUOTE_CHARS);
    if (!quote.trim()) return null;
    const note = clean(h.note, MAX_NOTE_CHARS);
    const twin = this.#stmts
      .get(`SELECT ${HIGHLIGHT_COLUMNS} FROM highlights h
            WHERE h.article_id = :articleId AND h.quote = :quote AND h.note = :note AND h.deleted_at IS NULL
              AND (:start IS NULL OR h.start_pos IS NULL OR h.start_pos = :start)`)
      .get({ articleId, quote, note, start: hasPosition ? h.start! : null }) as Row | undefined;
    if (twin) return toHighlight(twin);
    const now = nowIso();
    const id = h.id ?? randomUUID();
    const created = h.createdAt ?? now;
    this.#stmts
      .get(`INSERT INTO highlights (id, article_id, quote, prefix, suffix, start_pos, end_pos, color, note, orphaned, created_at, updated_at)
            VALUES (:id, :articleId, :quote, :prefix, :suffix, :start, :end, :color, :note, :orphaned, :created, :updated)`)
      .run({
        id,
        articleId,
        quote,
        prefix: (h.prefix ?? '').slice(-200),
        suffix: (h.suffix ?? '').slice(0, 200),
        start: hasPosition ? h.start! : null,
        end: hasPosition ? h.end! : null,
        color: highlightColor(h.color),
        note,
        orphaned: h.orphaned ? 1 : 0,
        created,
        updated: h.updatedAt ?? created,
      });
    return this.get(id);
  }

  get(id: string): Highlight | null {
    const row = this.#stmts.get(`SELECT ${HIGHLIGHT_COLUMNS} FROM highlights h WHERE h.id = :id AND h.deleted_at IS NULL`).get({ id }) as Row | undefined;
    return row ? toHighlight(row) : null;
  }

  /** Changes the colour or the note; null when there is no such highlight. */
  update(id: string, change: HighlightChange): Highlight | null {
    const current = this.get(id);
    if (!current) return null;
    this.#stmts
      .get('UPDATE highlights SET color = :color, note = :note, updated_at = :now WHERE id = :id AND deleted_at IS NULL')
      .run({ id, color: highlightColor(change.color ?? current.color), note: change.note === undefined ? current.note : clean(change.note, MAX_NOTE_CHARS), now: nowIso() });
    return this.get(id);
  }

  /** Deletes (a tombstone, so Undo and sync can see it); the article it belongs to, or null. */
  remove(id: string): string | null {
    const current = this.get(id);
    if (!current) return null;
    const now = nowIso();
    this.#stmts.get('UPDATE highlights SET deleted_at = :now, updated_at = :now WHERE id = :id AND deleted_at IS NULL').run({ id, now });
    return current.articleId;
  }

  /** Undoes remove(); not for a highlight whose article is gone. */
  restore(id: string): Highlight | null {
    this.#stmts
      .get(`UPDATE highlights SET deleted_at = NULL, updated_at = :now
            WHERE id = :id AND deleted_at IS NOT NULL
              AND article_id IN (SELECT id FROM articles WHERE deleted_at IS NULL)`)
      .run({ id, now: nowIso() });
    return this.get(id);
  }

  /** An article's highlights in reading order; unplaced and orphaned ones last. */
  forArticle(articleId: string): Highlight[] {
    return this.#stmts
      .get(`SELECT ${HIGHLIGHT_COLUMNS} FROM highlights h WHERE h.article_id = :articleId AND h.deleted_at IS NULL
            ORDER BY h.orphaned, h.start_pos IS NULL, h.start_pos, h.created_at, h.id`)
      .all({ articleId })
      .map((row) => toHighlight(row as Row));
  }

  /**
   * Places an article's highlights in its new text: each moves to where its quote now is, or
   * becomes orphaned (kept, with its last position). Answers how many changed.
   */
  reanchor(articleId: string, text: string): number {
    let changed = 0;
    const update = this.#stmts.get(
      'UPDATE highlights SET start_pos = :start, end_pos = :end, orphaned = :orphaned WHERE id = :id',
    );
    for (const h of this.forArticle(articleId)) {
      const found = matchQuote(text, h);
      const next = found ? { start: found.start, end: found.end, orphaned: 0 } : { start: h.start, end: h.end, orphaned: 1 };
      if (next.start === h.start && next.end === h.end && next.orphaned === Number(h.orphaned)) continue;
      update.run({ id: h.id, ...next });
      changed++;
    }
    return changed;
  }

  /** Every live highlight of a live article, a page at a time (exports). */
  *all(pageSize = 1000): Generator<Highlight> {
    let after = '';
    for (;;) {
      const rows = this.#stmts
        .get(`SELECT ${HIGHLIGHT_COLUMNS} FROM highlights h JOIN articles a ON a.id = h.article_id
              WHERE h.deleted_at IS NULL AND a.deleted_at IS NULL AND h.id > :after ORDER BY h.id LIMIT :limit`)
        .all({ after, limit: pageSize }) as Row[];
      for (const row of rows) yield toHighlight(row);
      if (rows.length < pageSize) return;
      after = String(rows.at(-1)!.h_id);
    }
  }

  count(articleId: string): number {
    return Number((this.#stmts.get('SELECT count(*) AS n FROM highlights WHERE article_id = :articleId AND deleted_at IS NULL').get({ articleId }) as Row).n);
  }
}
