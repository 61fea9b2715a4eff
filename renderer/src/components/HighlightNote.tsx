import { useEffect, useRef, useState, type Ref } from 'react';

const SAVE_AFTER_MS = 800;

interface Props {
  id: string;
  label: string;
  note: string;
  onSave: (note: string) => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

/** A highlight's note, edited in place: saved a moment after typing stops, and on leaving it. */
export function HighlightNote({ id, label, note, onSave, textareaRef }: Props) {
  const [text, setText] = useState(note);
  const saved = useRef(note);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // The note changed elsewhere (the panel, the popover, another window) while not being edited.
  useEffect(() => {
    if (text === saved.current) setText(note);
    saved.current = note;
  }, [note]);

  const save = (value: string) => {
    clearTimeout(timer.current);
    if (value === saved.current) return;
    saved.current = value;
    onSave(value);
  };
  const latest = useRef({ save, text });
  latest.current = { save, text };
  // Closing the popover or the panel mid-sentence keeps what was typed.
  useEffect(() => () => latest.current.save(latest.current.text), []);

  return (
    <div className="highlight-note">
      <label htmlFor={`highlight-note-${id}`}>{label}</label>
      <textarea
        id={`highlight-note-${id}`}
        ref={textareaRef}
        rows={2}
        placeholder="Your note on this passage…"
        value={text}
        onChange={(e) => {
          const value = e.target.value;
          setText(value);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => save(value), SAVE_AFTER_MS);
        }}
        onBlur={() => save(text)}
      />
    </div>
  );
}
