// Which voice reads an article: the chosen one when it speaks the language, else the best
// match for the article's language, else none.
import { describe, expect, it } from 'vitest';
import { languageName, pickVoice, speechLanguage, type Voice } from '../../../renderer/src/lib/speech/voices.ts';

const voice = (id: string, lang: string, extra: Partial<Voice> = {}): Voice => ({ id, name: id, lang, isDefault: false, local: true, ...extra });
const VOICES = [
  voice('us', 'en-US', { isDefault: true }),
  voice('gb', 'en-GB'),
  voice('gb-net', 'en-GB', { local: false }),
  voice('fr', 'fr_FR'),
  voice('ja-net', 'ja-JP', { local: false }),
];

describe('pickVoice', () => {
  it('prefers the exact language, then the same language elsewhere', () => {
    expect(pickVoice(VOICES, 'en-GB', '')?.id).toBe('gb');
    expect(pickVoice(VOICES, 'en-AU', '')?.id).toBe('us');
    expect(pickVoice(VOICES, 'en', '')?.id).toBe('us');
    expect(pickVoice(VOICES, 'FR-ca', '')?.id).toBe('fr');
  });

  it('takes a network voice only when no local one speaks the language', () => {
    expect(pickVoice(VOICES, 'ja', '')?.id).toBe('ja-net');
    // A local American voice reads en-GB before a British voice that sends the text away.
    expect(pickVoice(VOICES.filter((v) => v.id !== 'gb'), 'en-GB', '')?.id).toBe('us');
    expect(pickVoice(VOICES.filter((v) => v.lang.startsWith('en') && !v.local), 'en-GB', '')?.id).toBe('gb-net');
  });

  it('uses the chosen voice for its own language only', () => {
    expect(pickVoice(VOICES, 'en-US', 'gb')?.id).toBe('gb');
    expect(pickVoice(VOICES, 'fr', 'gb')?.id).toBe('fr');
    expect(pickVoice(VOICES, 'en', 'no-longer-installed')?.id).toBe('us');
  });

  it('finds none for a language no voice speaks', () => {
    expect(pickVoice(VOICES, 'he', '')).toBeNull();
    expect(pickVoice([], 'en', '')).toBeNull();
  });
});

describe('speechLanguage and languageName', () => {
  it('falls back to the interface language and names languages', () => {
    expect(speechLanguage(null, 'en-US')).toBe('en-US');
    expect(speechLanguage(' ', 'en-US')).toBe('en-US');
    expect(speechLanguage('de', 'en-US')).toBe('de');
    expect(languageName('fr-CA', 'en')).toBe('French');
    expect(languageName('he', 'en')).toBe('Hebrew');
  });
});
