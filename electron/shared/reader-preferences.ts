// How the reader wants articles shown: theme, type and layout, plus reading behaviour.

export interface ReaderPreferences {
  theme: 'system' | 'light' | 'sepia' | 'dark';
  font: 'serif' | 'sans';
  /** Body text size in CSS pixels. */
  fontSize: number;
  lineHeight: number;
  columnWidth: 'narrow' | 'medium' | 'wide';
  /** Archive an article when its end is reached. */
  archiveOnFinish: boolean;
}
