import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { holdsArticle, pageTotals, parseDocument, prepareDocument, removeBoilerplate } from '../../../electron/capture/extraction/prepare-document.ts';
import { isHiddenWithin, isProbablyHidden } from '../../../electron/capture/extraction/visibility.ts';

const URL = 'https://news.example/2026/story.html';

// Each paragraph is 113 characters: prose (over 100 characters) to every measure here.
const para = (i: number, topic = 'story'): string => `<p>Paragraph ${i} of the ${topic} carries enough ordinary words to count as prose, well past the hundred character mark.</p>`;
const paras = (count: number, topic = 'story'): string => Array.from({ length: count }, (_, i) => para(i + 1, topic)).join('');
const page = (body: string): string => `<!DOCTYPE html><html lang="en"><head><title>T</title></head><body>${body}</body></html>`;

/** The page after parsing and preparation (full unless told), as the body's element. */
const prepared = (html: string, preparation: 'full' | 'light' = 'full'): HTMLElement => {
  const document = parseDocument(html);
  prepareDocument(document, URL, undefined, preparation);
  return document.body;
};

describe('parseDocument', () => {
  it('drops a PHP warning written before <!DOCTYPE>', () => {
    const document = parseDocument(`<br />\n<b>Warning</b>: Undefined variable $x in /var/www/index.php on line 3<br />\n${page('<p>Hello.</p>')}`);
    expect(document.documentElement.tagName).toBe('HTML');
    expect(document.title).toBe('T');
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    expect(document.body.innerHTML).toBe('<p>Hello.</p>');
    expect(document.documentElement.textContent).not.toContain('Warning');
  });

  it('keeps text before the document that is not markup', () => {
    const document = parseDocument(`\n\n${page('<p>Hello.</p>')}`);
    expect(document.title).toBe('T');
    expect(document.body.innerHTML).toBe('<p>Hello.</p>');
  });

  it('reads a second <!DOCTYPE><html><body> pasted inside an article as part of the outer body', () => {
    const document = parseDocument(
      page('<article><p>Outer text.</p><!DOCTYPE html><html><head><title>Inner</title></head><body><p>Inner pasted text.</p></body></html><p>After.</p></article>'),
    );
    const body = document.body;
    expect(body.parentElement).toBe(document.documentElement);
    expect(document.title).toBe('T');
    const article = body.querySelector('article');
    expect(article?.textContent).toContain('Outer text.');
    expect(article?.textContent).toContain('Inner pasted text.');
    expect(article?.textContent).toContain('After.');
    // Prepared, the page has one <html> and one <body>, and the pasted paragraph sits in the article.
    prepareDocument(document, URL, undefined, 'light');
    expect(document.querySelectorAll('html')).toHaveLength(1);
    expect(document.querySelectorAll('body')).toHaveLength(1);
    expect([...(document.body.querySelector('article')?.children ?? [])].filter((child) => child.tagName === 'P').map((p) => p.textContent)).toEqual([
      'Outer text.',
      'Inner pasted text.',
      'After.',
    ]);
  });

  it('gives the body the content of a page that opens <head>, never closes it and has no <body>', () => {
    for (const html of [
      '<!DOCTYPE html><html><head><title>T</title><meta charset="utf-8"><div id="page"><p>Content of a page that never closed its head.</p></div></html>',
      '<!DOCTYPE html><head><title>T</title><meta charset="utf-8"><div id="page"><p>Content of a page that never closed its head.</p></div>',
    ]) {
      const document = parseDocument(html);
      expect(document.documentElement.tagName).toBe('HTML');
      expect(document.title).toBe('T');
      expect(document.head.querySelector('#page')).toBeNull();
      expect(document.head.querySelector('meta')?.getAttribute('charset')).toBe('utf-8');
      expect(document.body.querySelector('#page p')?.textContent).toBe('Content of a page that never closed its head.');
    }
  });

  it('parses with an <html> root when "<html" and "<body" appear only in a script string', () => {
    const html = '<!DOCTYPE html><head><title>T</title><script>var frame = "<html><body>";</script></head><div id="page"><p>Real text.</p></div>';
    expect(parseHTML(html).document.documentElement.tagName).not.toBe('HTML'); // what linkedom alone makes of it
    const document = parseDocument(html);
    expect(document.documentElement.tagName).toBe('HTML');
    expect(document.title).toBe('T');
    expect(document.body.querySelector('#page p')?.textContent).toBe('Real text.');
  });
});

describe('prepareDocument: forms', () => {
  it('keeps the content of a <form id="aspnetForm"> wrapping the page, and drops its tag and a search form', () => {
    const body = prepared(
      page(`<form id="aspnetForm" method="post" action="./story.aspx"><div id="page"><h1>Title</h1><article>${paras(4)}</article>
        <form class="search" action="/search"><input name="q"><p>Search the archive</p></form></div></form>`),
    );
    expect(body.querySelector('form')).toBeNull();
    expect(body.querySelector('input')).toBeNull();
    expect(body.textContent).not.toContain('Search the archive');
    expect(body.querySelector('#page h1')?.textContent).toBe('Title');
    expect(body.querySelectorAll('#page article p')).toHaveLength(4);
  });

  it('drops a small form on a page that is not inside it', () => {
    const body = prepared(page(`<article><h1>Title</h1>${paras(4)}</article><form action="/newsletter"><p>Get our newsletter every morning</p><input name="email"></form>`));
    expect(body.querySelector('form')).toBeNull();
    expect(body.textContent).not.toContain('newsletter');
    expect(body.querySelectorAll('article p')).toHaveLength(4);
  });
});

describe('prepareDocument: <noscript>', () => {
  it('keeps a <noscript> that holds the only copy of a post', () => {
    const body = prepared(page(`<div id="app"></div><noscript><h1>Post title</h1>${paras(3)}</noscript>`));
    expect(body.querySelector('noscript')).toBeNull();
    expect(body.querySelector('h1')?.textContent).toBe('Post title');
    expect(body.querySelectorAll('p')).toHaveLength(3);
  });

  it('drops a "please enable JavaScript" <noscript> on a page with prose of its own', () => {
    const notice =
      '<noscript><p>Please enable JavaScript in your browser to use all features of this site, including comments and the live ticker.</p>' +
      '<p>To enable JavaScript, open your browser settings, go to the privacy section and allow scripts to run on this site.</p></noscript>';
    const body = prepared(page(`<article>${paras(5)}</article>${notice}`));
    expect(body.querySelector('noscript')).toBeNull();
    expect(body.textContent).not.toContain('enable JavaScript');
    expect(body.querySelectorAll('article p')).toHaveLength(5);
  });
});

describe('prepareDocument: chrome names on the article wrapper', () => {
  const sidebar = '<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/1">Most read one</a></li><li><a href="/2">Most read two</a></li></ul></aside>';

  it.each(['l-sidebar-fixed l-article-body-segment', 'has-sharing', 'p-body-main--withSidebar'])(
    'keeps a wrapper classed "%s" that holds the page text, and drops a real sidebar',
    (className) => {
      const body = prepared(page(`<div class="${className}"><h1>Title</h1>${paras(4)}</div>${sidebar}`));
      const wrapper = body.firstElementChild;
      expect(wrapper?.getAttribute('class')).toBe(className);
      expect(wrapper?.querySelectorAll('p')).toHaveLength(4);
      expect(body.querySelector('aside')).toBeNull();
      expect(body.textContent).not.toContain('Most read');
    },
  );

  it('drops a sidebar-classed wrapper that holds only a little of the page text', () => {
    const body = prepared(page(`<article>${paras(4)}</article><div class="l-sidebar-fixed"><p>Related: the week in pictures</p></div>`));
    expect(body.querySelector('.l-sidebar-fixed')).toBeNull();
    expect(body.querySelectorAll('article p')).toHaveLength(4);
  });

  it('drops a sharing bar next to the article', () => {
    const body = prepared(page(`<div class="has-sharing"><div class="sharing"><a href="https://x.example/share">Share on X</a></div>${paras(4)}</div>`));
    expect(body.querySelector('.sharing')).toBeNull();
    expect(body.querySelector('.has-sharing')?.querySelectorAll('p')).toHaveLength(4);
  });
});

describe('holdsArticle and removeBoilerplate', () => {
  const root = (markup: string): HTMLElement => parseHTML(page(markup)).document.body;

  it('says a chrome-named element holding most of the page words holds the article', () => {
    const body = root(`<div class="comments-open">${paras(4)}</div><p>Short line.</p>`);
    const wrapper = body.querySelector('.comments-open');
    if (!wrapper) throw new Error('no wrapper parsed');
    expect(holdsArticle(wrapper, 'strong', pageTotals(body))).toBe(true);
  });

  it('says a chrome-named element with little text does not', () => {
    const body = root(`<article>${paras(6)}</article><div class="comments"><p>12 comments. Join the discussion below.</p></div>`);
    const comments = body.querySelector('.comments');
    if (!comments) throw new Error('no comments parsed');
    expect(holdsArticle(comments, 'strong', pageTotals(body))).toBe(false);
  });

  it('keeps a weakly named wrapper ("modal") with prose, and drops one without', () => {
    const body = root(`<div class="modal" id="story">${paras(3)}</div><div class="modal" id="signin"><p>Sign in to continue</p></div>`);
    removeBoilerplate(body);
    expect(body.querySelector('#story')?.querySelectorAll('p')).toHaveLength(3);
    expect(body.querySelector('#signin')).toBeNull();
  });

  it('removes chrome by name and keeps the rest', () => {
    const body = root(`<div class="newsletter"><p>Sign up today</p></div><div class="story-body">${paras(2)}</div><ul class="breadcrumb"><li><a href="/">Home</a></li></ul>`);
    removeBoilerplate(body);
    expect(body.innerHTML).toBe(`<div class="story-body">${paras(2)}</div>`);
  });
});

describe('prepareDocument: light preparation', () => {
  it('removes scripts, styles and hidden elements, and keeps chrome-named elements', () => {
    const body = prepared(
      page(`<script>var tracking = 1;</script><style>p { color: red }</style>
        <div class="sidebar"><p>Sidebar text</p></div>
        <div hidden><p>Hidden by attribute</p></div>
        <p style="color: red; display: none">Hidden by display</p>
        <p style="visibility:hidden">Hidden by visibility</p>
        <p aria-hidden="true">Hidden from readers</p>
        <p style="display: block">Shown with a style</p>
        <nav><a href="/">Home</a></nav>
        <p>Visible</p>`),
      'light',
    );
    expect(body.querySelector('script')).toBeNull();
    expect(body.querySelector('style')).toBeNull();
    expect(body.textContent).not.toMatch(/Hidden|tracking/);
    expect(body.querySelector('div.sidebar')?.textContent).toBe('Sidebar text');
    expect(body.querySelector('nav a')?.textContent).toBe('Home');
    expect([...body.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Sidebar text', 'Shown with a style', 'Visible']);
  });

  it('full preparation drops the same sidebar-classed div and the nav', () => {
    const body = prepared(page(`<article>${paras(3)}</article><div class="sidebar"><p>Sidebar text</p></div><nav><a href="/">Home</a></nav>`));
    expect(body.querySelector('.sidebar')).toBeNull();
    expect(body.querySelector('nav')).toBeNull();
    expect(body.querySelectorAll('article p')).toHaveLength(3);
  });
});

describe('isProbablyHidden and isHiddenWithin', () => {
  const elements = (markup: string): { body: HTMLElement; get: (id: string) => Element } => {
    const body = parseHTML(page(markup)).document.body;
    return {
      body,
      get: (id) => {
        const element = body.querySelector(`#${id}`);
        if (!element) throw new Error(`no #${id} parsed`);
        return element;
      },
    };
  };

  it('tells hidden markup from shown markup', () => {
    const { get } = elements(`
      <p id="plain">plain</p>
      <p id="attr" hidden>attribute</p>
      <p id="display" style="color: red;display:none !important">display</p>
      <p id="visibility" style="visibility: hidden">visibility</p>
      <p id="aria" aria-hidden="true">aria</p>
      <img id="formula" class="mwe-math-fallback-image-inline" aria-hidden="true" src="f.svg">
      <p id="block" style="display: block">block</p>
      <p id="custom" style="--display: none">custom property</p>
      <p id="aria-false" aria-hidden="false">aria false</p>`);
    for (const id of ['attr', 'display', 'visibility', 'aria']) expect(isProbablyHidden(get(id)), id).toBe(true);
    for (const id of ['plain', 'formula', 'block', 'custom', 'aria-false']) expect(isProbablyHidden(get(id)), id).toBe(false);
  });

  it('looks at ancestors up to the root, not at the root or above it', () => {
    const { body, get } = elements('<div id="outer" hidden><div id="root"><div id="folded" style="display:none"><p id="deep">deep</p></div><p id="shown">shown</p></div></div>');
    const root = get('root');
    expect(isHiddenWithin(get('deep'), root)).toBe(true);
    expect(isHiddenWithin(get('folded'), root)).toBe(true);
    expect(isHiddenWithin(get('shown'), root)).toBe(false);
    expect(isHiddenWithin(get('shown'), body)).toBe(true);
  });
});
