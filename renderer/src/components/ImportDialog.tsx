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
 * a file the user picked) and its text handed to the core, which recognises the format.
 */
export function ImportDialog({ open, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setState((current) => (current.kind === 'importing' ? current : { kind: 'idle' }));
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const importFile = async (file: File) => {
    if (file.size > MAX_BYTES) {
      setState({ kind: 'failed', message: `${file.name} is larger than 50 MB; Lectern imports export files up to 50 MB.` });
      return;
    }
    setState({ kind: 'importing', name: file.name });
    try {
      const summary = await call('importLinks', await file.text());
      setState({ kind: 'done', name: file.name, summary });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <dialog ref={ref} className="modal-dialog import-dialog" aria-labelledby="import-title" onClose={onClose}>
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
          disabled={state.kind === 'importing'}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void importFile(file);
          }}
        />
      </label>
      <div className="import-result" role="status" aria-live="polite">
        {state.kind === 'importing' && <p>Importing {state.name}…</p>}
        {state.kind === 'failed' && <p className="is-error">{state.message}</p>}
        {state.kind === 'done' && <ImportResult name={state.name} summary={state.summary} />}
      </div>
      <form method="dialog">
        <button type="submit" className="button">
          {state.kind === 'done' ? 'Done' : 'Close'}
        </button>
      </form>
    </dialog>
  );
}

function ImportResult({ name, summary }: { name: string; summary: ImportSummary }) {
  const hidden = summary.problemCount - summary.problems.length;
  return (
    <>
      <p>
        <strong>{name}</strong> ({FORMAT_NAMES[summary.format] ?? summary.format}): {plural(summary.added, 'article added', 'articles added')}, {summary.alreadySaved.toLocaleString('en-US')} already
        saved{summary.problemCount > 0 ? `, ${plural(summary.problemCount, 'row skipped', 'rows skipped')}` : ''}.
      </p>
      {summary.problems.length > 0 && (
        <ul className="import-problems" aria-label="Skipped rows">
          {summary.problems.map((problem) => (
            <li key={`${problem.row}:${problem.reason}`}>
              Row {problem.row}: {problem.reason}
            </li>
          ))}
          {hidden > 0 && <li>…and {plural(hidden, 'more row', 'more rows')}.</li>}
        </ul>
      )}
    </>
  );
}
