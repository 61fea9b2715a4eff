import type { RefObject } from 'react';
import type { Article, ReaderPreferences } from '../../../electron/ipc/api.ts';

// Stub: the listening helper replaces this file with the real controls.
export function ListenControls(_props: { article: Article; preferences: ReaderPreferences; bodyRef: RefObject<HTMLElement | null> }) {
  return null;
}
