import { describe, expect, it } from 'vitest';
import { capture, freshLibrary, rawDb, saved } from './helpers.ts';

const ids = (r: { hits: { article: { id: string } }[] }) => r.hits.map((h) => h.article.id).sort();

describe('tags', () => {
  it('adds and removes tags, case-insensitively, bumping updated_at', () => {
    const { lib } = freshLibrary();
    const a = saved(lib, 'https://example.com/a');
    const tagged = lib.addTags(a.id, ['Rust', '  web   dev ', 'rust', ''])!;
    expect(tagged.tags).toEqual(['Rust', 'web dev']);
    expect(tagged.updatedAt > a.updatedAt).toBe(true);
    expect(lib.addTags(a.id, ['RUST'])!.updatedAt).toBe(tagged.updatedAt);
    expect(lib.removeTag(a.id, 'WEB DEV')!.tags).toEqual(['Rust']);
    expect(lib.addTags('missing', ['x'])).toBeNull();
    expect(lib.removeTag('missing', 'x')).toBeNull();
  });

  it('counts tags and sites over live articles', () => {
    const { lib } = freshLibrary();
    const a = saved(lib, 'https://www.example.com/a');
    const b = saved(lib, 'https://blog.example.com/b');
    const c = saved(lib, 'https://example.com/c');
    lib.addTags(a.id, ['x', 'y']);
    lib.addTags(b.id, ['y']);
    lib.addTags(c.id, ['y']);
    lib.delete(c.id);
    expect(lib.listTags()).toEqual([{ name: 'x', count: 1 }, { name: 'y', count: 2 }]);
    expect(lib.listSites()).toEqual([{ site: 'example.com', count: 1 }, { site: 'blog.example.com', count: 1 }].sort((p, q) => p.site.localeCompare(q.site)));
    expect(lib.list({ view: 'all', tag: 'Y' }).items.map((i) => i.id)).toEqual([b.id, a.id]);
  });

  it('renames a tag, and merges into an existing one without losing links', () => {
    const { lib } = freshLibrary();
    const a = saved(lib, 'https://example.com/a', { text: 'alpha' });
    const b = saved(lib, 'https://example.com/b', { text: 'beta' });
    lib.addTags(a.id, ['js']);
    lib.addTags(b.id, ['js', 'javascript']);
    expect(lib.renameTag('JS', 'ECMAScript')).toBe(true);
    expect(lib.summary(a.id)!.tags).toEqual(['ECMAScript']);
    expect(ids(lib.search('ecmascript', 10))).toEqual([a.id, b.id].sort());
    expect(lib.search('js', 10).total).toBe(0);

    expect(lib.renameTag('ecmascript', 'JavaScript')).toBe(true); // merge: 'javascript' exists
    expect(lib.summary(a.id)!.tags).toEqual(['javascript']);
    expect(lib.summary(b.id)!.tags).toEqual(['javascript']);
    expect(lib.listTags()).toEqual([{ name: 'javascript', count: 2 }]);
    expect(ids(lib.search('tag:javascript', 10))).toEqual([a.id, b.id].sort());
    expect(lib.search('ecmascript', 10).total).toBe(0);

    expect(lib.renameTag('nope', 'x')).toBe(false);
    expect(lib.renameTag('javascript', '   ')).toBe(false);
    expect(lib.renameTag('javascript', 'JavaScript')).toBe(true); // case-only rename
    expect(lib.listTags()).toEqual([{ name: 'JavaScript', count: 2 }]);
  });
  it('shows every article with exactly its linked tags, through adding, removing, merging and bulk loads', () => {
    // Summaries skip the tag lookup when tags_text is empty, so tags_text must be empty only
    // for an article with no links, whatever path changed them.
    const { lib, file } = freshLibrary();
    const a = saved(lib, 'https://example.com/a');
    const b = saved(lib, 'https://example.com/b');
    const [c] = lib.bulkInsert([{ ...capture({ url: 'https://example.com/c' }), tags: ['Loaded', 'x y'] }]);
    lib.addTags(a.id, ['one']);
    lib.removeTag(a.id, 'one');
    lib.addTags(a.id, ['two', 'three']);
    lib.addTags(b.id, ['two']);
    lib.renameTag('three', 'Two');
    lib.removeTag(b.id, 'two');
    const linked = rawDb(file).prepare(`SELECT a.id, coalesce(json_group_array(t.name) FILTER (WHERE t.name IS NOT NULL), '[]') AS names
      FROM articles a LEFT JOIN article_tags at ON at.article_id = a.id LEFT JOIN tags t ON t.id = at.tag_id
      WHERE a.deleted_at IS NULL GROUP BY a.id`).all() as { id: string; names: string }[];
    const shown = Object.fromEntries(linked.map((r) => [r.id, lib.summary(r.id)!.tags]));
    expect(shown).toEqual(Object.fromEntries(linked.map((r) => [r.id, (JSON.parse(r.names) as string[]).sort()])));
    expect(shown).toEqual({ [a.id]: ['two'], [b.id]: [], [c!]: ['Loaded', 'x y'] });
    expect(lib.list({ view: 'all' }).items.map((i) => i.tags).sort()).toEqual([[], ['Loaded', 'x y'], ['two']].sort());
    // A backup restored into another library links its tags before the row goes in.
    const other = freshLibrary().lib;
    for (const article of lib.exportArticles()) other.restoreArticle(article);
    expect(Object.fromEntries(other.list({ view: 'all' }).items.map((i) => [i.id, i.tags]))).toEqual(shown);
  });
});

describe('notes', () => {
  it('stores a note and makes it searchable', () => {
    const { lib } = freshLibrary();
    const a = saved(lib, 'https://example.com/a', { text: 'body words' });
    expect(lib.getNote(a.id)).toBe('');
    const after = lib.setNote(a.id, 'remember the marmalade recipe')!;
    expect(after.updatedAt > a.updatedAt).toBe(true);
    expect(lib.getNote(a.id)).toBe('remember the marmalade recipe');
    expect(ids(lib.search('marmalade', 10))).toEqual([a.id]);
    lib.setNote(a.id, '');
    expect(lib.search('marmalade', 10).total).toBe(0);
    expect(lib.setNote('missing', 'x')).toBeNull();
    expect(lib.getNote('missing')).toBeNull();
  });
});
