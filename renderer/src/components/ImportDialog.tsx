import { useEffect, useRef, useState } from 'react';
import type { ImportFormatName, ImportReport } from '../../../electron/ipc/api.ts';
import { call, errorMessage, subscribe } from '../lib/bridge.ts';
import { plural } from '../lib/format.ts';
import { newId } from '../lib/newId.ts';
import { ImportReportView } from './ImportReportView.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
}

// The core refuses larger files (schemas.ts MAX_IMPORT_BYTES); saying so here spares reading
// them into memory first. The command line streams bigger ones from disk.
const MAX_BYTES = 512 * 1024 * 1024;

export const FORMATS: readonly { format: ImportFormatName; label: string }[] = [
  { format: 'pocket', label: 'Pocket' },
  { format: 'instapaper', label: 'Instapaper' },
  { format: 'omnivore', label: 'Omnivore' },
  { format: 'wallabag', label: 'wallabag' },
  { format: 'readwise', label: 'Readwise' },
  { format: 'bookmarks', label: 'Browser bookmarks' },
  { format: 'urls', label: 'List of links' },
  { format: 'json', label: 'Lectern JSON' },
  { format: 'opml', label: 'OPML' },
];

interface Progress {
  rows: number;
  bytesRead: number;
  totalBytes: number | null;
}

type State =
  | { kind: 'idle' }
  | { kind: 'importing'; name: string; jobId: string; progress: Progress; cancelling: boolean }
  | { kind: 'done'; name: string; report: ImportReport }
  | { kind: 'failed'; message: string };

/**
 * Brings a library over from another reader: the file is read here (a sandboxed page may read a
 * file the user picked) and its bytes handed to the core, which recognises the format unless one
 * is chosen. Progress arrives as events for this import's id, and Cancel stops it (what was read
 * stays in). While an import runs the dialog stays open (its report would have nowhere else to
 * go) and no control is disabled, since disabling the focused one would drop focus behind it.
 */
export function ImportDialog({ open, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const busy = useRef(false);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [format, setFormat] = useState<ImportFormatName | ''>('');
  // Cancel may be pressed before the core has started the job (the bytes are still on their
  // way): it is asked again when the job's first progress shows it running.
  const cancel = useRef<{ jobId: string; acknowledged: boolean } | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setState({ kind: 'idle' });
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const jobId = state.kind === 'importing' ? state.jobId : null;
  useEffect(() => {
    if (!jobId) return;
    return subscribe('importProgress', (event) => {
      if (event.jobId !== jobId) return;
      const { rows, bytesRead, totalBytes } = event;
      setState((prev) => (prev.kind === 'importing' && prev.jobId === jobId ? { ...prev, progress: { rows, bytesRead, totalBytes } } : prev));
      if (cancel.current?.jobId === jobId && !cancel.current.acknowledged) void requestCancel(jobId);
    });
  }, [jobId]);

  const requestCancel = async (id: string) => {
    try {
      const { cancelled } = await call('cancelImport', id);
      if (cancelled && cancel.current?.jobId === id) cancel.current.acknowledged = true;
    } catch {
      // The import ended meanwhile; its report says how far it got.
    }
  };

  const importFile = async (file: File) => {
    if (busy.current) return;
    if (file.size > MAX_BYTES) {
      setState({ kind: 'failed', message: `${file.name} is larger than 512 MB; import it with the command line (lectern import).` });
      return;
    }
    busy.current = true;
    const id = newId();
    cancel.current = null;
    setState({ kind: 'importing', name: file.name, jobId: id, progress: { rows: 0, bytesRead: 0, totalBytes: file.size }, cancelling: false });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const report = await call('importFile', id, file.name, bytes, format || null);
      setState({ kind: 'done', name: file.name, report });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error) });
    } finally {
      busy.current = false;
      cancel.current = null;
      doneRef.current?.focus();
    }
  };

  const onCancel = () => {
    if (state.kind !== 'importing' || state.cancelling) return;
    cancel.current = { jobId: state.jobId, acknowledged: false };
    setState((prev) => (prev.kind === 'importing' ? { ...prev, cancelling: true } : prev));
    void requestCancel(state.jobId);
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
        Choose an export from Pocket, Instapaper, Omnivore, wallabag or Readwise, browser bookmarks, a list of links, an OPML file of feeds, or a Lectern export
        or backup; zips are read as they come. Tags, states and highlights come along; the articles are then fetched in the background.
      </p>
      <div className="import-pick">
        <label className="field import-format">
          <span>Format</span>
          <select value={format} onChange={(event) => setFormat(event.target.value as ImportFormatName | '')}>
            <option value="">Detect automatically</option>
            {FORMATS.map((f) => (
              <option key={f.format} value={f.format}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="button import-choose">
          Choose a file…
          <input
            type="file"
            accept=".zip,.csv,.html,.htm,.json,.opml,.xml,.txt,application/zip,text/html,text/csv,application/json,text/x-opml,text/xml,text/plain"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
      {state.kind === 'importing' && <ImportProgress progress={state.progress} cancelling={state.cancelling} onCancel={onCancel} />}
      <p className="import-status" role="status">
        {state.kind === 'importing' && (state.cancelling ? `Cancelling the import of ${state.name}…` : `Importing ${state.name}…`)}
        {state.kind === 'failed' && <span className="is-error">{state.message}</span>}
        {state.kind === 'done' && reportText(state.name, state.report)}
      </p>
      {state.kind === 'done' && <ImportReportView name={state.name} report={state.report} />}
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

/** Outside the live region: a screen reader is told when the import starts and ends, not every row. */
function ImportProgress({ progress, cancelling, onCancel }: { progress: Progress; cancelling: boolean; onCancel: () => void }) {
  const { rows, bytesRead, totalBytes } = progress;
  const known = totalBytes !== null && totalBytes > 0;
  return (
    <div className="import-progress">
      <progress aria-label="Import progress" max={known ? totalBytes : undefined} value={known ? Math.min(bytesRead, totalBytes) : undefined} />
      <span className="import-rows">{plural(rows, 'row')} read</span>
      <button type="button" className="button button-small" onClick={onCancel} aria-disabled={cancelling}>
        Cancel import
      </button>
    </div>
  );
}

const FORMAT_NAMES: Record<string, string> = {
  pocket: 'Pocket export',
  instapaper: 'Instapaper export',
  omnivore: 'Omnivore export',
  wallabag: 'wallabag export',
  readwise: 'Readwise export',
  bookmarks: 'browser bookmarks',
  urls: 'list of links',
  json: 'Lectern export',
  opml: 'OPML',
  backup: 'Lectern backup',
};

/** The report in one sentence, for the live region. */
function reportText(name: string, report: ImportReport): string {
  const format = FORMAT_NAMES[report.format] ?? report.format;
  const parts = [
    `${plural(report.imported, 'article')} imported`,
    `${report.duplicates.toLocaleString('en-US')} already in your library`,
    `${plural(report.rejected, 'row')} rejected`,
  ];
  if (report.highlights > 0) parts.push(plural(report.highlights, 'highlight'));
  if (report.feeds > 0) parts.push(`${plural(report.feeds, 'feed')} subscribed`);
  const head = report.cancelled ? `Import of ${name} cancelled` : name;
  return `${head} (${format}): ${parts.join(', ')}. ${plural(report.queued, 'article')} queued for offline reading.`;
}
