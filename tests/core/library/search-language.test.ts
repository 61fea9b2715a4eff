import { describe, expect, it } from 'vitest';
import type { Library } from '../../../electron/library/library.ts';
import { freshLibrary, rawDb, saved } from './helpers.ts';

const ids = (r: { hits: { article: { id: string } }[] }) => r.hits.map((h) => h.article.id).sort();

function corpus() {
  const { lib, file } = freshLibrary();
  const a = saved(lib, 'https://www.example.com/2024/solar-panels', {
    title: 'Solar panels on a budget', text: 'Wind power and solar power compared. Turbines spin.', siteName: 'Example',
  });
  const b = saved(lib, 'https://blog.example.com/wind', {
    title: 'Wind farms', text: 'Offshore wind power grows. Coal declines.', siteName: 'Example Blog',
  });
  const c = saved(lib, 'https://news.other.org/coal', {
    title: 'Coal country', text: 'Power from coal, and the turbine makers.', siteName: 'Other News',
  });
  const d = saved(lib, 'https://zh.example.net/tokyo', {
    title: '东京塔的夜景', text: '我们昨天去了东京塔。晚上的景色非常美丽。', siteName: 'ZH', lang: 'zh',
  });
  return { lib, file, a: a.id, b: b.id, c: c.id, d: d.id };
}

const run = (lib: Library, q: string) => ids(lib.search(q, 50));

describe('search language', () => {
  it('words, phrases, prefixes, exclusions and OR', () => {
    const { lib, a, b, c, d } = corpus();
    expect(run(lib, 'power')).toEqual([a, b, c].sort());
    expect(run(lib, '"wind power"')).toEqual([a, b].sort());
    expect(run(lib, '"power wind"')).toEqual([]);
    expect(run(lib, 'turbine*')).toEqual([a, c].sort());
    expect(run(lib, 'power -coal')).toEqual([a]);
    expect(run(lib, 'power -"offshore wind"')).toEqual([a, c].sort());
    expect(run(lib, 'offshore OR turbines')).toEqual([a, b].sort());
    expect(run(lib, '-coal')).toEqual([a, d].sort());
  });

  it('site:, tag:, is:, before:/after: filters', () => {
    const { lib, file, a, b, c } = corpus();
    expect(run(lib, 'power site:example.com')).toEqual([a, b].sort());
    expect(run(lib, 'power site:blog.example.com')).toEqual([b]);
    expect(run(lib, 'power -site:example.com')).toEqual([c]);
    lib.addTags(a, ['energy']);
    lib.addTags(c, ['Energy', 'fossil']);
    expect(run(lib, 'tag:energy')).toEqual([a, c].sort());
    expect(run(lib, 'power tag:energy -tag:fossil')).toEqual([a]);
    lib.setStarred(b, true);
    lib.setArchived(c, true);
    expect(run(lib, 'power is:starred')).toEqual([b]);
    expect(run(lib, 'power is:archived')).toEqual([c]);
    expect(run(lib, 'power is:unread')).toEqual([a, b].sort());
    expect(run(lib, 'power -is:starred')).toEqual([a, c].sort());
    lib.setProgress(a, 1);
    expect(run(lib, 'power is:read')).toEqual([a]);
    const raw = rawDb(file);
    raw.prepare('UPDATE articles SET created_at = ? WHERE id = ?').run('2024-01-15T10:00:00.000Z', a);
    raw.prepare('UPDATE articles SET created_at = ? WHERE id = ?').run('2024-02-01T00:00:00.000Z', b);
    raw.prepare('UPDATE articles SET created_at = ? WHERE id = ?').run('2024-03-10T00:00:00.000Z', c);
    expect(run(lib, 'power after:2024-02-01')).toEqual([b, c].sort());
    expect(run(lib, 'power before:2024-02-01')).toEqual([a]);
    expect(run(lib, 'after:2024-01-15 before:2024-03-01')).toEqual([a, b].sort());
  });

  it('finds parts of URLs and folds diacritics', () => {
    const { lib, a, b } = corpus();
    expect(run(lib, 'blog.example.com')).toEqual([b]);
    expect(run(lib, 'solar-panels')).toEqual([a]);
    expect(run(lib, 'sólar pánels')).toEqual([a]);
  });

  it('finds CJK words inside runs, with a marked snippet', () => {
    const { lib, d } = corpus();
    expect(run(lib, '东京塔')).toEqual([d]);
    expect(run(lib, '景色')).toEqual([d]);
    expect(run(lib, '美')).toEqual([d]);
    expect(run(lib, '"东京塔"')).toEqual([d]);
    expect(run(lib, '京都')).toEqual([]);
    const [hit] = lib.search('景色', 5).hits;
    expect(hit!.snippet).toContain('<mark>景色</mark>');
  });
});
