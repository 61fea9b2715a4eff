import { useLayoutEffect, useState, type RefObject } from 'react';

export interface Range {
  start: number;
  end: number;
}

/**
 * Which rows of a fixed-row-height list, scrolled by the window, are on screen (plus a margin
 * either side). Only those are rendered, so a list of 100 000 rows costs what a screenful does.
 */
export function useWindowedRange(listRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 8): Range {
  const [range, setRange] = useState<Range>({ start: 0, end: Math.min(count, 24) });

  useLayoutEffect(() => {
    const update = () => {
      const list = listRef.current;
      if (!list) return;
      const top = list.getBoundingClientRect().top;
      const start = Math.max(0, Math.min(count, Math.floor(-top / rowHeight) - overscan));
      const end = Math.max(start, Math.min(count, Math.ceil((window.innerHeight - top) / rowHeight) + overscan));
      setRange((prev) => (prev.start === start && prev.end === end ? prev : { start, end }));
    };
    update();
    let frame = 0;
    const schedule = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        update();
      });
    };
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      cancelAnimationFrame(frame);
    };
  }, [listRef, count, rowHeight, overscan]);

  return range;
}
