import { describe, expect, it } from 'vitest';
import { cjkBigrams, cjkIndexText, compileMatch } from '../../../electron/library/fts-match.ts';
import { parseSearchQuery } from '../../../electron/library/search-query.ts';

const word = (text: string, prefix = false) => ({ kind: 'word', text, prefix });
const phrase = (text: string) => ({ kind: 'phrase', text, prefix: false });
const fts = (q: string) => compileMatch(parseSearchQuery(q), { cjkColumn: 'cjk' });

describe('parseSearchQuery', () => {
  it('reads words, phrases, prefixes and exclusions', () => {
    const q = parseSearchQuery('  solar "wind power"  turb* -coal -"fossil fuel" ');
    expect(q.groups).toEqual([[word('solar')], [phrase('wind power')], [word('turb', true)]]);
    expect(q.excluded).toEqual([word('coal'), phrase('fossil fuel')]);
  });

  it('groups OR alternatives, binding tighter than AND', () => {
    expect(parseSearchQuery('a OR b c').groups).toEqual([[word('a'), word('b')], [word('c')]]);
    expect(parseSearchQuery('a OR "b c" OR d*').groups).toEqual([[word('a'), phrase('b c'), word('d', true)]]);
    expect(parseSearchQuery('a | b').groups).toEqual([[word('a'), word('b')]]);
    // A dangling OR is ignored; lower-case "or" is a word.
    expect(parseSearchQuery('OR a OR').groups).toEqual([[word('a')]]);
    expect(parseSearchQuery('a or b').groups).toEqual([[word('a')], [word('or')], [word('b')]]);
    expect(parseSearchQuery('a AND b').groups).toEqual([[word('a')], [word('b')]]);
  });

  it('reads filters', () => {
    const q = parseSearchQuery(
      'tag:Rust tag:"machine learning" -tag:old site:https://www.Example.com/path -site:ads.net is:starred ' +
        '-is:archived is:UNREAD is:read after:2024-01-31 before:2024-03-01 words',
    );
    expect(q).toMatchObject({
      tags: ['Rust', 'machine learning'],
      notTags: ['old'],
      sites: ['example.com'],
      notSites: ['ads.net'],
      is: { starred: true, archived: false, unread: true, read: true },
      after: '2024-01-31',
      before: '2024-03-01',
      groups: [[word('words')]],
    });
  });

  it('reads malformed filters as words', () => {
    expect(parseSearchQuery('is:nonsense').groups).toEqual([[word('is:nonsense')]]);
    expect(parseSearchQuery('before:2024-02-30').groups).toEqual([[word('before:2024-02-30')]]);
    expect(parseSearchQuery('after:yesterday').groups).toEqual([[word('after:yesterday')]]);
    expect(parseSearchQuery('site:!!!').groups).toEqual([[word('site:!!!')]]);
    expect(parseSearchQuery('title:foo').groups).toEqual([[word('title:foo')]]);
    expect(parseSearchQuery('tag:').groups).toEqual([[word('tag:')]]);
    expect(parseSearchQuery('-before:2024-01-01').excluded).toEqual([word('before:2024-01-01')]);
  });

  it('handles unbalanced quotes, lone dashes and syntax characters', () => {
    expect(parseSearchQuery('"open ended').groups).toEqual([[phrase('open ended')]]);
    expect(parseSearchQuery('a - b').groups).toEqual([[word('a')], [word('b')]]);
    expect(parseSearchQuery('- -- " "" * ** ^ ( ) :').groups).toEqual([]);
    expect(parseSearchQuery('NEAR(a b)').groups).toEqual([[word('NEAR(a')], [word('b)')]]);
    expect(parseSearchQuery('foo*bar').groups).toEqual([[word('foo*bar')]]);
    expect(parseSearchQuery('tag:"unclosed value').tags).toEqual(['unclosed value']);
  });

  it('caps runaway input', () => {
    const q = parseSearchQuery(Array.from({ length: 500 }, (_, i) => `w${i}`).join(' '));
    expect(q.groups.length).toBeLessThanOrEqual(32);
  });
});

describe('compileMatch', () => {
  it('quotes every term so user text is never FTS5 syntax', () => {
    expect(fts('a OR b c').match).toBe('("a" OR "b") AND "c"');
    expect(fts('pre* "x y" -z -"w v"').match).toBe('("pre"* AND "x y") NOT ("z" OR "w v")');
    expect(fts('say "hi""').match).toBe('"say" AND "hi"');
    expect(fts('ab"cd').match).toBe('"ab""cd"');
    expect(fts('NEAR(x').match).toBe('"NEAR(x"');
    expect(fts('-only')).toEqual({ match: null, positive: null, exclude: '"only"' });
    expect(fts('is:starred').match).toBeNull();
  });

  it('turns CJK runs into bigram phrases on the cjk column', () => {
    expect(cjkBigrams('东京塔')).toEqual(['东京', '京塔', '塔']);
    expect(cjkIndexText('去东京塔。', 'abc', 'ひらがな')).toBe('去东 东京 京塔 塔 ひら らが がな な');
    expect(fts('东京塔').match).toBe('cjk : "东京 京塔"');
    expect(fts('塔').match).toBe('cjk : "塔"*');
    expect(fts('iPhone手机').match).toBe('("iPhone" AND cjk : "手机")');
    expect(compileMatch(parseSearchQuery('东京'), { cjkColumn: null }).match).toBe('"东京"');
  });
});
