import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { countWords, elementToText } from '../../../electron/capture/extraction/html-to-text.ts';

const textOf = (markup: string): string => {
  const { document } = parseHTML(`<!doctype html><html><head><title>t</title></head><body><article>${markup}</article></body></html>`);
  const article = document.querySelector('article');
  if (!article) throw new Error('no <article> parsed');
  return elementToText(article);
};

describe('elementToText', () => {
  it('drops soft hyphens so hyphenated words stay searchable', () => {
    expect(textOf('<p>Die Bundes&shy;regierung hat die Ver\u00adord\u00adnung beschlossen.</p>')).toBe('Die Bundesregierung hat die Verordnung beschlossen.');
    expect(countWords(textOf('<p>Bundes&shy;regierung</p>'))).toBe(1);
  });

  it('drops zero-width spaces, word joiners and stray BOMs without leaving gaps', () => {
    expect(textOf('<p>foo\u200bbar wo\u2060rd\ufeffs</p>')).toBe('foobar words');
    expect(textOf('<p>a \u200b b</p><p>\ufeffStart</p>')).toBe('a b\n\nStart');
    expect(textOf('<pre>x\u00ad = \u200by</pre>')).toBe('x = y');
  });

  it('keeps ZWNJ and ZWJ, which are part of Persian and Indic spelling', () => {
    expect(textOf('<p>می\u200cخواهم</p>')).toBe('می\u200cخواهم');
    expect(textOf('<p>क्\u200dष</p>')).toBe('क्\u200dष');
  });

  it('leaves ruby annotations and their parentheses out', () => {
    expect(textOf('<p><ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>を読む</p>')).toBe('漢字を読む');
    expect(textOf('<p><ruby>東京<rp>(</rp><rt>とうきょう</rt><rp>)</rp></ruby>に行く</p>')).toBe('東京に行く');
    expect(textOf('<p><ruby>明日<rtc><rt>あした</rt></rtc></ruby></p>')).toBe('明日');
  });

  it('still separates blocks and collapses whitespace as before', () => {
    expect(textOf('<h2>Title</h2><p>One\n  two\u00a0 three</p><ul><li>a</li><li>b<br>c</li></ul><pre>x  y</pre>')).toBe('Title\n\nOne two three\n\na\n\nb\nc\n\nx  y');
  });
});
