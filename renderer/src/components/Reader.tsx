import { memo, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent, type Ref, type RefObject } from 'react';
import type { Article, ReaderPreferences, TagCount } from '../../../electron/ipc/api.ts';
import { useReaderHighlights, type ReaderHighlights } from '../hooks/useReaderHighlights.ts';
import { useReadingProgress } from '../hooks/useReadingProgress.ts';
import type { ToastsState } from '../hooks/useToasts.ts';
import { call } from '../lib/bridge.ts';
import { formatDate, formatReadingTime, formatTimeLeft, siteLabel } from '../lib/format.ts';
import { readerStyle } from '../lib/readerLook.ts';
import { sanitizeArticleHtml } from '../lib/sanitize.ts';
import { HighlightPanel } from './HighlightPanel.tsx';
import { HighlightPopover } from './HighlightPopover.tsx';
import { RetryIcon } from './Icons.tsx';
import { ListenControls } from './ListenControls.tsx';
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
  /** A highlight to scroll to once the article is shown (#/read/<id>?highlight=<id>). */
  highlightId?: string | null;
  /** For a deleted highlight's Undo. */
  toasts?: ToastsState;
}

const PANEL_ID = 'highlight-panel';

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

interface BodyProps {
  article: Article;
  html: string;
  bodyRef: RefObject<HTMLDivElement | null>;
  onHighlightClick: (event: MouseEvent<HTMLElement>) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

/**
 * The article itself. Memoised, with a stable `__html`, so a re-render of the reader never
 * resets the body and takes the highlights' marks (placed into it directly) with it.
 */
const ReaderBody = memo(function ReaderBody({ article, html, bodyRef, onHighlightClick, onKeyDown }: BodyProps) {
  const inner = useMemo(() => ({ __html: html }), [html]);
  usePlaceholdersForMissingImages(bodyRef, html);
  return (
    <div
      ref={bodyRef}
      className="reader-body"
      lang={article.lang ?? undefined}
      dir={article.dir ?? undefined}
      onClick={(event) => {
        openLinksExternally(event);
        onHighlightClick(event);
      }}
      onKeyDown={onKeyDown}
      dangerouslySetInnerHTML={inner}
    />
  );
});

/** The popover by a selection, or by the highlight that is open. */
function HighlightLayer({ hl }: { hl: ReaderHighlights }) {
  if (hl.open) {
    const { highlight } = hl.open;
    return (
      <HighlightPopover
        mode="highlight"
        rect={hl.open.rect}
        highlight={highlight}
        focusNote={hl.open.focusNote}
        onColor={(color) => hl.update(highlight.id, { color })}
        onNote={(note) => hl.update(highlight.id, { note })}
        onDelete={() => hl.remove(highlight)}
        onClose={hl.close}
      />
    );
  }
  if (!hl.selection) return null;
  const selection = hl.selection;
  return (
    <HighlightPopover
      mode="selection"
      rect={selection.rect}
      lastColor={hl.lastColor}
      onColor={(color) => void hl.create(color, false, selection)}
      onAddNote={() => void hl.create(hl.lastColor, true, selection)}
      onClose={() => document.getSelection()?.removeAllRanges()}
    />
  );
}

/** Over a saved copy: it is being fetched again, or the last re-fetch failed. */
function RefetchNotice({ article, onRetry }: { article: Article; onRetry: () => void }) {
  if (article.status === 'pending' || article.status === 'fetching') {
    return (
      <p className="reader-notice" role="status">
        Fetching again… The copy saved before stays here until the new one is in.
      </p>
    );
  }
  if (article.status !== 'done' || !article.error) return null;
  return (
    <div className="reader-notice is-failed" role="alert">
      <p>Could not fetch it again: {article.error}. This is the copy saved before.</p>
      <button type="button" className="button" onClick={onRetry}>
        <RetryIcon />
        Retry
      </button>
    </div>
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

export function Reader({ article, error, preferences, tagSuggestions, tagInputRef, actions, highlightId = null, toasts }: Props) {
  const look = readerStyle(preferences);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const panelHeadingRef = useRef<HTMLHeadingElement>(null);
  const articleId = article?.id;
  // A saved copy stays readable while it is fetched again, and after a re-fetch that failed.
  const done = article?.status === 'done' || (article !== null && article.status !== 'failed' && article.html !== '');
  const articleHtml = done ? article.html : null;
  const html = useMemo(() => (articleHtml === null ? null : sanitizeArticleHtml(articleHtml)), [articleHtml]);
  const hl = useReaderHighlights({ articleId: articleId ?? null, html, bodyRef, panelHeadingRef, highlightId, toasts });

  useReadingProgress(article, preferences.archiveOnFinish);
  // A newly opened article puts focus on its title, for screen readers.
  useEffect(() => {
    if (articleId) headingRef.current?.focus({ preventScroll: true });
  }, [articleId]);

  const toolbar = (
    <ReaderToolbar
      article={article}
      actions={actions}
      highlights={{ count: hl.highlights.length, open: hl.panelOpen, panelId: PANEL_ID, onToggle: () => hl.togglePanel() }}
    />
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
  const timeLeft = formatTimeLeft(article.readingMinutes, article.progress);
  return (
    <article className={hl.panelOpen ? 'reader has-highlight-panel' : 'reader'} style={look} data-font={preferences.font} aria-labelledby="reader-title">
      {toolbar}
      {done && <ListenControls article={article} preferences={preferences} bodyRef={bodyRef} html={html} />}
      {done && hl.panelOpen && (
        <HighlightPanel
          id={PANEL_ID}
          headingRef={panelHeadingRef}
          highlights={hl.highlights}
          placement={hl.placement}
          onJump={hl.jump}
          onNote={(id, note) => hl.update(id, { note })}
          onDelete={hl.remove}
          onClose={() => hl.togglePanel()}
        />
      )}
      {hl.error && (
        <p className="reader-notice is-failed" role="alert">
          {hl.error}
        </p>
      )}
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
      {done && <RefetchNotice article={article} onRetry={actions.onRetry} />}
      {done && html !== null ? (
        <ReaderBody article={article} html={html} bodyRef={bodyRef} onHighlightClick={hl.onBodyClick} onKeyDown={hl.onBodyKeyDown} />
      ) : (
        <ReaderStatus article={article} onRetry={actions.onRetry} />
      )}
      {done && <HighlightLayer hl={hl} />}
    </article>
  );
}
