// The convergence property: three to five devices (real libraries, one real folder remote, or
// an encrypted vault over it), their clocks up to hours apart, make random concurrent edits
// with syncs in random order. After a
// final round of every device, twice, all hold the same library; and no edit is lost unless a
// later one overrode it. "Later" is what the devices could know: the test keeps, per field,
// every edit that reached the remote and which edits its device had seen when it was made. An
// edit no other edit saw is a winner candidate; a field's final value must be one of those
// (the only one when there is one), and a note must hold every candidate's text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../../../electron/library/library.ts';
import { syncRound } from '../../../../electron/sync/sync-engine.ts';
import { openSyncVault } from '../../../../electron/sync/crypto/sync-vault.ts';
import { devices, dump, saveArticle } from './sync-helpers.ts';

const RUNS = Number(process.env.SYNC_RUNS ?? 100);
const TAGS = ['news', 'Later', 'work'];
const COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
const HOUR = 3_600_000;

type Op =
  | { k: 'add'; d: number }
  | { k: 'tag' | 'untag'; d: number; a: number; t: number }
  | { k: 'archive' | 'star'; d: number; a: number; v: boolean }
  | { k: 'delete'; d: number; a: number }
  | { k: 'progress'; d: number; a: number; p: number }
  | { k: 'note'; d: number; a: number; n: number }
  | { k: 'highlight'; d: number; a: number }
  | { k: 'unhighlight'; d: number; h: number }
  | { k: 'recolour'; d: number; h: number; c: number }
  | { k: 'sync'; d: number };

const dev = fc.nat(4);
const ref = fc.nat(3);
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('add' as const), d: dev }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constantFrom('tag' as const, 'untag' as const), d: dev, a: ref, t: fc.nat(TAGS.length - 1) }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constantFrom('archive' as const, 'star' as const), d: dev, a: ref, v: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('delete' as const), d: dev, a: ref }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('progress' as const), d: dev, a: ref, p: fc.integer({ min: 0, max: 4 }) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('note' as const), d: dev, a: ref, n: fc.nat(1000) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('highlight' as const), d: dev, a: ref }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('unhighlight' as const), d: dev, h: ref }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('recolour' as const), d: dev, h: ref, c: fc.nat(COLORS.length - 1) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('sync' as const), d: dev }), weight: 4 },
);

/** An edit of one field, and the edits of that field its device had seen when it was made. */
interface Edit {
  id: number;
  key: string;
  value: unknown;
  saw: Set<number>;
}

class Model {
  readonly edits: Edit[] = [];
  readonly unpushed: Set<number>[];
  readonly known: Set<number>[];
  readonly remote = new Set<number>();
  constructor(n: number) {
    this.unpushed = Array.from({ length: n }, () => new Set<number>());
    this.known = Array.from({ length: n }, () => new Set<number>());
  }
  record(d: number, key: string, value: unknown): void {
    const e: Edit = { id: this.edits.length, key, value, saw: new Set([...this.known[d]!].filter((id) => this.edits[id]!.key === key)) };
    this.edits.push(e);
    this.known[d]!.add(e.id);
    this.unpushed[d]!.add(e.id);
  }
  sync(d: number): void {
    for (const id of this.unpushed[d]!) this.remote.add(id);
    this.unpushed[d]!.clear();
    for (const id of this.remote) this.known[d]!.add(id);
  }
  /** Per field: the values of the pushed edits that no other pushed edit saw. */
  candidates(): Map<string, unknown[]> {
    const pushed = [...this.remote].map((id) => this.edits[id]!);
    const out = new Map<string, unknown[]>();
    for (const e of pushed) {
      if (pushed.some((o) => o.key === e.key && o.saw.has(e.id))) continue;
      out.set(e.key, [...(out.get(e.key) ?? []), e.value]);
    }
    return out;
  }
}

async function run(n: number, ops: readonly Op[], encrypted: boolean, skews: readonly number[]): Promise<void> {
  const { remote: folder, libs } = devices(n);
  const remote = encrypted ? await openSyncVault(folder, 'correct horse', { create: true, scrypt: { N: 1024, r: 8, p: 1 } }) : folder;
  const model = new Model(n);
  const articles: string[] = [];
  const highlights: { id: string; article: string }[] = [];
  const lib = (d: number): Library => libs[d % n]!;
  // Each device's clock is off by up to hours: HLC must still order what each device saw.
  const clock = (d: number) => ({ now: () => Date.now() + skews[d % skews.length]! * HOUR });
  let added = 0;
  // A shared start (three articles with a highlight each, on every device), so that most
  // random edits touch what other devices are editing too.
  for (let i = 0; i < 3; i++) {
    const id = saveArticle(lib(0), `https://ex.com/${added++}`, `Article ${added}`);
    articles.push(id);
    model.record(0, `${id}:created`, true);
    const h = lib(0).highlights.add(id, { quote: `quote ${highlights.length}` })!;
    highlights.push({ id: h.id, article: id });
    model.record(0, `${h.id}:created`, true);
  }
  for (let d = 0; d < n; d++) {
    await syncRound(lib(d), remote, clock(d));
    model.sync(d);
  }
  for (const o of ops) {
    const d = o.d % n;
    const l = lib(d);
    const a = 'a' in o ? articles[o.a % Math.max(articles.length, 1)] : undefined;
    const live = a !== undefined && l.summary(a) !== null;
    if (o.k === 'add') {
      const id = saveArticle(l, `https://ex.com/${added++}`, `Article ${added}`);
      articles.push(id);
      model.record(d, `${id}:created`, true);
    } else if (o.k === 'sync') {
      await syncRound(l, remote, clock(d));
      model.sync(d);
    } else if (o.k === 'unhighlight' || o.k === 'recolour') {
      const h = highlights[o.h % Math.max(highlights.length, 1)];
      if (!h || !l.highlights.get(h.id)) continue;
      if (o.k === 'unhighlight') {
        l.highlights.remove(h.id);
        model.record(d, `${h.id}:deleted`, true);
      } else if (l.highlights.get(h.id)!.color !== COLORS[o.c]) {
        l.highlights.update(h.id, { color: COLORS[o.c] });
        model.record(d, `${h.id}:color`, COLORS[o.c]);
      }
    } else if (!live) {
      continue;
    } else if (o.k === 'delete') {
      l.delete(a);
      model.record(d, `${a}:deleted`, true);
    } else if (o.k === 'tag' || o.k === 'untag') {
      const name = TAGS[o.t]!;
      const had = l.summary(a)!.tags.some((t) => t.toLowerCase() === name.toLowerCase());
      if (o.k === 'tag' && !had) l.addTags(a, [name]);
      else if (o.k === 'untag' && had) l.removeTag(a, name);
      else continue;
      model.record(d, `${a}:tag:${name.toLowerCase()}`, o.k === 'tag');
    } else if (o.k === 'archive' || o.k === 'star') {
      const s = l.summary(a)!;
      if ((o.k === 'archive' ? s.archived : s.starred) === o.v) continue;
      if (o.k === 'archive') l.setArchived(a, o.v);
      else l.setStarred(a, o.v);
      model.record(d, `${a}:${o.k}`, o.v);
    } else if (o.k === 'progress') {
      if (l.summary(a)!.progress === o.p / 4) continue;
      l.setProgress(a, o.p / 4);
      model.record(d, `${a}:progress`, o.p / 4);
    } else if (o.k === 'note') {
      const text = `note ${o.n} by ${d}`;
      if (l.getNote(a) === text) continue;
      l.setNote(a, text);
      model.record(d, `${a}:note`, text);
    } else if (o.k === 'highlight') {
      const h = l.highlights.add(a, { quote: `quote ${highlights.length}` })!;
      highlights.push({ id: h.id, article: a });
      model.record(d, `${h.id}:created`, true);
    }
  }
  for (let pass = 0; pass < 2; pass++) {
    for (let d = 0; d < n; d++) {
      const report = await syncRound(lib(d), remote, clock(d));
      expect(report.rejected).toEqual([]);
      model.sync(d);
    }
  }
  const first = dump(lib(0));
  for (let d = 1; d < n; d++) expect(dump(lib(d))).toEqual(first);
  checkWinners(lib(0), model, articles, highlights);
}

function checkWinners(l: Library, model: Model, articles: string[], highlights: { id: string; article: string }[]): void {
  const won = model.candidates();
  const expectOneOf = (key: string, actual: unknown): void => {
    const values = won.get(key);
    if (values) expect(values, key).toContainEqual(actual);
  };
  for (const a of articles) {
    const s = l.summary(a);
    const deleted = won.has(`${a}:deleted`);
    if (!won.has(`${a}:created`)) continue;
    expect(s === null, `${a} deleted`).toBe(deleted);
    if (!s) continue;
    expectOneOf(`${a}:archive`, s.archived);
    expectOneOf(`${a}:star`, s.starred);
    expectOneOf(`${a}:progress`, s.progress);
    for (const t of TAGS) expectOneOf(`${a}:tag:${t.toLowerCase()}`, s.tags.some((x) => x.toLowerCase() === t.toLowerCase()));
    const note = l.getNote(a)!;
    const texts = won.get(`${a}:note`) as string[] | undefined;
    if (texts?.length === 1) expect(note).toBe(texts[0]);
    for (const text of texts ?? []) expect(note).toContain(text);
  }
  for (const h of highlights) {
    if (!won.has(`${h.id}:created`)) continue;
    const live = l.highlights.get(h.id);
    expect(live === null).toBe(won.has(`${h.id}:deleted`) || l.summary(h.article) === null);
    if (live) expectOneOf(`${h.id}:color`, live.color);
  }
}

describe('sync convergence (property)', () => {
  it(`every device ends with the same library, and no edit is lost unless a later one overrode it (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }),
        fc.array(op, { minLength: 5, maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.constantFrom(0, 0, -3, 2, 5), { minLength: 5, maxLength: 5 }),
        (n, ops, encrypted, skews) => run(n, ops, encrypted, skews),
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
