import type { Ref } from 'react';
import type { Highlight } from '../../../electron/shared/highlight.ts';
import type { Placement } from '../lib/highlights/place.ts';
import { HighlightNote } from './HighlightNote.tsx';
import { COLOR_NAMES } from './HighlightPopover.tsx';
import { TrashIcon } from './Icons.tsx';

interface Props {
  id: string;
  headingRef: Ref<HTMLHeadingElement>;
  highlights: readonly Highlight[];
  placement: Placement;
  onJump: (id: string) => void;
  onNote: (id: string, note: string) => void;
  onDelete: (highlight: Highlight) => void;
  onClose: () => void;
}

const excerpt = (quote: string) => (quote.length > 160 ? `${quote.slice(0, 160).trimEnd()}…` : quote);

function Item({ highlight, placed, onJump, onNote, onDelete }: { highlight: Highlight; placed: boolean } & Pick<Props, 'onJump' | 'onNote' | 'onDelete'>) {
  const quote = excerpt(highlight.quote.replace(/\s+/g, ' ').trim());
  return (
    <li className="highlight-item" data-color={highlight.color} data-highlight-id={highlight.id}>
      {placed ? (
        <button type="button" className="highlight-jump" onClick={() => onJump(highlight.id)}>
          <span className="visually-hidden">{COLOR_NAMES[highlight.color]} highlight: </span>
          {quote}
        </button>
      ) : (
        <blockquote className="highlight-quote">{quote}</blockquote>
      )}
      <HighlightNote id={`panel-${highlight.id}`} label="Note" note={highlight.note} onSave={(note) => onNote(highlight.id, note)} />
      <button type="button" className="icon-button is-danger highlight-delete" aria-label={`Delete highlight “${quote.slice(0, 40)}”`} title="Delete highlight" onClick={() => onDelete(highlight)}>
        <TrashIcon />
      </button>
    </li>
  );
}

/** The article's highlights and notes in text order, each jumping to its place; orphans apart. */
export function HighlightPanel({ id, headingRef, highlights, placement, onJump, onNote, onDelete, onClose }: Props) {
  const byId = new Map(highlights.map((h) => [h.id, h]));
  const placed = placement.placed.map((p) => byId.get(p.id)).filter((h): h is Highlight => h !== undefined);
  const orphaned = placement.orphaned.map((o) => byId.get(o.id)).filter((h): h is Highlight => h !== undefined);
  return (
    <section id={id} className="highlight-panel" aria-labelledby={`${id}-title`}>
      <div className="highlight-panel-head">
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          Highlights
        </h2>
        <button type="button" className="icon-button" aria-label="Close highlights" title="Close (Shift+H)" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {placed.length === 0 && orphaned.length === 0 && (
        <p className="highlight-empty">Select text and press h, or pick a colour, to highlight it.</p>
      )}
      {placed.length > 0 && (
        <ol className="highlight-list" aria-label="In the text">
          {placed.map((h) => (
            <Item key={h.id} highlight={h} placed onJump={onJump} onNote={onNote} onDelete={onDelete} />
          ))}
        </ol>
      )}
      {orphaned.length > 0 && (
        <>
          <h3 id={`${id}-orphaned`}>Orphaned</h3>
          <p className="highlight-empty">Not found in the article’s current text; kept, with its note.</p>
          <ul className="highlight-list" aria-labelledby={`${id}-orphaned`}>
            {orphaned.map((h) => (
              <Item key={h.id} highlight={h} placed={false} onJump={onJump} onNote={onNote} onDelete={onDelete} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A highlighter pen; decorative, like the other toolbar icons. */
export function HighlightIcon() {
  return (
    <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden focusable={false}>
      <path d="M14.5 4.5l5 5L11 18H6v-5z" />
      <path d="M4 21h16" />
    </svg>
  );
}
