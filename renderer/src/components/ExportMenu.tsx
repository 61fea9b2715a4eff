// The Markdown / HTML choice behind an Export button (the reader's toolbar, the bulk bar): a
// popover of two buttons, each closing it as it picks.
export type ArticleExportFormat = 'markdown' | 'html';

interface Props {
  id: string;
  className: string;
  label: string;
  /** What each choice says, e.g. "Markdown (.md)". */
  names: Record<ArticleExportFormat, string>;
  onPick: (format: ArticleExportFormat) => void;
}

export function ExportMenu({ id, className, label, names, onPick }: Props) {
  return (
    <div id={id} className={className} popover="auto" role="group" aria-label={label}>
      {(['markdown', 'html'] as const).map((format) => (
        <button key={format} type="button" className="button button-quiet" popoverTarget={id} popoverTargetAction="hide" onClick={() => onPick(format)}>
          {names[format]}
        </button>
      ))}
    </div>
  );
}
