import type { Ref } from 'react';
import { useAutosavedText } from '../hooks/useAutosavedText.ts';

interface Props {
  id: string;
  label: string;
  note: string;
  onSave: (note: string) => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

/** A highlight's note, edited in place: saved a moment after typing stops, and on leaving it. */
export function HighlightNote({ id, label, note, onSave, textareaRef }: Props) {
  // Closing the popover or the panel mid-sentence keeps what was typed (the hook saves on unmount).
  const field = useAutosavedText(note, onSave);
  return (
    <div className="highlight-note">
      <label htmlFor={`highlight-note-${id}`}>{label}</label>
      <textarea id={`highlight-note-${id}`} ref={textareaRef} rows={2} placeholder="Your note on this passage…" {...field} />
    </div>
  );
}
