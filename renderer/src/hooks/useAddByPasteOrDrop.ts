import { useEffect, useRef, useState } from 'react';
import { normaliseInputUrl } from '../lib/format.ts';
import { isEditable, modalOpen } from './useKeyboardShortcuts.ts';

/** The first web address in dropped or pasted text (uri-list comments start with #). */
export function firstWebUrl(text: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const candidate = normaliseInputUrl(line);
    if (!candidate || candidate.startsWith('#')) continue;
    if (URL.canParse(candidate) && /^https?:$/.test(new URL(candidate).protocol)) return candidate;
  }
  return null;
}

const carriesLink = (event: DragEvent) => event.dataTransfer?.types.includes('text/uri-list') ?? false;

/**
 * Saving without the add box: paste a link anywhere outside a text field, or drop one on the
 * window. Answers whether a link is being dragged over the window, for the drop hint.
 */
export function useAddByPasteOrDrop(save: (url: string) => void): boolean {
  const latest = useRef(save);
  latest.current = save;
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (isEditable(event.target) || modalOpen() || (event.target instanceof Element && event.target.closest('dialog[open]'))) return;
      const url = firstWebUrl(event.clipboardData?.getData('text/plain') ?? '');
      if (!url) return;
      event.preventDefault();
      latest.current(url);
    };
    let depth = 0;
    const onDragEnter = (event: DragEvent) => {
      if (!carriesLink(event)) return;
      depth++;
      setDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (!carriesLink(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDragOver = (event: DragEvent) => {
      if (!carriesLink(event)) return;
      // Without this the drop goes to the browser, which would navigate to the link.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!carriesLink(event)) return;
      event.preventDefault();
      const url = firstWebUrl(event.dataTransfer?.getData('text/uri-list') ?? '');
      if (url) latest.current(url);
    };
    document.addEventListener('paste', onPaste);
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return dragging;
}
