import { useEffect, useLayoutEffect, useRef } from 'react';
import { HIGHLIGHT_COLORS, type Highlight, type HighlightColor } from '../../../electron/shared/highlight.ts';
import type { CloseReason } from '../hooks/useReaderHighlights.ts';
import { HighlightNote } from './HighlightNote.tsx';
import { TrashIcon } from './Icons.tsx';

export const COLOR_NAMES: Record<HighlightColor, string> = { yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink' };

interface SelectionProps {
  mode: 'selection';
  rect: DOMRect;
  lastColor: HighlightColor;
  onColor: (color: HighlightColor) => void;
  onAddNote: () => void;
  onClose: (how: CloseReason) => void;
}

interface HighlightProps {
  mode: 'highlight';
  rect: DOMRect;
  highlight: Highlight;
  focusNote: boolean;
  onColor: (color: HighlightColor) => void;
  onNote: (note: string) => void;
  onDelete: () => void;
  onClose: (how: CloseReason) => void;
}

const GAP = 8;

/** Places the popover under the passage (above it near the window's bottom), in page coordinates. */
function position(popover: HTMLElement, rect: DOMRect): void {
  const { offsetWidth: width, offsetHeight: height } = popover;
  const below = rect.bottom + GAP + height <= innerHeight || rect.top - GAP - height < 0;
  const top = (below ? rect.bottom + GAP : rect.top - GAP - height) + scrollY;
  const left = Math.min(Math.max(GAP, rect.left + rect.width / 2 - width / 2), innerWidth - width - GAP) + scrollX;
  popover.style.top = `${Math.round(top)}px`;
  popover.style.left = `${Math.round(left)}px`;
}

/**
 * The small panel by a selection (colours, "Add note") or by a highlight (its colour, note and
 * Delete). A manual popover in the top layer: the app's shortcuts leave its keys alone, and
 * Esc or a click elsewhere closes it.
 */
export function HighlightPopover(props: SelectionProps | HighlightProps) {
  const ref = useRef<HTMLDivElement>(null);
  const firstRef = useRef<HTMLButtonElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const { rect, onClose, mode } = props;
  const focusNote = props.mode === 'highlight' && props.focusNote;

  useLayoutEffect(() => {
    const popover = ref.current;
    if (!popover) return;
    if (!popover.matches(':popover-open')) popover.showPopover();
    position(popover, rect);
  }, [rect]);

  // A highlight's popover takes focus, so the keyboard can work it; a selection's does not
  // (focus moving would drop the selection).
  useEffect(() => {
    if (mode !== 'highlight') return;
    if (focusNote) noteRef.current?.focus();
    else (ref.current?.querySelector<HTMLButtonElement>('[aria-pressed="true"]') ?? firstRef.current)?.focus();
  }, [mode, focusNote]);

  const latestClose = useRef(onClose);
  latestClose.current = onClose;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      latestClose.current('escape');
    };
    const onPointerDown = (event: PointerEvent) => {
      if (mode === 'highlight' && !ref.current?.contains(event.target as Node)) latestClose.current('outside');
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [mode]);

  const current = props.mode === 'highlight' ? props.highlight.color : null;
  const colours = (
    <div className="highlight-colors" role="group" aria-label="Colour">
      {HIGHLIGHT_COLORS.map((color, i) => (
        <button
          key={color}
          ref={i === 0 ? firstRef : undefined}
          type="button"
          className="highlight-color-button"
          data-color={color}
          aria-label={props.mode === 'selection' ? `Highlight ${COLOR_NAMES[color].toLowerCase()}` : COLOR_NAMES[color]}
          aria-pressed={props.mode === 'highlight' ? color === current : undefined}
          title={props.mode === 'selection' && color === props.lastColor ? `${COLOR_NAMES[color]} (h)` : COLOR_NAMES[color]}
          onClick={() => props.onColor(color)}
        />
      ))}
    </div>
  );

  if (props.mode === 'selection') {
    return (
      // Pressing a button here must not take the selection away before it is highlighted.
      <div ref={ref} popover="manual" className="highlight-popover" role="toolbar" aria-label="Highlight the selection" onMouseDown={(e) => e.preventDefault()}>
        {colours}
        <button type="button" className="button button-small" onClick={props.onAddNote}>
          Add note
        </button>
      </div>
    );
  }
  const { highlight } = props;
  return (
    <div ref={ref} popover="manual" className="highlight-popover is-editing" role="dialog" aria-label="Highlight">
      <div className="highlight-popover-row">
        {colours}
        <button type="button" className="icon-button is-danger" aria-label="Delete highlight" title="Delete highlight" onClick={props.onDelete}>
          <TrashIcon />
        </button>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Esc)" onClick={() => onClose('button')}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <HighlightNote key={highlight.id} id={`popover-${highlight.id}`} label="Note" note={highlight.note} onSave={props.onNote} textareaRef={noteRef} />
    </div>
  );
}
