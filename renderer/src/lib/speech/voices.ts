// Which of the system's voices reads an article: the one chosen in the display settings when
// it speaks the article's language, else the best voice for that language, else none (and the
// reader says so) rather than English read with a French voice's rules.

export interface Voice {
  /** The voice's URI: stable across runs, so it is what the preferences keep. */
  id: string;
  name: string;
  /** A BCP 47 tag, e.g. en-GB; some systems write en_GB. */
  lang: string;
  isDefault: boolean;
  /** On this computer, not a network service (which needs the network and sends the text). */
  local: boolean;
}

const normalise = (tag: string) => tag.replace(/_/g, '-').toLowerCase();
const primary = (tag: string) => normalise(tag).split('-')[0] ?? '';

/** The language to speak in: the article's, or the interface's when it has none. */
export function speechLanguage(articleLang: string | null, fallback: string): string {
  return articleLang?.trim() || fallback;
}

/**
 * The voice for text in `lang`. The chosen voice wins when it speaks the language; then a
 * voice of the exact tag (en-GB for en-GB), then any of the language (en-US for en-GB, or for
 * plain en), local voices always before network ones, the system's default first among equals.
 */
export function pickVoice(voices: readonly Voice[], lang: string, chosenId: string): Voice | null {
  const want = normalise(lang);
  const wantPrimary = primary(lang);
  const chosen = voices.find((v) => v.id === chosenId);
  if (chosen && primary(chosen.lang) === wantPrimary) return chosen;
  // Local first (a network voice sends the text off the machine), then the exact region, then the default.
  const rank = (v: Voice) => (v.local ? 0 : 4) + (normalise(v.lang) === want ? 0 : 2) - (v.isDefault ? 0.5 : 0);
  const speaking = voices.filter((v) => primary(v.lang) === wantPrimary);
  speaking.sort((a, b) => rank(a) - rank(b));
  return speaking[0] ?? null;
}

/** The language's name in the interface's language, e.g. "French" for fr-CA. */
export function languageName(lang: string, displayIn: string): string {
  try {
    return new Intl.DisplayNames([displayIn, 'en'], { type: 'language' }).of(primary(lang)) ?? lang;
  } catch {
    return lang;
  }
}
