import type { ImportReport, RejectedRow } from '../../../electron/ipc/api.ts';
import { csvField, downloadFile } from '../lib/download.ts';

// Thousands of rejected rows would make the dialog slow to open; the saved report has them all.
const ROWS_SHOWN = 500;

/** The report as CSV, one rejected row a line. */
export function reportCsv(rows: RejectedRow[]): string {
  return ['row,file,reason', ...rows.map((r) => [r.row, r.file, r.reason].map(csvField).join(','))].join('\r\n') + '\r\n';
}

const reportName = (name: string): string => `${name.replace(/\.[^.]*$/, '') || 'import'}-import-report.csv`;

/** The counts, then every rejected row (row, file, reason) in a scrolling table, and Save report. */
export function ImportReportView({ name, report }: { name: string; report: ImportReport }) {
  const counts: Array<[string, number]> = [
    ['Imported', report.imported],
    ['Already in your library', report.duplicates],
    ['Rejected', report.rejected],
    ['Highlights', report.highlights],
    ['Feeds subscribed', report.feeds],
    ['Queued for offline reading', report.queued],
  ];
  const rows = report.rejectedRows;
  const hidden = rows.length - ROWS_SHOWN;
  return (
    <div className="import-report">
      <dl className="import-counts">
        {counts.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n.toLocaleString('en-US')}</dd>
          </div>
        ))}
        <div>
          <dt>Cancelled</dt>
          <dd>{report.cancelled ? 'Yes' : 'No'}</dd>
        </div>
      </dl>
      {rows.length > 0 && (
        <>
          {/* Focusable, so the table scrolls from the keyboard too. */}
          <div className="import-rejected" role="region" aria-label="Rejected rows" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">File</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, ROWS_SHOWN).map((r, i) => (
                  <tr key={i}>
                    <td>{r.row > 0 ? r.row.toLocaleString('en-US') : 'The file'}</td>
                    <td>{r.file ?? ''}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {hidden > 0 && <p className="import-more">…and {hidden.toLocaleString('en-US')} more, all in the saved report.</p>}
          </div>
          <button type="button" className="button button-small" onClick={() => downloadFile(reportName(name), new Blob([reportCsv(rows)], { type: 'text/csv;charset=utf-8' }))}>
            Save report
          </button>
        </>
      )}
    </div>
  );
}
