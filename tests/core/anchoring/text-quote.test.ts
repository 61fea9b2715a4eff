import { describe, expect, it } from 'vitest';
import { matchQuote, selectorFor } from '../../../electron/shared/anchoring/text-quote.ts';
import { normalizeText } from '../../../electron/shared/anchoring/normalized-text.ts';

const ORIGINAL = [
  'The river barrier closed at dawn as the tide rose. ',
  'Engineers had warned for years that the old gates would fail under a surge. ',
  'Residents watched from the embankment while the water climbed. ',
  'By noon the surge had passed and the gates held.',
].join('');

/** The selector a reader would have stored for `quote` (its first occurrence after `from`). */
function select(text: string, quote: string, from = 0) {
  const start = text.indexOf(quote, from);
  expect(start).toBeGreaterThanOrEqual(0);
  return selectorFor(text, { start, end: start + quote.length });
}

const placed = (text: string, m: { start: number; end: number } | null) => (m ? text.slice(m.start, m.end) : null);

describe('matchQuote on unchanged text', () => {
  it('finds the quote where it was, with full score', () => {
    const sel = select(ORIGINAL, 'the old gates would fail');
    const m = matchQuote(ORIGINAL, sel);
    expect(m).toMatchObject({ start: sel.start, end: sel.end });
    expect(m!.score).toBeCloseTo(1, 5);
  });

  it('tells two occurrences of the same words apart by their context', () => {
    const sel = select(ORIGINAL, 'the gates', ORIGINAL.indexOf('By noon'));
    // A stale position hint pointing nowhere useful: the context still decides.
    const m = matchQuote(ORIGINAL, { ...sel, start: 0 });
    expect(m!.start).toBe(ORIGINAL.lastIndexOf('the gates'));
    const first = select('the gates open. Later the gates close.', 'the gates');
    expect(matchQuote('the gates open. Later the gates close.', { ...first, start: 20 })!.start).toBe(0);
  });
});

describe('matchQuote after the page changed', () => {
  it('does not keep a short quote at its old offset when other words moved there', () => {
    // "the tide" in the second sentence; then a sentence inserted above puts another
    // "the tide" exactly at the old offset.
    const before = 'Ships wait. Then the tide turned and the barrier opened.';
    const sel = select(before, 'the tide');
    const inserted = 'After the storm, the tide fell. Ships wait. Then the tide turned and the barrier opened.';
    expect(inserted.startsWith('the tide', sel.start!)).toBe(true);
    const m = matchQuote(inserted, sel);
    expect(m!.start).toBe(inserted.lastIndexOf('the tide'));
  });

  it('follows an insertion before the quote', () => {
    const sel = select(ORIGINAL, 'Residents watched from the embankment');
    const changed = `Updated 9:40: the Environment Agency has issued a statement. ${ORIGINAL}`;
    expect(placed(changed, matchQuote(changed, sel))).toBe('Residents watched from the embankment');
  });

  it('survives a deletion inside the quote', () => {
    const sel = select(ORIGINAL, 'Engineers had warned for years that the old gates would fail under a surge.');
    const changed = ORIGINAL.replace('for years ', '');
    const m = matchQuote(changed, sel);
    expect(placed(changed, m)).toBe('Engineers had warned that the old gates would fail under a surge.');
    expect(m!.score).toBeLessThan(1);
  });

  it('keeps the whole quote when a word was added near its end', () => {
    const sel = select(ORIGINAL, 'Engineers had warned for years');
    const changed = ORIGINAL.replace('for years', 'for many years');
    expect(placed(changed, matchQuote(changed, sel))).toBe('Engineers had warned for many years');
    const shorter = ORIGINAL.replace('Engineers had', 'Engineers');
    expect(placed(shorter, matchQuote(shorter, sel))).toBe('Engineers warned for years');
  });

  it('survives a paragraph split (text inserted between the halves)', () => {
    const sel = select(ORIGINAL, 'the tide rose. Engineers had warned');
    const changed = ORIGINAL.replace('rose. Engineers', 'rose.\n\nEngineers');
    expect(placed(changed, matchQuote(changed, sel))).toMatch(/^the tide rose\.\s+Engineers had warned$/);
  });

  it('matches across Unicode normalisation, with offsets into the text as given', () => {
    const nfc = 'Le café était fermé à midi, mais la crémerie restait ouverte.';
    const sel = select(nfc, 'café était fermé');
    const nfd = nfc.normalize('NFD');
    expect(nfd.length).toBeGreaterThan(nfc.length);
    const m = matchQuote(nfd, sel);
    expect(placed(nfd, m)?.normalize('NFC')).toBe('café était fermé');
    // And the other way round: a highlight made on decomposed text, the page now composed.
    const fromNfd = select(nfd, 'la crémerie'.normalize('NFD'));
    expect(placed(nfc, matchQuote(nfc, fromNfd))).toBe('la crémerie');
  });

  it('orphans a quote that is no longer there, rather than placing it anywhere', () => {
    const sel = select(ORIGINAL, 'Residents watched from the embankment while the water climbed.');
    const changed = ORIGINAL.replace('Residents watched from the embankment while the water climbed. ', '');
    expect(matchQuote(changed, sel)).toBeNull();
    expect(matchQuote('', sel)).toBeNull();
  });

  it('orphans a short quote that changed, instead of matching a stray word', () => {
    const sel = select(ORIGINAL, 'tide');
    expect(matchQuote(ORIGINAL.replace('tide', 'sea'), sel)).toBeNull();
  });

  it('places an imported quote that has no position and no context', () => {
    const m = matchQuote(ORIGINAL, { quote: 'the surge had passed', prefix: '', suffix: '', start: null });
    expect(placed(ORIGINAL, m)).toBe('the surge had passed');
  });

  it('places right-to-left and CJK quotes', () => {
    const ar = 'افتتحت الحديقة العامة أبوابها صباح اليوم أمام الزوار.';
    const arChanged = `تحديث: ${ar}`;
    expect(placed(arChanged, matchQuote(arChanged, select(ar, 'الحديقة العامة')))).toBe('الحديقة العامة');
    const ja = '東京の桜は三月末に満開になった。多くの人が公園を訪れた。';
    expect(placed(`速報。${ja}`, matchQuote(`速報。${ja}`, select(ja, '多くの人が公園を訪れた')))).toBe('多くの人が公園を訪れた');
  });
});

describe('normalizeText', () => {
  it('maps offsets both ways at character boundaries', () => {
    const original = 'e\u0301a\u0300x';
    const n = normalizeText(original);
    expect(n.text).toBe('éàx');
    expect([0, 1, 2, 3].map((o) => n.toOriginal(o))).toEqual([0, 2, 4, 5]);
    expect(n.fromOriginal(4)).toBe(2);
    expect(normalizeText('plain').toOriginal(3)).toBe(3);
  });
});
