import { useEffect, useRef } from 'react';
import { SHORTCUT_HELP } from '../hooks/useKeyboardShortcuts.ts';
import { DialogClose } from './DialogParts.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
}

/** The keyboard shortcuts, in a native modal dialog (focus trap and Esc come with it). */
export function ShortcutHelp({ open, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="shortcut-help" aria-labelledby="shortcut-help-title" onClose={onClose}>
      <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUT_HELP.map(({ keys, what }) => (
          <div key={what}>
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <DialogClose />
    </dialog>
  );
}
