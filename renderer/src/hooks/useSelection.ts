import { useCallback, useState } from 'react';
import type { ArticleSummary } from '../../../electron/ipc/api.ts';

export interface SelectionState {
  ids: ReadonlySet<string>;
  /** Ctrl/Cmd-click or `x`: adds or removes one row. */
  toggle: (index: number) => void;
  /** Shift-click: everything between the last row touched and this one. */
  extendTo: (index: number) => void;
  clear: () => void;
  /** The selected articles, in list order. */
  selected: ArticleSummary[];
}

/** Multi-select over the rows shown, by id (so it survives rows moving or paging in). */
export function useSelection(rows: ArticleSummary[]): SelectionState {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState(-1);

  const toggle = useCallback(
    (index: number) => {
      const id = rows[index]?.id;
      if (!id) return;
      setIds((prev) => {
        const next = new Set(prev);
        if (!next.delete(id)) next.add(id);
        return next;
      });
      setAnchor(index);
    },
    [rows],
  );

  const extendTo = useCallback(
    (index: number) => {
      const from = anchor < 0 ? index : anchor;
      const [lo, hi] = from < index ? [from, index] : [index, from];
      setIds((prev) => {
        const next = new Set(prev);
        for (let i = lo; i <= hi; i++) {
          const id = rows[i]?.id;
          if (id) next.add(id);
        }
        return next;
      });
      setAnchor(index);
    },
    [rows, anchor],
  );

  const clear = useCallback(() => {
    setIds(new Set());
    setAnchor(-1);
  }, []);

  const selected = ids.size === 0 ? [] : rows.filter((row) => ids.has(row.id));
  return { ids, toggle, extendTo, clear, selected };
}
