import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../electron/capture/extraction/extract-article.ts';
import { sanitizeArticleHtml } from '../../../electron/capture/extraction/sanitize-article.ts';

const HASH = 'a'.repeat(64);

describe('sanitizeArticleHtml', () => {
  it('removes scripts, handlers, frames, styles, forms and SVG script', () => {
    const dirty = `
      <p onclick="steal()" onmouseover="x()">Text <b onload="y()">bold</b></p>
      <script>alert(1)</script><SCRIPT src="//evil/x.js"></SCRIPT>
      <iframe src="https://evil.example/"></iframe><frame src="x"><object data="x.swf"></object><embed src="x">
      <style>body{display:none}</style><p style="background:url(javascript:alert(1))">styled</p>
      <form action="https://evil.example/"><input name="q"><button>Go</button><p>Please enter your comment!</p></form>
      <svg><script>alert(2)</script><a xlink:href="javascript:alert(3)"><text>svg text</text></a></svg>
      <math><mi xlink:href="javascript:alert(4)">m</mi></math>
      <img src="x" onerror="alert(5)"><img src="https://ok.example/a.png" onerror="alert(6)">
      <a href="javascript:alert(7)">js link</a><a href="JaVaScRiPt:alert(8)">js2</a><a href=" javascript:alert(9)">js3</a>
      <a href="data:text/html,<script>alert(10)</script>">data link</a><img src="data:text/html;base64,PHNjcmlwdD4=">
      <a href="vbscript:x">vb</a><a href="https://ok.example/page" target="_blank" rel="opener">fine</a>
      <template><p>template</p></template><noscript><p>noscript</p></noscript><textarea>area</textarea>
      <details open><summary>More</summary>inner</details><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">
    `;
    const clean = sanitizeArticleHtml(dirty);
    for (const bad of ['<script', 'SCRIPT', 'alert', 'onclick', 'onerror', 'onload', 'onmouseover', '<iframe', '<frame', '<object', '<embed', '<style', 'style=', '<form', '<input', '<button', 'Please enter your comment', '<svg', 'svg text', '<math', 'javascript:', 'data:text/html', 'vbscript', '<template', '<noscript', '<textarea', 'target=', 'rel=', '<base', '<meta', 'evil.example']) {
      expect(clean, bad).not.toContain(bad);
    }
    expect(clean).toContain('<p>Text <b>bold</b></p>');
    expect(clean).toContain('<a href="https://ok.example/page">fine</a>');
    expect(clean).toContain('<img src="https://ok.example/a.png" />');
    expect(clean).toContain('js link');
    expect(clean).toContain('<details open');
  });

  it('keeps raster data: images while capturing, but not SVG ones', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(sanitizeArticleHtml(`<img src="${png}">`)).toContain(png);
    expect(sanitizeArticleHtml('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).toBe('');
  });

  it('allows only asset URLs for images in stored articles', () => {
    expect(sanitizeArticleHtml(`<img src="/assets/${HASH}" alt="a"><img src="https://remote.example/x.png"><img src="/assets/../etc">`, 'assets')).toBe(
      `<img src="/assets/${HASH}" alt="a" />`,
    );
  });

  it('drops relative and protocol-relative links', () => {
    expect(sanitizeArticleHtml('<a href="/local">l</a><a href="//evil.example/x">p</a>')).toBe('<a>l</a><a>p</a>');
  });
});

describe('extractArticle output is sanitised', () => {
  it('has no active content even when the article carries it', () => {
    const body = '<p>This paragraph is long enough to count as article text for the extractor to keep around.</p>'.repeat(5);
    const html = `<html><body><article><h1>T</h1>${body}
      <p onclick="x()">Click <a href="javascript:alert(1)">here</a> <a href="data:text/html,x">data</a></p>
      <svg><script>alert(2)</script></svg><iframe src="https://evil.example"></iframe>
      <img src="/photo.png" onerror="alert(3)"><style>p{}</style></article></body></html>`;
    const { html: out } = extractArticle(html, 'https://news.example/a/b.html');
    expect(out).not.toMatch(/script|onclick|onerror|javascript:|data:text|<svg|<iframe|<style|alert/i);
    expect(out).toContain('<img src="https://news.example/photo.png" />');
  });
});
