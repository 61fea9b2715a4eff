import { useEffect, useRef } from 'react';

export type Shortcut =
  | 'next'
  | 'prev'
  | 'open'
  | 'back'
  | 'star'
  | 'archive'
  | 'search'
  | 'addUrl'
  | 'larger'
  | 'smaller'
  | 'help'
  | 'viewUnread'
  | 'viewStarred'
  | 'viewArchive'
  | 'viewAll'
  | 'delete'
  | 'tag'
  | 'select'
  | 'highlight'
  | 'highlightsPanel'
  | 'listen'
  | 'listenBack'
  | 'listenForward';
export type ShortcutHandlers = Partial<Record<Shortcut, () => void>>;

/** Single-key shortcuts, as in most readers. Ctrl/Cmd+L works everywhere, like a browser. */
const KEYS: Record<string, Shortcut> = {
  j: 'next',
  k: 'prev',
  o: 'open',
  Enter: 'open',
  u: 'back',
  Escape: 'back',
  s: 'star',
  e: 'archive',
  '/': 'search',
  '=': 'larger',
  '+': 'larger',
  '-': 'smaller',
  '?': 'help',
  '1': 'viewUnread',
  '2': 'viewStarred',
  '3': 'viewArchive',
  '4': 'viewAll',
  '#': 'delete',
  t: 'tag',
  x: 'select',
  h: 'highlight',
  H: 'highlightsPanel',
  l: 'listen',
  '[': 'listenBack',
  ']': 'listenForward',
};

/** What the help dialog lists, in the order it lists them. */
export const SHORTCUT_HELP: readonly { keys: string[]; what: string }[] = [
  { keys: ['j', 'k'], what: 'Next / previous article (scrolls in the reader)' },
  { keys: ['o', 'Enter'], what: 'Open the selected article' },
  { keys: ['u', 'Esc'], what: 'Back to the list' },
  { keys: ['s'], what: 'Star or unstar' },
  { keys: ['e'], what: 'Archive, or move back to Unread' },
  { keys: ['#'], what: 'Delete (with Undo)' },
  { keys: ['t'], what: 'Tag' },
  { keys: ['x'], what: 'Select or unselect (Shift-click selects a range)' },
  { keys: ['h'], what: 'Highlight the selected text (in the reader)' },
  { keys: ['Shift H'], what: 'Show or hide the highlights and notes' },
  { keys: ['l'], what: 'Listen to the article, or pause' },
  { keys: ['[', ']'], what: 'While listening: a paragraph back or forward' },
  { keys: ['/'], what: 'Search' },
  { keys: ['Ctrl L'], what: 'Save a link (or paste or drop one anywhere)' },
  { keys: ['1', '2', '3', '4'], what: 'Unread, Starred, Archive, All' },
  { keys: ['+', '−'], what: 'Larger or smaller text' },
  { keys: ['?'], what: 'This list' },
];

/**
 * A modal dialog (import, shortcut help) owns the keyboard, wherever focus is: when a control
 * inside it is disabled, focus falls to <body>, outside the dialog, not to the list behind it.
 */
export const modalOpen = (): boolean => document.querySelector('dialog:modal') !== null;

export function isEditable(target: EventTarget | null): target is HTMLElement {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
  );
}

/** Native controls already act on Enter; the shortcut must not act twice. */
function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement;
}

export function useKeyboardShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || modalOpen()) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'l') {
        const handler = latest.current.addUrl;
        if (handler) {
          event.preventDefault();
          handler();
        }
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      // Dialogs and popovers own their keys (Esc closes them, and nothing else should happen).
      if (event.target instanceof Element && event.target.closest('dialog[open], [popover]')) return;
      // Esc with a popover open (focus may still be on its button) only closes the popover.
      if (event.key === 'Escape' && document.querySelector(':popover-open')) return;
      if (isEditable(event.target)) {
        // Escape leaves a text field, so the next key is a shortcut again.
        if (event.key === 'Escape') event.target.blur();
        return;
      }
      const shortcut = KEYS[event.key];
      if (!shortcut) return;
      if (event.key === 'Enter' && isActivatable(event.target)) return;
      const handler = latest.current[shortcut];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
