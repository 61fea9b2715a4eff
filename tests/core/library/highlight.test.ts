import { describe, expect, it } from 'vitest';
import { highlighterFor, highlightSnippet } from '../../../electron/library/highlight.ts';
import type { TextTerm } from '../../../electron/library/search-query.ts';

const word = (text: string, prefix = false): TextTerm => ({ kind: 'word', text, prefix });
const marks = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);

describe('highlightSnippet windows', () => {
  it('centres the window on the densest run of hits', () => {
    const text = `lone fern ${'pad '.repeat(60)}moss fern moss ${'tail '.repeat(60)}`;
    const html = highlightSnippet(text, highlighterFor([word('fern'), word('moss')]), 10);
    expect(marks(html)).toEqual(['moss', 'fern', 'moss']);
    expect(html).toBe('…pad pad pad <mark>moss</mark> <mark>fern</mark> <mark>moss</mark> tail tail tail tail…');
  });

  it('starts at the beginning when nothing in the text matches', () => {
    expect(highlightSnippet('Only the title matched. More words follow here', highlighterFor([word('zzz')]), 4))
      .toBe('Only the title matched.…');
    expect(highlightSnippet('  ...  ', highlighterFor([word('x')]))).toBe('  ...  ');
  });

  it('matches whole tokens only, prefixes at token starts, case- and accent-folded', () => {
    const h = highlighterFor([word('cafe'), word('tom', true)]);
    const html = highlightSnippet('Cafés, CAFE, café-bar, tomato, atom, Tomás, cafe2', h);
    expect(marks(html)).toEqual(['CAFE', 'café', 'tomato', 'Tomás']);
  });

  it('handles text whose lower case changes length, and letters outside the BMP', () => {
    const h = highlighterFor([word('istanbul'), word('𝒜x')]);
    expect(marks(highlightSnippet('İstanbul and istanbul', h))).toEqual(['İstanbul', 'istanbul']);
    expect(marks(highlightSnippet('a 𝒜x b 𝒜xy', highlighterFor([word('𝒜x')])))).toEqual(['𝒜x']);
  });

  it('marks CJK runs inside longer runs and keeps text escaped', () => {
    const h = highlighterFor([{ kind: 'phrase', text: '京都', prefix: false }]);
    expect(highlightSnippet('<b>東京都庁</b> & 京都', h)).toBe('&lt;b&gt;東<mark>京都</mark>庁&lt;/b&gt; &amp; <mark>京都</mark>');
  });
});
