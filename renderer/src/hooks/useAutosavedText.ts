import { useEffect, useRef, useState, type ChangeEvent } from 'react';

const SAVE_AFTER_MS = 800;

/**
 * A text field saved a moment after typing stops, at once on leaving it, and on unmount (or
 * when `key` changes: another article). A value changed elsewhere replaces the field's text
 * only while nothing unsaved is in it.
 */
export function useAutosavedText(value: string, onSave: (text: string) => void, key?: string) {
  const [text, setText] = useState(value);
  const saved = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (text === saved.current) setText(value);
    saved.current = value;
    // Keyed on the incoming value only: a keystroke must not reset the field.
  }, [key, value]);

  const save = (next: string) => {
    clearTimeout(timer.current);
    if (next === saved.current) return;
    saved.current = next;
    onSave(next);
  };
  const latestText = useRef(text);
  latestText.current = text;
  useEffect(() => {
    // This key's onSave, kept from the render that made the effect: by the time the cleanup
    // runs for another article, the latest render's onSave is that article's.
    const persist = onSave;
    return () => {
      clearTimeout(timer.current);
      const last = latestText.current;
      if (last === saved.current) return;
      saved.current = last;
      persist(last);
    };
  }, [key]);

  return {
    value: text,
    onChange: (event: ChangeEvent<HTMLTextAreaElement>) => {
      const next = event.target.value;
      setText(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => save(next), SAVE_AFTER_MS);
    },
    onBlur: () => save(text),
  };
}
