import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { chooseContent, type Candidate, type CandidateName } from '../../../electron/capture/extraction/choose-content.ts';

const element = (markup: string): Element => {
  const { document } = parseHTML(`<!doctype html><html><head><title>t</title></head><body><div>${markup}</div></body></html>`);
  const div = document.querySelector('body > div');
  if (!div) throw new Error('no <div> parsed');
  return div;
};

// Each paragraph is 111 characters: prose by both measures (over 100 characters, a sentence).
const para = (i: number, topic = 'story'): string => `<p>Paragraph ${i} of the ${topic} carries enough ordinary words to count as prose, well past the hundred character mark.</p>`;
const paras = (count: number, topic = 'story'): string => Array.from({ length: count }, (_, i) => para(i + 1, topic)).join('');

type FinderName = Exclude<CandidateName, 'lectern'>;

/** Finders that return fixed content and count their calls (plain counters, no mocks). */
function finders(content: Partial<Record<FinderName, Element | null>> = {}) {
  const calls: Record<FinderName, number> = { readability: 0, density: 0, body: 0 };
  const finder = (name: FinderName) => (): Candidate => {
    calls[name] += 1;
    return { name, content: content[name] ?? null };
  };
  return { calls, finders: { readability: finder('readability'), density: finder('density'), body: finder('body') } };
}

const lectern = (content: Element | null): Candidate => ({ name: 'lectern', content });

/** A page of `prose` characters of prose, all of what ours lacks removed by our preparation. */
const removed = (prose: number) => ({ pageProse: prose, removedProse: prose });

describe('chooseContent keeps ours', () => {
  it('without asking the finders when it is article-sized and a fifth of the page prose', () => {
    const ours = lectern(element(paras(11))); // 1,221 characters of prose
    const { calls, finders: all } = finders({ readability: element(paras(40)) });
    expect(chooseContent(ours, removed(6_000), all)).toBe(ours);
    expect(calls).toEqual({ readability: 0, density: 0, body: 0 });
  });

  it('does not ask plain Readability when our preparation removed little of the prose ours lacks', () => {
    const ours = lectern(element(paras(10)));
    const { calls, finders: all } = finders({ readability: element(paras(40)) });
    expect(chooseContent(ours, { pageProse: 100_000, removedProse: 1_000 }, all)).toBe(ours);
    expect(calls.readability).toBe(0);
  });

  it('asks the finders when it is article-sized but a small share of a page of prose', () => {
    // A promo box of nine paragraphs chosen over an article of thirty.
    const ours = lectern(element(paras(11)));
    const { calls, finders: all } = finders({ readability: element(paras(40)) });
    expect(chooseContent(ours, removed(100_000), all)?.name).toBe('readability');
    expect(calls.readability).toBe(1);
  });

  it('asks the finders when it is just short of article size and a small share of the page', () => {
    const ours = lectern(element(paras(10))); // 1,110 characters
    const { calls, finders: all } = finders();
    expect(chooseContent(ours, removed(100_000), all)).toBe(ours);
    expect(calls.readability).toBe(1);
  });

  it('without asking the finders when it holds at least half the page prose', () => {
    const ours = lectern(element(paras(3))); // 333 characters
    const { calls, finders: all } = finders({ readability: element(paras(20)) });
    expect(chooseContent(ours, removed(666), all)).toBe(ours);
    expect(calls).toEqual({ readability: 0, density: 0, body: 0 });
  });

  it('asks the finders when it holds less than half the page prose', () => {
    const ours = lectern(element(paras(3)));
    const { calls, finders: all } = finders();
    // Nothing better turns up: ours stays, and with article text of its own no body is needed.
    expect(chooseContent(ours, removed(700), all)).toBe(ours);
    expect(calls).toEqual({ readability: 1, density: 1, body: 0 });
  });
});

describe('chooseContent replaces a suspect primary', () => {
  it("by readability's body when that holds clearly more article text", () => {
    const ours = lectern(element(para(1, 'caption')));
    const readability = element(paras(8));
    const { calls, finders: all } = finders({ readability });
    const chosen = chooseContent(ours, removed(3000), all);
    expect(chosen?.name).toBe('readability');
    expect(chosen?.content).toBe(readability);
    // 888 characters is no scrap: the density finder is not asked.
    expect(calls).toEqual({ readability: 1, density: 0, body: 0 });
  });

  it("not by readability's body when that holds only a little more", () => {
    const ours = lectern(element(para(1, 'caption'))); // 113 characters of article text
    // 116 characters: more, but not 1.3 times as much.
    const readability = element('<p>A single paragraph that Readability found instead, a little longer than ours but not by enough to be chosen over it.</p>');
    const { finders: all } = finders({ readability });
    expect(chooseContent(ours, removed(3000), all)).toBe(ours);
  });

  const SCRAP = '<p>The scrap our finder kept is the opening of the story, and it is a real paragraph of the article, long enough to read as prose on its own.</p>';
  const SCRAP_TEXT = 'The scrap our finder kept is the opening of the story, and it is a real paragraph of the article, long enough to read as prose on its own.';

  it('by the density body when that body also holds the scrap', () => {
    const ours = lectern(element(SCRAP));
    const density = element(`${SCRAP}${paras(6)}`);
    const { calls, finders: all } = finders({ density });
    const chosen = chooseContent(ours, removed(3000), all);
    expect(chosen?.name).toBe('density');
    expect(chosen?.content).toBe(density);
    expect(chosen?.content?.textContent).toContain(SCRAP_TEXT);
    expect(calls).toEqual({ readability: 1, density: 1, body: 0 });
  });

  it('not by a density body that does not hold the scrap (a teaser list read as an article)', () => {
    const ours = lectern(element(SCRAP));
    const density = element(paras(6, 'teaser'));
    const { calls, finders: all } = finders({ density });
    expect(chooseContent(ours, removed(3000), all)).toBe(ours);
    expect(calls).toEqual({ readability: 1, density: 1, body: 0 });
  });
});

describe('chooseContent without article text', () => {
  it("returns the body finder's content when no finder found article text", () => {
    const body = element('<p>Menu</p><div>A short notice</div><ul><li><a href="/a">A link</a></li></ul>');
    const { calls, finders: all } = finders({ density: null, body });
    const chosen = chooseContent(lectern(null), removed(0), all);
    expect(chosen?.name).toBe('body');
    expect(chosen?.content).toBe(body);
    expect(calls).toEqual({ readability: 1, density: 1, body: 1 });
  });

  it("returns the body finder's content when only it holds article text", () => {
    const body = element(paras(2));
    const links = element('<ul><li><a href="/a">Home</a></li><li><a href="/b">News</a></li></ul>');
    const { finders: all } = finders({ readability: links, body });
    const chosen = chooseContent(lectern(element('<p>Cookie settings</p>')), removed(0), all);
    expect(chosen?.name).toBe('body');
    expect(chosen?.content).toBe(body);
  });

  it('returns null only when no finder found anything', () => {
    const { calls, finders: all } = finders();
    expect(chooseContent(lectern(null), removed(0), all)).toBeNull();
    expect(calls).toEqual({ readability: 1, density: 1, body: 1 });
  });
});
