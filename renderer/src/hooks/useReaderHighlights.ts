import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { HIGHLIGHT_COLORS, type Highlight, type HighlightColor } from '../../../electron/shared/highlight.ts';
import { MARK_SELECTOR, marksOf } from '../lib/highlights/marks.ts';
import { revealHighlight, useHighlightMarks } from './useHighlightMarks.ts';
import { useHighlights } from './useHighlights.ts';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.ts';
import { selectionIn, useTextSelection, type BodySelection } from './useTextSelection.ts';
import type { ToastsState } from './useToasts.ts';

const COLOR_KEY = 'lectern.highlightColor';

function storedColor(): HighlightColor {
  const stored = localStorage.getItem(COLOR_KEY);
  return HIGHLIGHT_COLORS.find((c) => c === stored) ?? 'yellow';
}

export interface OpenHighlight {
  id: string;
  rect: DOMRect;
  focusNote: boolean;
}

export type CloseReason = 'escape' | 'button' | 'outside';

interface Options {
  articleId: string | null;
  /** The body's sanitised HTML while it is shown; null otherwise. */
  html: string | null;
  bodyRef: RefObject<HTMLElement | null>;
  panelHeadingRef: RefObject<HTMLElement | null>;
  /** A highlight to bring into view once placed (a link to it from elsewhere). */
  highlightId: string | null;
  toasts: ToastsState | undefined;
}

/** Everything the reader does with highlights: making them, showing them, the panel, the popover. */
export function useReaderHighlights({ articleId, html, bodyRef, panelHeadingRef, highlightId, toasts }: Options) {
  const data = useHighlights(articleId, toasts);
  const [open, setOpen] = useState<OpenHighlight | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [lastColor, setLastColor] = useState<HighlightColor>(storedColor);
  const placement = useHighlightMarks(bodyRef, html, data.highlights, open?.id ?? null);
  const { selection } = useTextSelection(bodyRef, html !== null && open === null);

  useEffect(() => {
    setOpen(null);
  }, [articleId]);

  const selectHighlight = useCallback((id: string, mark: Element, focusNote = false) => {
    setOpen({ id, rect: mark.getBoundingClientRect(), focusNote });
  }, []);

  const create = useCallback(
    async (color: HighlightColor, withNote: boolean, fallback: BodySelection | null) => {
      const picked = selectionIn(bodyRef.current) ?? fallback;
      if (!picked) return;
      setLastColor(color);
      localStorage.setItem(COLOR_KEY, color);
      const added = await data.add({ ...picked.selector, color, note: '' });
      document.getSelection()?.removeAllRanges();
      if (added && withNote) setOpen({ id: added.id, rect: picked.rect, focusNote: true });
    },
    [bodyRef, data],
  );

  const close = useCallback(
    (how: CloseReason) => {
      const id = open?.id;
      setOpen(null);
      // Back to the highlight, for the keyboard; a click elsewhere takes focus where it lands.
      if (id && how !== 'outside' && bodyRef.current) marksOf(bodyRef.current, id)[0]?.focus({ preventScroll: true });
    },
    [open, bodyRef],
  );

  const remove = useCallback(
    (highlight: Highlight) => {
      setOpen(null);
      data.remove(highlight);
      const heading = panelOpen ? panelHeadingRef.current : document.getElementById('reader-title');
      heading?.focus({ preventScroll: true });
    },
    [data, panelOpen, panelHeadingRef],
  );

  const togglePanel = useCallback(
    (fromKeyboard = false) => {
      setPanelOpen((was) => {
        if (fromKeyboard && !was) requestAnimationFrame(() => panelHeadingRef.current?.focus());
        return !was;
      });
    },
    [panelHeadingRef],
  );

  const jump = useCallback((id: string) => void revealHighlight(bodyRef.current, id), [bodyRef]);

  useKeyboardShortcuts({
    highlight: () => void create(lastColor, false, null),
    highlightsPanel: () => togglePanel(true),
  });

  // A link to a highlight: once it is placed, bring it into view (once per article and link).
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!highlightId || !articleId) return;
    const key = `${articleId}/${highlightId}`;
    if (revealed.current === key) return;
    if (placement.placed.some((p) => p.id === highlightId)) {
      revealed.current = key;
      revealHighlight(bodyRef.current, highlightId);
    } else if (placement.orphaned.some((o) => o.id === highlightId)) {
      revealed.current = key;
      setPanelOpen(true);
    }
  }, [highlightId, articleId, placement, bodyRef]);

  /** A click on a highlight selects it; a click on a link (highlighted or not) is the link's. */
  const onBodyClick = useCallback(
    (event: MouseEvent<HTMLElement>) => {
      const target = event.target as Element;
      if (target.closest('a') || !document.getSelection()?.isCollapsed) return;
      const mark = target.closest<HTMLElement>(MARK_SELECTOR);
      if (mark?.dataset.highlightId) selectHighlight(mark.dataset.highlightId, mark);
    },
    [selectHighlight],
  );

  const onBodyKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const target = event.target as HTMLElement;
      if (event.key !== 'Enter' || !target.matches(MARK_SELECTOR) || !target.dataset.highlightId) return;
      event.preventDefault();
      selectHighlight(target.dataset.highlightId, target);
    },
    [selectHighlight],
  );

  const openHighlight = open ? (data.highlights.find((h) => h.id === open.id) ?? null) : null;
  return {
    ...data,
    placement,
    selection: open ? null : selection,
    open: openHighlight && open ? { ...open, highlight: openHighlight } : null,
    lastColor,
    panelOpen,
    togglePanel,
    create,
    close,
    remove,
    jump,
    onBodyClick,
    onBodyKeyDown,
  };
}

export type ReaderHighlights = ReturnType<typeof useReaderHighlights>;
