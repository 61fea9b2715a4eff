// All full-text-search DDL lives here: the content view, the FTS5 table and the triggers that
// keep it in step with `articles`. Migrations call these builders with a frozen spec, so an
// old migration keeps producing the schema it always did.
//
// The FTS table is "external content": it stores only the index, and reads text back from a
// view of live (non-tombstoned) articles when snippet() needs it. So text is stored once.

export interface FtsColumn {
  /** Column name inside the FTS table (and the view). */
  name: string;
  /** SQL expression over an `articles` row, written with a `$row.` prefix (new./old./a.). */
  source: string;
}

export interface FtsSpec {
  table: string;
  view: string;
  /** The indexed table, its integer row key, and when a row counts as live (over `$row.`); articles by default. */
  source?: { table: string; rowKey: string; live: string };
  columns: readonly FtsColumn[];
  tokenize: string;
  /** FTS5 prefix= option, e.g. '2 3'; omitted when empty. */
  prefix?: string;
  /** FTS5 detail= option; 'full' is needed for phrase queries. */
  detail?: 'full' | 'column';
  /** Default rank expression, e.g. 'bm25(10.0, 1.0)'. */
  rank: string;
}

const ARTICLES = { table: 'articles', rowKey: 'rid', live: '$row.deleted_at IS NULL' };
const sourceOf = (spec: FtsSpec) => spec.source ?? ARTICLES;
const triggerName = (spec: FtsSpec, what: string): string => `${spec.table}_${what}`;
const liveAs = (spec: FtsSpec, row: 'new' | 'old' | 'a'): string => sourceOf(spec).live.replaceAll('$row.', `${row}.`);
const values = (spec: FtsSpec, row: 'new' | 'old'): string =>
  spec.columns.map((c) => c.source.replaceAll('$row.', `${row}.`)).join(', ');
const names = (spec: FtsSpec): string => spec.columns.map((c) => c.name).join(', ');

/** Source columns that feed the index: an UPDATE OF any of them reindexes. */
function watchedColumns(spec: FtsSpec): string[] {
  const cols = new Set<string>(['deleted_at']);
  for (const c of spec.columns) for (const m of c.source.matchAll(/\$row\.(\w+)/g)) cols.add(m[1]!);
  return [...cols];
}

/** `rebuild: false` leaves the new index empty, for options to be set before it is filled. */
export function createFtsSql(spec: FtsSpec, build: { rebuild?: boolean } = {}): string {
  const src = sourceOf(spec);
  const options = [
    `content='${spec.view}'`,
    `content_rowid='rid'`,
    `tokenize='${spec.tokenize}'`,
    spec.prefix ? `prefix='${spec.prefix}'` : '',
    spec.detail && spec.detail !== 'full' ? `detail=${spec.detail}` : '',
  ].filter(Boolean);
  // INSERT … SELECT … WHERE lets one trigger hold both steps, so "delete old" always runs
  // before "insert new" (two separate triggers would fire in an order SQLite does not promise).
  const insert = (when: string): string =>
    `INSERT INTO ${spec.table}(rowid, ${names(spec)}) SELECT new.${src.rowKey}, ${values(spec, 'new')} WHERE ${when};`;
  const remove = (when: string): string =>
    `INSERT INTO ${spec.table}(${spec.table}, rowid, ${names(spec)}) SELECT 'delete', old.${src.rowKey}, ${values(spec, 'old')} WHERE ${when};`;
  return `
    CREATE VIEW ${spec.view} AS
      SELECT a.${src.rowKey} AS rid, ${spec.columns.map((c) => `${c.source.replaceAll('$row.', 'a.')} AS ${c.name}`).join(', ')}
      FROM ${src.table} a WHERE ${liveAs(spec, 'a')};
    CREATE VIRTUAL TABLE ${spec.table} USING fts5(${names(spec)}, ${options.join(', ')});
    INSERT INTO ${spec.table}(${spec.table}, rank) VALUES ('rank', '${spec.rank}');
    CREATE TRIGGER ${triggerName(spec, 'ai')} AFTER INSERT ON ${src.table} BEGIN
      ${insert(liveAs(spec, 'new'))}
    END;
    CREATE TRIGGER ${triggerName(spec, 'ad')} AFTER DELETE ON ${src.table} BEGIN
      ${remove(liveAs(spec, 'old'))}
    END;
    CREATE TRIGGER ${triggerName(spec, 'au')} AFTER UPDATE OF ${watchedColumns(spec).join(', ')} ON ${src.table} BEGIN
      ${remove(liveAs(spec, 'old'))}
      ${insert(liveAs(spec, 'new'))}
    END;
    ${build.rebuild === false ? '' : `INSERT INTO ${spec.table}(${spec.table}) VALUES ('rebuild');`}
  `;
}

export function dropFtsSql(spec: FtsSpec): string {
  return `
    DROP TRIGGER IF EXISTS ${triggerName(spec, 'ai')};
    DROP TRIGGER IF EXISTS ${triggerName(spec, 'ad')};
    DROP TRIGGER IF EXISTS ${triggerName(spec, 'au')};
    DROP TABLE IF EXISTS ${spec.table};
    DROP VIEW IF EXISTS ${spec.view};
  `;
}

/** Phase-1 index: title, byline, site and body text; title weighs most. */
export const FTS_V1: FtsSpec = {
  table: 'article_fts',
  view: 'article_fts_source',
  columns: [
    { name: 'title', source: '$row.title' },
    { name: 'byline', source: '$row.byline' },
    { name: 'site', source: '$row.site' },
    { name: 'text', source: '$row.text' },
  ],
  tokenize: 'unicode61 remove_diacritics 2',
  rank: 'bm25(10.0, 2.0, 2.0, 1.0)',
};

/** Phase-2 index: adds tags, the note, URL parts and CJK bigrams (see fts-match.ts); text is
 * stored deflated together with the HTML (compress.ts). */
export const FTS_V2: FtsSpec = {
  table: 'article_fts',
  view: 'article_fts_source',
  columns: [
    { name: 'title', source: '$row.title' },
    { name: 'byline', source: '$row.byline' },
    { name: 'site', source: '$row.site' },
    { name: 'tags', source: '$row.tags_text' },
    { name: 'note', source: '$row.note' },
    { name: 'url', source: 'coalesce($row.final_url, $row.url)' },
    { name: 'text', source: 'lectern_body_text($row.body_z)' },
    { name: 'cjk', source: '$row.cjk' },
  ],
  tokenize: 'unicode61 remove_diacritics 2',
  rank: 'bm25(10.0, 2.0, 2.0, 5.0, 3.0, 1.0, 1.0, 1.0)',
};

/** Phase-3 index (migration 0011): FTS_V2 with the body text first. FTS5 writes a column
 * number before every position list that is not column 0's, 2 bytes per word and article, and
 * with the text 7th most of them were the text's: first, the index is 27% smaller (64 → 47 MB
 * for 20,000 bench articles) and 16% faster to build. */
export const FTS_V3: FtsSpec = {
  ...FTS_V2,
  columns: [...FTS_V2.columns.filter((c) => c.name === 'text'), ...FTS_V2.columns.filter((c) => c.name !== 'text')],
  rank: 'bm25(1.0, 10.0, 2.0, 2.0, 5.0, 3.0, 1.0, 1.0)',
};

/** The short fields alone (migration 0005), same tokenizer, with prefix indexes (cheap at this
 * size, unlike on the full index): search's "title, tag,
 * URL… matches first" pass reads it instead of restricting the full index to these columns,
 * which still walked every body posting (a phrase of common words: 10 ms → 0.4 ms at 100,000
 * articles). About 5% the size of the full index. */
export const FTS_META: FtsSpec = {
  table: 'article_meta_fts',
  view: 'article_meta_fts_source',
  columns: FTS_V2.columns.filter((c) => c.name !== 'text' && c.name !== 'cjk'),
  tokenize: FTS_V2.tokenize,
  prefix: '2 3 4',
  rank: 'bm25(10.0, 2.0, 2.0, 5.0, 3.0, 1.0)',
};

/** Highlights' quotes and notes (migration 0008; frozen: a change is a new spec and migration),
 * with CJK bigrams as the articles have;
 * a highlight of a deleted article is tombstoned with it, so it leaves this index too. */
export const FTS_HIGHLIGHTS: FtsSpec = {
  table: 'highlight_fts',
  view: 'highlight_fts_source',
  source: { table: 'highlights', rowKey: 'rid', live: '$row.deleted_at IS NULL' },
  columns: [
    { name: 'quote', source: '$row.quote' },
    { name: 'note', source: '$row.note' },
    { name: 'cjk', source: 'lectern_cjk_text($row.quote, $row.note)' },
  ],
  tokenize: FTS_V2.tokenize,
  rank: 'bm25(2.0, 1.0, 1.0)',
};

/** The index the current schema has; search reads column positions from it. */
export const FTS_CURRENT: FtsSpec = FTS_V3;

/** An article's tag names as one string, in key order: what articles.tags_text holds. */
export const TAGS_TEXT_OF = (articleId: string): string => `(
  SELECT coalesce(group_concat(t.name, ' ' ORDER BY t.key), '') FROM article_tags at JOIN tags t ON t.id = at.tag_id
  WHERE at.article_id = ${articleId})`;

/** Keeps articles.tags_text (what the FTS indexes for tags) equal to the article's tag names. */
export const TAGS_TEXT_TRIGGERS = `
  CREATE TRIGGER article_tags_text_ai AFTER INSERT ON article_tags BEGIN
    UPDATE articles SET tags_text = ${TAGS_TEXT_OF('new.article_id')} WHERE id = new.article_id;
  END;
  CREATE TRIGGER article_tags_text_ad AFTER DELETE ON article_tags BEGIN
    UPDATE articles SET tags_text = ${TAGS_TEXT_OF('old.article_id')} WHERE id = old.article_id;
  END;
  CREATE TRIGGER tags_text_au AFTER UPDATE OF name ON tags BEGIN
    UPDATE articles SET tags_text = ${TAGS_TEXT_OF('articles.id')}
    WHERE id IN (SELECT article_id FROM article_tags WHERE tag_id = new.id);
  END;
`;
