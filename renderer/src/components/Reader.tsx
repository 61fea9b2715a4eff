import { useEffect, useLayoutEffect, useMemo, useRef, type MouseEvent, type Ref, type RefObject } from 'react';
import type { Article, ReaderPreferences, TagCount } from '../../../electron/ipc/api.ts';
import { useReadingProgress } from '../hooks/useReadingProgress.ts';
import { call } from '../lib/bridge.ts';
import { formatDate, formatReadingTime, formatTimeLeft, siteLabel } from '../lib/format.ts';
import { readerStyle } from '../lib/readerLook.ts';
import { sanitizeArticleHtml } from '../lib/sanitize.ts';
import { RetryIcon } from './Icons.tsx';
import { NoteField } from './NoteField.tsx';
import { ReaderToolbar, type ReaderActions } from './ReaderToolbar.tsx';
import { TagEditor } from './TagEditor.tsx';

interface Props {
  article: Article | null;
  error: string | null;
  preferences: ReaderPreferences;
  tagSuggestions: TagCount[];
  tagInputRef: Ref<HTMLInputElement>;
  actions: ReaderActions;
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

/**
 * An image whose saved copy is gone (a damaged or pruned image folder) becomes a labelled
 * placeholder, not the browser's broken-image icon. `error` does not bubble: it is caught on
 * the way down. A layout effect runs before any image request can have answered.
 */
function usePlaceholdersForMissingImages(body: RefObject<HTMLDivElement | null>, html: string): void {
  useLayoutEffect(() => {
    const root = body.current;
    if (!root) return;
    const replace = (img: HTMLImageElement) => {
      const placeholder = document.createElement('span');
      placeholder.className = 'image-missing';
      placeholder.setAttribute('role', 'img');
      const alt = img.getAttribute('alt')?.trim();
      const label = alt ? `Image missing: ${alt}` : 'Image missing';
      placeholder.setAttribute('aria-label', label);
      placeholder.textContent = label;
      // The image's own proportions, so the text below does not move (nor the reading position).
      const [width, height] = [Number(img.getAttribute('width')), Number(img.getAttribute('height'))];
      if (width > 0 && height > 0) {
        placeholder.style.aspectRatio = `${width} / ${height}`;
        placeholder.style.maxWidth = `${width}px`;
      }
      img.replaceWith(placeholder);
    };
    const onError = (event: Event) => {
      if (event.target instanceof HTMLImageElement && root.contains(event.target)) replace(event.target);
    };
    root.addEventListener('error', onError, true);
    return () => root.removeEventListener('error', onError, true);
  }, [body, html]);
}

function ReaderBody({ article }: { article: Article }) {
  const html = useMemo(() => sanitizeArticleHtml(article.html), [article.html]);
  const ref = useRef<HTMLDivElement>(null);
  usePlaceholdersForMissingImages(ref, html);
  return (
    <div
      ref={ref}
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

export function Reader({ article, error, preferences, tagSuggestions, tagInputRef, actions }: Props) {
  const look = readerStyle(preferences);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const articleId = article?.id;

  useReadingProgress(article, preferences.archiveOnFinish);
  // A newly opened article puts focus on its title, for screen readers.
  useEffect(() => {
    if (articleId) headingRef.current?.focus({ preventScroll: true });
  }, [articleId]);

  const toolbar = <ReaderToolbar article={article} actions={actions} />;

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
  const timeLeft = formatTimeLeft(article.readingMinutes, article.progress);
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
          {article.status === 'done' && timeLeft && <span className="reader-time-left">{timeLeft}</span>}
        </p>
      </header>
      {/* The reader's own annotations, in the app's language rather than the article's. */}
      <div className="reader-annotations">
        <TagEditor
          idPrefix="reader"
          tags={article.tags}
          suggestions={tagSuggestions}
          inputRef={tagInputRef}
          onAdd={actions.onAddTags}
          onRemove={actions.onRemoveTag}
        />
        <NoteField articleId={article.id} note={article.note} />
      </div>
      {article.status === 'done' ? <ReaderBody article={article} /> : <ReaderStatus article={article} onRetry={actions.onRetry} />}
    </article>
  );
}
