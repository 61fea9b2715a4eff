// Reader preferences (typography and theme). Stored by electron-store in the app, which is
// built on `conf`; the core talks to either through the small interface below.
import { z } from 'zod';
import { DEFAULT_READER_PREFERENCES, type ReaderPreferences } from '../shared/reader-preferences.ts';

export const readerPreferencesSchema = z
  .object({
    theme: z.enum(['system', 'light', 'sepia', 'dark']),
    font: z.enum(['serif', 'sans']),
    fontSize: z.number().int().min(12).max(32),
    lineHeight: z.number().min(1.2).max(2.2),
    columnWidth: z.enum(['narrow', 'medium', 'wide']),
    archiveOnFinish: z.boolean(),
    speechRate: z.number().min(0.5).max(3),
    speechVoice: z.string().max(1000),
  })
  .strict() satisfies z.ZodType<ReaderPreferences>;

export { DEFAULT_READER_PREFERENCES };

/** The part of electron-store (and conf, which it extends) the core uses. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const KEY = 'reader';

/** Reads the stored preferences, falling back per field to defaults when a value is bad. */
export function loadReaderPreferences(store: KeyValueStore): ReaderPreferences {
  const stored = store.get(KEY);
  const merged: Record<string, unknown> = { ...DEFAULT_READER_PREFERENCES };
  if (stored && typeof stored === 'object') {
    for (const [key, value] of Object.entries(stored)) {
      // hasOwn: a key such as "constructor" in a hand-edited file must not reach a built-in.
      if (!Object.hasOwn(readerPreferencesSchema.shape, key)) continue;
      const field = readerPreferencesSchema.shape[key as keyof ReaderPreferences];
      if (field.safeParse(value).success) merged[key] = value;
    }
  }
  return readerPreferencesSchema.parse(merged);
}

export function saveReaderPreferences(store: KeyValueStore, patch: Partial<ReaderPreferences>): ReaderPreferences {
  const next = readerPreferencesSchema.parse({ ...loadReaderPreferences(store), ...patch });
  store.set(KEY, next);
  return next;
}
