import { useCallback, useEffect, useState, type RefObject } from 'react';
import { selectorFor } from '../../../electron/shared/anchoring/text-quote.ts';
import type { HighlightInput } from '../../../electron/shared/highlight.ts';
import { buildTextIndex, rangeToOffsets, trimRange } from '../lib/highlights/text-index.ts';

/** A selection in the reader body, as a new highlight's selector, and where it is on screen. */
export interface BodySelection {
  selector: Omit<HighlightInput, 'color' | 'note'>;
  rect: DOMRect;
}

/** The selection's part in the body, trimmed of whitespace; null when it holds no article text. */
export function selectionIn(root: HTMLElement | null): BodySelection | null {
  const selection = root?.ownerDocument.getSelection();
  if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const index = buildTextIndex(root);
  const offsets = rangeToOffsets(index, range);
  const trimmed = offsets && trimRange(index.text, offsets);
  if (!trimmed) return null;
  return { selector: selectorFor(index.text, trimmed), rect: range.getBoundingClientRect() };
}

/**
 * The current selection in the body, followed as it changes. While a pointer drags it out,
 * it is left alone until the button comes up, so nothing jumps about mid-drag.
 */
export function useTextSelection(bodyRef: RefObject<HTMLElement | null>, enabled: boolean) {
  const [selection, setSelection] = useState<BodySelection | null>(null);
  const refresh = useCallback(() => setSelection(selectionIn(bodyRef.current)), [bodyRef]);

  useEffect(() => {
    if (!enabled) {
      setSelection(null);
      return;
    }
    let dragging = false;
    const onSelectionChange = () => {
      if (!dragging) refresh();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (event.button === 0) dragging = true;
    };
    const onPointerUp = () => {
      if (!dragging) return;
      dragging = false;
      refresh();
    };
    document.addEventListener('selectionchange', onSelectionChange);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('pointerup', onPointerUp, true);
    return () => {
      document.removeEventListener('selectionchange', onSelectionChange);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('pointerup', onPointerUp, true);
    };
  }, [enabled, refresh]);

  return { selection, refresh };
}
