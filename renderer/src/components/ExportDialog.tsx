import { useEffect, useRef, useState } from 'react';
import type { ExportFormat } from '../../../electron/ipc/api.ts';
import { errorMessage } from '../lib/bridge.ts';
import { plural } from '../lib/format.ts';
import { saveExport } from '../lib/saveExport.ts';
import { DialogClose } from './DialogParts.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
}

const CHOICES: readonly { format: ExportFormat; label: string; what: string }[] = [
  { format: 'backup', label: 'Full backup (.zip)', what: 'Everything: articles with their images, tags, notes, highlights and feeds. Import it to restore.' },
  { format: 'json', label: 'Lectern JSON', what: 'Articles with their text, tags, notes, highlights and feeds, as one JSON file (no images).' },
  { format: 'bookmarks', label: 'Browser bookmarks (.html)', what: 'Links any browser can import, with tags.' },
  { format: 'csv', label: 'Pocket CSV', what: 'Links, titles, tags and states, as Pocket exports them; most readers import it.' },
  { format: 'opml', label: 'Feeds (OPML)', what: 'Your subscriptions, for another feed reader.' },
  { format: 'markdown', label: 'Markdown (.zip)', what: 'One Markdown file per article, with its images.' },
  { format: 'highlights-markdown', label: 'All highlights (Markdown files)', what: 'A zip of one Markdown file per highlighted article: its quotes and notes, for Obsidian or Readwise.' },
  { format: 'highlights-json', label: 'All highlights (JSON)', what: 'Every highlight and note with its article, as one JSON file.' },
];

type State = { kind: 'idle' } | { kind: 'exporting'; label: string } | { kind: 'done'; text: string } | { kind: 'failed'; message: string };

/**
 * Saves the library in a format: the core writes the file and hands back its bytes, which are
 * saved as a download. One export at a time; the dialog may be closed while one is made.
 */
export function ExportDialog({ open, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const busy = useRef(false);
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (!busy.current) setState({ kind: 'idle' });
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const run = async (format: ExportFormat, label: string) => {
    if (busy.current) return;
    busy.current = true;
    setState({ kind: 'exporting', label });
    try {
      const file = await saveExport(format, null);
      const what = format === 'opml' ? plural(file.count, 'feed') : plural(file.count, 'article');
      setState({ kind: 'done', text: `Saved ${file.name} (${what}).` });
    } catch (error) {
      setState({ kind: 'failed', message: `Could not export: ${errorMessage(error)}` });
    } finally {
      busy.current = false;
    }
  };

  return (
    <dialog ref={ref} className="modal-dialog export-dialog" aria-labelledby="export-title" aria-busy={state.kind === 'exporting'} onClose={onClose}>
      <h2 id="export-title">Export the library</h2>
      <ul className="export-choices">
        {CHOICES.map(({ format, label, what }) => (
          <li key={format}>
            <button type="button" className="button export-choice" aria-describedby={`export-what-${format}`} onClick={() => void run(format, label)}>
              {label}
            </button>
            <span id={`export-what-${format}`} className="export-what">
              {what}
            </span>
          </li>
        ))}
      </ul>
      <p className="import-status" role="status">
        {state.kind === 'exporting' && `Exporting ${state.label}…`}
        {state.kind === 'done' && state.text}
        {state.kind === 'failed' && <span className="is-error">{state.message}</span>}
      </p>
      <DialogClose />
    </dialog>
  );
}
