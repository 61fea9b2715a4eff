import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { articleBlocks, findContent, pruneFound } from '../../../electron/capture/extraction/content-finder.ts';

const bodyOf = (markup: string): HTMLElement => {
  const { document } = parseHTML(`<!doctype html><html><head><title>t</title></head><body>${markup}</body></html>`);
  return document.body;
};

const byId = (root: Element, id: string): Element => {
  const element = root.querySelector(`#${id}`);
  if (!element) throw new Error(`no #${id} parsed`);
  return element;
};

// Each paragraph is 111 characters: a sentence, no links.
const para = (i: number): string => `<p>Paragraph ${i} of the story carries enough ordinary words to count as prose, well past the hundred character mark.</p>`;
const paras = (count: number): string => Array.from({ length: count }, (_, i) => para(i + 1)).join('');

const NAV = `<nav><ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('')}</ul></nav>`;
// Long lines, each almost all link: long enough to be a block, too linky to be article text.
const RELATED = `<div id="related"><h3>Related</h3><ul>${Array.from(
  { length: 6 },
  (_, i) => `<li><a href="/related/${i}">A related headline number ${i} that is long enough to be more than eighty characters long.</a> (3 min)</li>`,
).join('')}</ul></div>`;
const FOOTER = '<footer id="footer"><p>Example Times, 1 Main Street, Springfield. Contact: desk@example.test. Imprint. Privacy. Terms.</p></footer>';

describe('findContent', () => {
  it('picks the article container over a nav list, a related list and a footer', () => {
    const body = bodyOf(`${NAV}<div id="main"><div id="story"><h1>Headline</h1>${paras(5)}</div>${RELATED}</div>${FOOTER}`);
    const found = findContent(body);
    expect(found?.element).toBe(byId(body, 'story'));
    // Five paragraphs of article text; only the headline counts against it.
    expect(found?.goodChars).toBe(5 * 111);
    expect(found?.badChars).toBe('Headline'.length);
    expect(found?.element.textContent).not.toContain('related headline');
    expect(found?.element.textContent).not.toContain('Section 3');
  });

  // Six marked paragraphs (666 characters) and one more outside the mark (85 characters): the
  // wrapper holds more article text, but by less than the 15% a marked container is given.
  const EXTRA = '<p>One more paragraph that sits outside the marked body, with a sentence of its own too.</p>';
  const nearTie = (open: string, close: string): string => `${NAV}<div id="wrap">${open}${paras(6)}${close}${EXTRA}</div>`;

  it.each([
    ['class "entry-content"', '<div id="inner" class="entry-content">', '</div>'],
    ['itemprop="articleBody"', '<div id="inner" itemprop="articleBody">', '</div>'],
    ['an <article>', '<article id="inner">', '</article>'],
  ])('prefers a container marked with %s in a near tie', (_label, open, close) => {
    const body = bodyOf(nearTie(open, close));
    expect(findContent(body)?.element).toBe(byId(body, 'inner'));
  });

  it('takes the wrapper with more article text when the inner container is not marked', () => {
    const body = bodyOf(nearTie('<div id="inner" class="inner">', '</div>'));
    const found = findContent(body);
    expect(found?.element).toBe(byId(body, 'wrap'));
    expect(found?.goodChars).toBe(6 * 111 + 85);
  });

  it('returns null on a page of links only', () => {
    const links = '<footer><p><a href="/imprint">Imprint</a> <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p></footer>';
    expect(findContent(bodyOf(`${NAV}${RELATED}${links}`))).toBeNull();
  });

  it('counts Chinese characters as words: an article of short paragraphs is found', () => {
    // 30 characters each (27 of them ideographs): under the 80-character minimum unless an
    // ideograph weighs as three, which makes 30 + 2 × 27 = 84.
    const chinese = Array.from({ length: 5 }, (_, i) => `<p>这是第${i + 1}段文章内容，城市的居民今天在广场上庆祝了新年的到来。</p>`).join('');
    const body = bodyOf(`${NAV}<div id="zh">${chinese}</div>`);
    const found = findContent(body);
    expect(found?.element).toBe(byId(body, 'zh'));
    expect(found?.goodChars).toBe(5 * 84);
  });

  it('does not find Latin paragraphs that short', () => {
    const short = Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i + 1} has just a few words.</p>`).join('');
    expect(findContent(bodyOf(`${NAV}<div id="en">${short}</div>`))).toBeNull();
  });
});

describe('pruneFound', () => {
  it('removes a link list inside the found element and keeps paragraphs, images and plain lines', () => {
    const body = bodyOf(`<div id="found">${paras(3)}
      <ul class="more"><li><a href="/1">First other story</a></li><li><a href="/2">Second other story</a></li></ul>
      <div class="pic"><img src="/a.jpg" alt="harbour"><a href="/gallery">Gallery</a></div>
      <div class="meta">Posted in Travel and Food</div>
      <section class="links"><a href="/3">Third other story</a> · <a href="/4">Fourth other story</a></section>
    </div>`);
    const found = byId(body, 'found');
    pruneFound(found);
    expect(found.querySelector('ul')).toBeNull();
    expect(found.querySelector('section')).toBeNull();
    expect(found.textContent).not.toContain('other story');
    expect(found.querySelectorAll('p')).toHaveLength(3);
    expect(found.querySelector('img')?.getAttribute('src')).toBe('/a.jpg');
    expect(found.querySelector('.pic a')?.textContent).toBe('Gallery');
    expect(found.querySelector('.meta')?.textContent).toBe('Posted in Travel and Food');
  });

  it('keeps a list that holds article text even when it has links', () => {
    const body = bodyOf(`<div id="found">${paras(2)}<ol><li>${'A step of the recipe that explains at length what to do next, and why it matters. '.repeat(2)}<a href="/x">x</a></li><li><a href="/y">Y</a></li></ol></div>`);
    const found = byId(body, 'found');
    pruneFound(found);
    expect(found.querySelectorAll('ol li')).toHaveLength(2);
  });
});

describe('articleBlocks', () => {
  it('returns the sentence blocks, not link lines, short lines or link-heavy paragraphs', () => {
    const body = bodyOf(`<div id="root">${paras(2)}
      <ul><li><a href="/1">A link line that is long enough to count as a block of text if links counted, yes.</a></li></ul>
      <p>Share this</p>
      <p>A paragraph with <a href="/a">many links in it that make up most</a> of <a href="/b">its text, more than a third of it anyway</a>.</p>
      <div>A long line with no sentence punctuation at all but plenty of words to pass the eighty mark</div>
    </div>`);
    expect(articleBlocks(byId(body, 'root'))).toEqual([
      'Paragraph 1 of the story carries enough ordinary words to count as prose, well past the hundred character mark.',
      'Paragraph 2 of the story carries enough ordinary words to count as prose, well past the hundred character mark.',
    ]);
  });

  it('reads a block as its own text and inline children, with spaces normalised', () => {
    const body = bodyOf('<div id="root"><div>Loose text in a div,   with <em>inline</em> markup\n and a <a href="/x">short link</a>, reads as one block of prose.<p>A nested paragraph is a block of its own and long enough to count on its own here.</p></div></div>');
    expect(articleBlocks(byId(body, 'root'))).toEqual([
      'Loose text in a div, with inline markup and a short link, reads as one block of prose.',
      'A nested paragraph is a block of its own and long enough to count on its own here.',
    ]);
  });
});
