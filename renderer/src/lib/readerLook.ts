import type { CSSProperties } from 'react';
import type { ReaderPreferences } from '../../../electron/ipc/api.ts';
import { DEFAULT_READER_PREFERENCES } from '../../../electron/shared/reader-preferences.ts';

// How reader preferences (stored by the core, shared by every window) turn into CSS.

export const DEFAULT_PREFERENCES: ReaderPreferences = DEFAULT_READER_PREFERENCES;

/** Steps offered in the UI; the contract allows 12–32. */
export const MIN_FONT_SIZE = 14;
export const MAX_FONT_SIZE = 28;
export const clampFontSize = (size: number): number => Math.min(MAX_FONT_SIZE, Math.max(MIN_FONT_SIZE, Math.round(size)));

/** Measured in ems, so the line keeps its length in characters as the text grows. */
const COLUMN_WIDTHS: Record<ReaderPreferences['columnWidth'], string> = { narrow: '32em', medium: '37em', wide: '44em' };

/** Custom properties for the reader, set through the CSSOM (the CSP forbids style attributes in markup, not this). */
export function readerStyle(preferences: ReaderPreferences): CSSProperties {
  return {
    '--reader-size': `${preferences.fontSize}px`,
    '--reader-leading': String(preferences.lineHeight),
    '--reader-width': COLUMN_WIDTHS[preferences.columnWidth],
  } as CSSProperties;
}

/** The theme is pinned on <html> so every screen follows it; 'system' leaves it to the OS. */
export function applyTheme(theme: ReaderPreferences['theme']): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

const THEME_KEY = 'lectern.theme';
const THEMES: readonly string[] = ['system', 'light', 'sepia', 'dark'];

/**
 * The core's preferences arrive over IPC after the first paint; the last theme is cached here so
 * main.tsx can apply it before anything is drawn, and a dark-theme start does not flash light.
 */
export function rememberTheme(theme: ReaderPreferences['theme']): void {
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Without storage the app still themes itself, a moment later.
  }
}

export function applyCachedTheme(): void {
  try {
    const theme = localStorage.getItem(THEME_KEY);
    if (theme && THEMES.includes(theme)) applyTheme(theme as ReaderPreferences['theme']);
  } catch {
    // No storage: the core's answer applies the theme instead.
  }
}
