// The web site of the extension's end-to-end test, on a loopback fixture server: an article
// (and its photo) shown only to a browser that went through /login, which sets the cookie.
import type { IncomingMessage } from 'node:http';
import type { FixtureServer } from '../support/fixture-server.ts';

export const ARTICLE_TEXT = 'The lighthouse keeper logged every ship that passed the northern reef';
export const LOGIN_PROMPT = 'Log in to read this article';
const SESSION = 'session=reader-42';

const html = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

const paragraphs = (lead: string, topic: string) =>
  [lead, ...Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the ${topic} goes on at length, so that the reader view has a real article to extract and keep`)]
    .map((text) => `<p>${text}.</p>`)
    .join('');

const loggedIn = (req: IncomingMessage) => (req.headers.cookie ?? '').split(/;\s*/).includes(SESSION);

export interface ArticleSite {
  /** Requests for the photo, by whether they carried the login cookie. */
  photo: { served: number; refused: number };
}

export function articleServer(site: FixtureServer, photo: Uint8Array): ArticleSite {
  const counts: ArticleSite = { photo: { served: 0, refused: 0 } };
  site.route('/login', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': `${SESSION}; Path=/; HttpOnly; SameSite=Lax` });
    res.end(html('Logged in', '<p>You are logged in. <a href="/article">Read the article</a>.</p>'));
  });
  site.route('/article', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    if (!loggedIn(req)) return void res.end(html('Members only', `<main><p>${LOGIN_PROMPT}.</p><a href="/login">Log in</a></main>`));
    res.end(
      html(
        'The keeper’s logbook',
        `<article><h1>The keeper’s logbook</h1><img src="/photo.png" alt="The lighthouse" width="48" height="48">${paragraphs(ARTICLE_TEXT, 'logbook')}</article>`,
      ),
    );
  });
  site.route('/photo.png', (req, res) => {
    if (!loggedIn(req)) {
      counts.photo.refused++;
      return void res.writeHead(403, { 'content-type': 'text/plain' }).end('members only');
    }
    counts.photo.served++;
    res.writeHead(200, { 'content-type': 'image/png' }).end(photo);
  });
  site.route('/links', { body: html('Links', '<p><a href="/public-story">A public story</a></p>') });
  site.route('/public-story', { body: html('A public story', `<article><h1>A public story</h1>${paragraphs('This story was fetched by the app itself', 'story')}</article>`) });
  site.route('/stolen', { body: html('Stolen', `<article>${paragraphs('A page no web page may save', 'page')}</article>`) });
  return counts;
}
