import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { Article, ReaderPreferences } from '../../../electron/ipc/api.ts';
import { useReadingProgress } from '../hooks/useReadingProgress.ts';
import { call } from '../lib/bridge.ts';
import { formatDate, formatReadingTime, siteLabel } from '../lib/format.ts';
import { readerStyle } from '../lib/readerLook.ts';
import { routeHref } from '../lib/route.ts';
import { sanitizeArticleHtml } from '../lib/sanitize.ts';
import { ArchiveIcon, BackIcon, ExternalIcon, RetryIcon, StarIcon } from './Icons.tsx';

interface Props {
  article: Article | null;
  error: string | null;
  preferences: ReaderPreferences;
  onBack: () => void;
  onStar: () => void;
  onArchive: () => void;
  onRetry: () => void;
}

/** Links inside an article leave the app through the shell, never by navigating the window. */
function openLinksExternally(event: MouseEvent<HTMLElement>) {
  const link = (event.target as Element).closest('a');
  if (!link) return;
  const href = link.getAttribute('href') ?? '';
  if (href.startsWith('#')) return;
  event.preventDefault();
  if (/^https?:/i.test(href)) void call('openExternal', href);
}

function ReaderBody({ article }: { article: Article }) {
  const html = useMemo(() => sanitizeArticleHtml(article.html), [article.html]);
  return (
    <div
      className="reader-body"
      lang={article.lang ?? undefined}
      dir={article.dir ?? undefined}
      onClick={openLinksExternally}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

function ReaderStatus({ article, onRetry }: { article: Article; onRetry: () => void }) {
  if (article.status === 'failed') {
    return (
      <div className="reader-notice is-failed" role="alert">
        <p>Failed: {article.error ?? 'unknown error'}</p>
        <button type="button" className="button" onClick={onRetry}>
          <RetryIcon />
          Retry
        </button>
      </div>
    );
  }
  return (
    <p className="reader-notice" role="status">
      Fetching… The article will appear here once it has been saved.
    </p>
  );
}

export function Reader({ article, error, preferences, onBack, onStar, onArchive, onRetry }: Props) {
  const look = readerStyle(preferences);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const articleId = article?.id;

  useReadingProgress(article, preferences.archiveOnFinish);
  // A newly opened article puts focus on its title, for screen readers.
  useEffect(() => {
    if (articleId) headingRef.current?.focus({ preventScroll: true });
  }, [articleId]);

  const toolbar = (
    <div className="reader-toolbar" role="toolbar" aria-label="Article">
      <button type="button" className="button button-quiet" onClick={onBack} aria-keyshortcuts="u Escape">
        <BackIcon />
        Back
      </button>
      {article && (
        <div className="reader-actions">
          <button type="button" className="button button-quiet" aria-pressed={article.starred} onClick={onStar} aria-keyshortcuts="s">
            <StarIcon filled={article.starred} />
            Star
          </button>
          <button type="button" className="button button-quiet" aria-pressed={article.archived} onClick={onArchive} aria-keyshortcuts="e">
            <ArchiveIcon filled={article.archived} />
            Archive
          </button>
          <a
            className="button button-quiet"
            href={article.url}
            onClick={(e) => {
              e.preventDefault();
              void call('openExternal', article.url);
            }}
          >
            <ExternalIcon />
            Open original
          </a>
        </div>
      )}
    </div>
  );

  if (error) {
    return (
      <article className="reader" style={look} data-font={preferences.font}>
        {toolbar}
        <p className="reader-notice is-failed" role="alert">
          Could not open this article: {error}
        </p>
      </article>
    );
  }
  if (!article) {
    return (
      <article className="reader" style={look} data-font={preferences.font} aria-busy="true">
        {toolbar}
      </article>
    );
  }

  const published = formatDate(article.publishedAt);
  return (
    <article className="reader" style={look} data-font={preferences.font} aria-labelledby="reader-title">
      {toolbar}
      <header className="reader-header" lang={article.lang ?? undefined} dir={article.dir ?? undefined}>
        <p className="reader-site">{siteLabel(article.siteName, article.url)}</p>
        <h1 id="reader-title" ref={headingRef} tabIndex={-1}>
          {article.title || article.url}
        </h1>
        <p className="reader-meta">
          {article.byline && <span className="reader-byline">{article.byline}</span>}
          {published && <time dateTime={article.publishedAt ?? undefined}>{published}</time>}
          {article.status === 'done' && <span>{formatReadingTime(article.readingMinutes)}</span>}
        </p>
        {article.tags.length > 0 && (
          <ul className="reader-tags" aria-label="Tags">
            {article.tags.map((t) => (
              <li key={t}>
                <a className="tag" href={routeHref({ kind: 'list', view: 'all', tag: t })} title={`Everything tagged “${t}”`}>
                  {t}
                </a>
              </li>
            ))}
          </ul>
        )}
      </header>
      {article.status === 'done' ? <ReaderBody article={article} /> : <ReaderStatus article={article} onRetry={onRetry} />}
    </article>
  );
}
