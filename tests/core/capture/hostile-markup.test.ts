// Hostile markup in the middle of an article: the article's prose still reaches the saved copy,
// and nothing active does. Every vector of the XSS corpus goes through the real extraction.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../electron/capture/extraction/extract-article.ts';
import { parseDocument } from '../../../electron/capture/extraction/prepare-document.ts';
import { ARTICLE_PARAGRAPHS, articlePage, xssVectors, type XssVector } from '../../fixtures/xss/index.ts';

const PAGE_URL = 'http://127.0.0.1:8080/2026/05/harbour-diary/';
const VECTORS = xssVectors('http://127.0.0.1:8080/leak');
const byName = (name: string): XssVector => VECTORS.find((vector) => vector.name === name) as XssVector;

/** What is wrong with one vector's saved article: prose missing, or active content kept. */
function problemsWith(vector: XssVector, number: number): string[] {
  let html: string;
  let text: string;
  try {
    ({ html, text } = extractArticle(articlePage(number, vector), PAGE_URL));
  } catch (error) {
    return [(error as Error).message];
  }
  const problems = ARTICLE_PARAGRAPHS.filter((paragraph) => !html.includes(`<p>${paragraph}</p>`) || !text.includes(paragraph)).map((p) => `lost "${p.slice(0, 30)}…"`);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const element of document.body.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (/^(?:script|style|iframe|frame|object|embed|svg|math|form|input|button|base|meta|link|template|noscript|textarea|select)$/.test(tag)) problems.push(`kept <${tag}>`);
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name) ?? '';
      if (/^on|^style$|^id$|^name$|^srcdoc$|^formaction$/i.test(name)) problems.push(`kept ${name} on <${tag}>`);
      if (/^(?:href|src|cite)$/.test(name) && !/^(?:https?:\/\/|mailto:|data:image\/(?:png|jpeg|gif|webp|avif);base64,)/i.test(value)) problems.push(`kept ${name}="${value.slice(0, 40)}"`);
    }
  }
  return problems;
}

describe('hostile markup in an article', () => {
  it('keeps the prose around the mutation-XSS payload that used to lose the whole page', () => {
    const vector = byName('mutation: math mtext option fake mglyph svg style');
    const { html, text } = extractArticle(articlePage(1, vector), PAGE_URL);
    for (const paragraph of ARTICLE_PARAGRAPHS) {
      expect(html).toContain(`<p>${paragraph}</p>`);
      expect(text).toContain(paragraph);
    }
    expect(html).not.toMatch(/onerror|<img|<math|<style/i);
  });

  it('keeps each paragraph a paragraph after an unclosed <math><mtext><option><style> payload', () => {
    const { html } = extractArticle(articlePage(2, byName('mutation: math mtext option style')), PAGE_URL);
    for (const paragraph of ARTICLE_PARAGRAPHS) expect(html).toContain(`<p>${paragraph}</p>`);
  });

  const kinds = [...new Set(VECTORS.map((vector) => vector.kind))];
  it.each(kinds)('saves the prose and nothing active for every %s vector', (kind) => {
    const failures = VECTORS.flatMap((vector, number) => (vector.kind === kind ? problemsWith(vector, number).map((problem) => `${vector.name}: ${problem}`) : []));
    expect(failures).toEqual([]);
  });

  it('tries at least 250 vectors', () => {
    console.log(`hostile-markup: ${VECTORS.length} XSS vectors`);
    expect(VECTORS.length).toBeGreaterThanOrEqual(250);
  });
});

describe('foreign content repair', () => {
  const bodyOf = (html: string) => parseDocument(`<!doctype html><html><head></head><body>${html}</body></html>`).body;

  it('ends an unclosed <svg> at the first paragraph, as a browser does', () => {
    const body = bodyOf('<p>before</p><svg><circle r="2"></circle><p>after one</p><p>after two</p>');
    expect(body.querySelectorAll('svg p')).toHaveLength(0);
    expect([...body.children].map((element) => element.tagName.toLowerCase())).toEqual(['p', 'svg', 'p', 'p']);
    expect(body.querySelector('svg circle')).not.toBeNull();
  });

  it('reads markup inside an SVG <style>, which a browser does not treat as raw text', () => {
    expect(bodyOf('<svg><style><b>bold</b></style></svg>').querySelector('svg style b')?.textContent).toBe('bold');
    // Left open, it would otherwise swallow the rest of the page as style text.
    const body = bodyOf('<svg><style><p>one</p><p>two</p>');
    expect([...body.children].map((element) => `${element.tagName.toLowerCase()}:${element.textContent}`)).toEqual(['svg:', 'p:one', 'p:two']);
  });

  it('leaves HTML where SVG and MathML are made to hold it', () => {
    const body = bodyOf('<svg><foreignObject><p>label</p></foreignObject></svg><math><annotation-xml encoding="text/html"><p>note</p></annotation-xml></math>');
    expect(body.querySelector('svg foreignObject p, svg foreignobject p')?.textContent).toBe('label');
    expect(body.querySelector('math annotation-xml p')?.textContent).toBe('note');
  });

  it('leaves a <style> outside foreign content alone', () => {
    const body = bodyOf('<style>a::after{content:"<b>"}</style><p>text</p>');
    expect(body.querySelector('style')?.textContent).toBe('a::after{content:"<b>"}');
    expect(body.querySelector('style b')).toBeNull();
  });
});

describe('escaped text in foreign content', () => {
  it('stays text: an escaped tag in an SVG <title> is not turned into an element', () => {
    const prose = '<p>The river barrier closed at dawn as the tide rose over the old stone quay.</p>'.repeat(6);
    const html = `<html><body><article><h1>Tide</h1>${prose}<svg><title>&lt;img src=x onerror=alert(1)&gt;</title></svg>${prose}</article></body></html>`;
    const document = parseDocument(html);
    expect(document.querySelector('svg img, title img')).toBeNull();
  });
});
