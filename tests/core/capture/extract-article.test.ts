import { describe, expect, it } from 'vitest';
import { extractArticle, stripSiteName } from '../../../electron/capture/extraction/extract-article.ts';
import { chooseFromSrcset, parseSrcset } from '../../../electron/capture/extraction/image-sources.ts';

const PARAGRAPHS = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} has enough words in it to look like real article prose, which is what the extractor wants to keep.</p>`).join('');
const page = (article: string, head = '') => `<!doctype html><html lang="en"><head><title>A Test Article | Example Times</title>${head}</head><body><article>${PARAGRAPHS}${article}</article></body></html>`;

describe('extractArticle images', () => {
  const url = 'https://news.example/2026/story.html';

  it('resolves lazy, srcset, <picture> and <noscript> images before extraction', () => {
    const { html, imageUrls } = extractArticle(
      page(`
        <p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/lazy.jpg" alt="lazy"></p>
        <p><img src="/img/blank.gif" data-lazy-src="img/relative.png" alt="relative"></p>
        <p><img srcset="/img/s-400.jpg 400w, /img/s-1600.jpg 1600w, /img/s-2400.jpg 2400w" src="/img/s-400.jpg" alt="widths"></p>
        <p><img data-srcset="/img/d-1x.jpg 1x, /img/d-2x.jpg 2x, /img/d-3x.jpg 3x" alt="density"></p>
        <picture><source media="(max-width: 600px)" srcset="/img/p-mobile.webp"><source type="image/jxl" srcset="/img/p.jxl"><source type="image/webp" srcset="/img/p-800.webp 800w, /img/p-1600.webp 1600w"><img src="/img/p-fallback.jpg" alt="picture"></picture>
        <figure><img class="lazyload" src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" alt="ns"><noscript><img src="/img/noscript.jpg" alt="ns"></noscript><figcaption>Caption</figcaption></figure>
        <p><img src="/img/plain.png" data-original="/img/original.png" alt="plain wins"></p>
      `),
      url,
    );
    expect(imageUrls).toEqual([
      'https://news.example/img/lazy.jpg',
      'https://news.example/2026/img/relative.png',
      'https://news.example/img/s-1600.jpg',
      'https://news.example/img/d-2x.jpg',
      'https://news.example/img/p-1600.webp',
      'https://news.example/img/noscript.jpg',
      'https://news.example/img/plain.png',
    ]);
    expect(html).not.toMatch(/srcset|data-src|<picture|<source|<noscript/);
  });

  it('honours a <base href> in the page', () => {
    const { imageUrls, html } = extractArticle(page('<p><img src="pic.png"><a href="other.html">other</a></p>', '<base href="https://cdn.example/static/">'), url);
    expect(imageUrls).toEqual(['https://cdn.example/static/pic.png']);
    expect(html).toContain('href="https://cdn.example/static/other.html"');
  });
});

describe('extractArticle metadata', () => {
  it('reads JSON-LD, meta and <time>, and strips the site from the title', () => {
    const extracted = extractArticle(
      page(
        '<p><time datetime="2020-01-01">old</time></p>',
        `<meta property="og:site_name" content="Example Times"><link rel="canonical" href="/canonical/story?utm_source=x">
         <script type="application/ld+json">[{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2026-05-01T10:00:00+02:00","author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}],"image":{"@type":"ImageObject","url":"https://news.example/lead.jpg"}}]</script>`,
      ),
      'https://news.example/x',
    );
    expect(extracted).toMatchObject({
      title: 'A Test Article',
      byline: 'Ann Lee, Bo Chen',
      siteName: 'Example Times',
      publishedTime: '2026-05-01T08:00:00.000Z',
      lang: 'en',
      dir: null,
      canonicalUrl: 'https://news.example/canonical/story',
      leadImageUrl: 'https://news.example/lead.jpg',
    });
    expect(extracted.wordCount).toBeGreaterThan(100);
    expect(extracted.text.split('\n\n')).toHaveLength(7);
  });

  it('infers right-to-left from the language when dir is missing', () => {
    const extracted = extractArticle(page('').replace('lang="en"', 'lang="ar"'), 'https://news.example/x');
    expect(extracted.dir).toBe('rtl');
  });

  it('takes the first marked date that is a date', () => {
    const extracted = extractArticle(page('').replace('<article>', '<article><abbr class="published" title="Sunday">Sunday</abbr><time datetime="2025-12-24T08:00:00Z">Dec 24</time>'), 'https://news.example/x');
    expect(extracted.publishedTime).toBe('2025-12-24T08:00:00.000Z');
  });

  it('prefers the author marked as such over a commenter or a publication line classed "author"', () => {
    const comments = '<section class="comments"><p><span class="comment-author">Pat Reader</span> says: great piece.</p></section>';
    const extracted = extractArticle(
      page(comments).replace('<article>', '<article><p class="article-author">By <a rel="author" href="/staff/lena">Lena Ortiz</a> Harbour Gazette News</p>'),
      'https://news.example/x',
    );
    expect(extracted.byline).toBe('Lena Ortiz');
  });

  it('falls back to a <time> element for the date', () => {
    const extracted = extractArticle(page('').replace('<article>', '<article><time datetime="2025-12-24">Dec 24</time>'), 'https://news.example/x');
    expect(extracted.publishedTime).toBe('2025-12-24T00:00:00.000Z');
  });
});

describe('helpers', () => {
  it('strips a site name only when it is one', () => {
    expect(stripSiteName('Headline | Site', 'Site')).toBe('Headline');
    expect(stripSiteName('Site - Headline', 'Site')).toBe('Headline');
    expect(stripSiteName('War and Peace: A Review', 'Site')).toBe('War and Peace: A Review');
  });

  it('parses srcset with commas inside URLs', () => {
    expect(parseSrcset('https://cdn.example/w_400,h_300/a.jpg 400w, https://cdn.example/w_800,h_600/a.jpg 800w').map((c) => c.url)).toEqual([
      'https://cdn.example/w_400,h_300/a.jpg',
      'https://cdn.example/w_800,h_600/a.jpg',
    ]);
    expect(chooseFromSrcset('a.jpg, b.jpg 2x')).toBe('b.jpg');
  });
});

describe('extractArticle keeps short prose that looks like a label', () => {
  const url = 'https://news.example/2026/story.html';

  it('keeps a "Read more … here." sentence but drops a "Read more:" list of links', () => {
    const { text } = extractArticle(
      page('<p>Read <a href="/ad-blocking">more about ad blocking here</a>.</p><p><strong>Read more:</strong></p><ul><li><a href="/a">Another story entirely</a></li><li><a href="/b">And one more story</a></li></ul>'),
      url,
    );
    expect(text).toContain('Read more about ad blocking here.');
    expect(text).not.toContain('Another story entirely');
  });

  it('keeps the image and caption of a figure whose image wrapper opens a modal, not the "View photo" overlay or the photo credit', () => {
    const { html, text } = extractArticle(
      page('<figure class="wide"><div class="conModal enlarge"><img src="/img/map.jpg" alt="map"></div><div class="cta-overlay"><p>View photo</p></div><figcaption>The flooded districts on Tuesday. <span class="credit">Foto: LA NACION</span></figcaption></figure>'),
      url,
    );
    expect(html).toContain('https://news.example/img/map.jpg');
    expect(text).toContain('The flooded districts on Tuesday.');
    expect(text).not.toContain('Foto: LA NACION');
    expect(text).not.toContain('View photo');
  });

  it('drops a credit that is a figure\'s whole caption, and keeps its image', () => {
    const { html, text } = extractArticle(page('<figure><img src="/img/crowd.jpg" alt="crowd"><figcaption>Jim Watson/AFP/Getty Images</figcaption></figure>'), url);
    expect(html).toContain('https://news.example/img/crowd.jpg');
    expect(text).not.toContain('Getty Images');
  });
});

describe('extractArticle fallback excerpt', () => {
  it('starts where the sentence starts when <br><br> split it', () => {
    const body = '<article><h1>Lorem</h1><div>Lorem ipsum<br>dolor sit<br><br>amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.<br><br>Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</div></article>';
    const { excerpt } = extractArticle(`<!doctype html><html><head><title>Lorem</title></head><body>${body}</body></html>`, 'https://news.example/x');
    expect(excerpt).toBe('Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.');
  });
});

describe('extractArticle and the article’s own header', () => {
  const url = 'https://blog.example/2026/seeds.html';
  const body = Array.from({ length: 5 }, (_, i) => `<p>Body paragraph ${i + 1} talks about seedlings, light and patience at a length that reads as prose to any extractor.</p>`).join('');
  const doc = (inside: string, title = 'Starting seeds indoors') =>
    `<!doctype html><html lang="en"><head><title>${title} – Garden Notes</title></head><body>${inside}</body></html>`;

  it('keeps a lead figure’s long caption with the figure, not as a loose paragraph before it', () => {
    const caption = 'Tomatoes, peppers and basil three weeks after sowing, on a south-facing sill with a reflector behind them.';
    const { html } = extractArticle(
      doc(`<article><header class="entry-header"><h1>Starting seeds indoors</h1><figure><img src="/lead.jpg" alt="trays"><figcaption><p>${caption}</p></figcaption></figure></header><div class="entry-content">${body}</div></article>`),
      url,
    );
    const figure = /<figure>[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(figure).toContain('lead.jpg');
    expect(figure).toContain(caption);
    expect(html.split(caption)).toHaveLength(2);
  });

  it('leaves a header that wraps the body where it is', () => {
    const { text } = extractArticle(
      doc(`<div class="entry-header-area"><h1>Starting seeds indoors</h1><div class="entry-text">${body}</div></div><aside class="up-next"><h2>Up next</h2><p>Pruning roses in March without fear of losing the whole bush this time.</p></aside>`),
      url,
    );
    for (let i = 1; i <= 5; i++) expect(text).toContain(`Body paragraph ${i} `);
    expect(text).not.toContain('Pruning roses');
  });

  it('does not take a blog’s name and tagline for the article’s title and standfirst', () => {
    const tagline = 'Recreational mathematics and gardening notes, one long post a month, since 2009.';
    const { text } = extractArticle(
      doc(`<div class="header"><h1 class="title">Garden Notes</h1><p class="description">${tagline}</p></div><div class="post"><h3>Starting seeds indoors</h3>${body}</div>`),
      url,
    );
    expect(text).not.toContain(tagline);
    expect(text).toContain('Body paragraph 1 ');
  });
});
