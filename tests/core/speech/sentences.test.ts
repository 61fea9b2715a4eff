// Sentence splitting for listening, in the languages whose rules differ: abbreviations and
// decimals in English, 。in Japanese, । in Hindi, ؟ in Arabic, and very long sentences.
import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, splitSentences } from '../../../renderer/src/lib/speech/sentences.ts';

const said = (text: string, lang: string | null, max?: number) => splitSentences(text, lang, 0, text.length, max).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits English at full stops, question and exclamation marks, without surrounding spaces', () => {
    expect(said('  The path floods. Does it? Yes!  It does.\n', 'en')).toEqual(['The path floods.', 'Does it?', 'Yes!', 'It does.']);
  });

  it('keeps a decimal number in one sentence', () => {
    expect(said('The walk is 6.5 miles long. It takes three hours.', 'en')).toEqual(['The walk is 6.5 miles long.', 'It takes three hours.']);
  });

  it('splits Japanese at 。 and ！ with no spaces between', () => {
    expect(said('川沿いの道は醸造所の裏から始まる。春には牧草地が水に浸かる！夏は乾く。', 'ja')).toEqual([
      '川沿いの道は醸造所の裏から始まる。',
      '春には牧草地が水に浸かる！',
      '夏は乾く。',
    ]);
  });

  it('splits Hindi at the danda', () => {
    expect(said('नदी का रास्ता पुराना है। वसंत में खेत डूब जाते हैं।', 'hi')).toEqual(['नदी का रास्ता पुराना है।', 'वसंत में खेत डूब जाते हैं।']);
  });

  it('splits Arabic at the Arabic question mark', () => {
    expect(said('هل الطريق مفتوح؟ نعم، إنه مفتوح.', 'ar')).toEqual(['هل الطريق مفتوح؟', 'نعم، إنه مفتوح.']);
  });

  it('gives offsets into the whole text when asked for a part of it', () => {
    const text = 'Title\nFirst one. Second one.\nFooter';
    const from = text.indexOf('First');
    const spans = splitSentences(text, 'en', from, text.indexOf('\nFooter'));
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First one.', 'Second one.']);
    expect(spans[0]!.start).toBe(from);
  });

  it('says nothing for a run of symbols, and takes a lang that is no locale', () => {
    expect(said('* * *', 'en')).toEqual([]);
    expect(said('One. Two.', 'english!')).toEqual(['One.', 'Two.']);
    expect(said('One. Two.', null)).toEqual(['One.', 'Two.']);
  });

  it('breaks a very long sentence at commas, then spaces, into pieces no longer than the limit', () => {
    const clause = 'the heron stood in the shallows and did not move';
    const long = `${Array.from({ length: 12 }, () => clause).join(', ')}.`;
    const pieces = said(long, 'en');
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(pieces.every((p, i) => i === pieces.length - 1 || p.endsWith(','))).toBe(true);
    expect(pieces.join(' ')).toBe(long);
    const words = said(`${'walk '.repeat(40).trim()}.`, 'en', 50);
    expect(words.every((p) => p.length <= 50 && !p.startsWith(' '))).toBe(true);
    expect(words.join(' ')).toBe(`${'walk '.repeat(40).trim()}.`);
  });
});
