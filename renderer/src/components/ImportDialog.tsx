import { useEffect, useRef, useState } from 'react';
import type { ImportSummary } from '../../../electron/ipc/api.ts';
import { call, errorMessage } from '../lib/bridge.ts';

interface Props {
  open: boolean;
  onClose: () => void;
}

// The core refuses larger files too; saying so here spares reading 50 MB into memory first.
const MAX_BYTES = 50 * 1024 * 1024;

type State = { kind: 'idle' } | { kind: 'importing'; name: string } | { kind: 'done'; name: string; summary: ImportSummary } | { kind: 'failed'; message: string };

const FORMAT_NAMES: Record<string, string> = {
  'pocket-html': 'Pocket export',
  'pocket-csv': 'Pocket export',
  'instapaper-csv': 'Instapaper export',
  json: 'wallabag or Omnivore export',
  'url-list': 'list of links',
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Brings a library over from another reader: the file is read here (a sandboxed page may read
 * a file the user picked) and its text handed to the core, which recognises the format. While
 * an import runs the dialog stays open (its result would have nowhere else to go) and no
 * control is disabled, since disabling the focused one would drop focus behind the dialog.
 */
export function ImportDialog({ open, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const busy = useRef(false);
  const [state, setState] = useState<State>({ kind: 'idle' });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setState({ kind: 'idle' });
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const importFile = async (file: File) => {
    if (busy.current) return;
    if (file.size > MAX_BYTES) {
      setState({ kind: 'failed', message: `${file.name} is larger than 50 MB; Lectern imports export files up to 50 MB.` });
      return;
    }
    busy.current = true;
    setState({ kind: 'importing', name: file.name });
    try {
      const summary = await call('importLinks', await file.text());
      setState({ kind: 'done', name: file.name, summary });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error) });
    } finally {
      busy.current = false;
      doneRef.current?.focus();
    }
  };
  const importing = state.kind === 'importing';

  return (
    <dialog
      ref={ref}
      className="modal-dialog import-dialog"
      aria-labelledby="import-title"
      aria-busy={importing}
      onClose={onClose}
      onCancel={(event) => {
        if (busy.current) event.preventDefault();
      }}
    >
      <h2 id="import-title">Import a library</h2>
      <p>
        Choose an export from Pocket (HTML or CSV), Instapaper (CSV), wallabag or Omnivore (JSON), or a text file with one link per line. Tags, starred and archived
        states come along; the articles are then fetched in the background.
      </p>
      <label className="button import-choose">
        Choose a file…
        <input
          type="file"
          accept=".html,.htm,.csv,.json,.txt,text/html,text/csv,application/json,text/plain"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void importFile(file);
          }}
        />
      </label>
      <p className="import-status" role="status">
        {state.kind === 'importing' && `Importing ${state.name}…`}
        {state.kind === 'failed' && <span className="is-error">{state.message}</span>}
        {state.kind === 'done' && summaryText(state.name, state.summary)}
      </p>
      {state.kind === 'done' && <SkippedRows summary={state.summary} />}
      <form method="dialog">
        <button
          ref={doneRef}
          type="submit"
          className="button"
          aria-disabled={importing}
          onClick={(event) => {
            if (busy.current) event.preventDefault();
          }}
        >
          {state.kind === 'done' ? 'Done' : 'Close'}
        </button>
      </form>
    </dialog>
  );
}

const summaryText = (name: string, summary: ImportSummary): string =>
  `${name} (${FORMAT_NAMES[summary.format] ?? summary.format}): ${plural(summary.added, 'article added', 'articles added')}, ` +
  `${summary.alreadySaved.toLocaleString('en-US')} already saved${summary.problemCount > 0 ? `, ${plural(summary.problemCount, 'row skipped', 'rows skipped')}` : ''}.`;

/** Outside the live region: a screen reader announces the summary, not a hundred rows. */
function SkippedRows({ summary }: { summary: ImportSummary }) {
  if (summary.problems.length === 0) return null;
  const hidden = summary.problemCount - summary.problems.length;
  return (
    <ul className="import-problems" aria-label="Skipped rows">
      {summary.problems.map((problem) => (
        <li key={`${problem.row}:${problem.reason}`}>{problem.row > 0 ? `Row ${problem.row}: ${problem.reason}` : `The file: ${problem.reason}`}</li>
      ))}
      {hidden > 0 && <li>…and {plural(hidden, 'more row', 'more rows')}.</li>}
    </ul>
  );
}
