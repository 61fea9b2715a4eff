// How the reader wants articles shown: theme, type and layout, plus reading and listening behaviour.

export interface ReaderPreferences {
  theme: 'system' | 'light' | 'sepia' | 'dark';
  font: 'serif' | 'sans';
  /** Body text size in CSS pixels. */
  fontSize: number;
  lineHeight: number;
  columnWidth: 'narrow' | 'medium' | 'wide';
  /** Archive an article when its end is reached. */
  archiveOnFinish: boolean;
  /** Listening speed, 1 being the voice's normal pace. */
  speechRate: number;
  /** The chosen voice's URI; '' lets the article's language pick one. */
  speechVoice: string;
}

/** One set of defaults for the core (what a new profile stores) and the renderer (what it shows before the core answers). */
export const DEFAULT_READER_PREFERENCES: ReaderPreferences = {
  theme: 'system',
  font: 'serif',
  fontSize: 19,
  lineHeight: 1.6,
  columnWidth: 'medium',
  archiveOnFinish: false,
  speechRate: 1,
  speechVoice: '',
};
