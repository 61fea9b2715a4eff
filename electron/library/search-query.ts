// The search box language, Gmail/Pocket style:
//   words  "exact phrase"  prefix*  -exclude  a OR b  tag:name  tag:"two words"  site:example.com
//   is:starred|unread|archived|read  before:YYYY-MM-DD  after:YYYY-MM-DD   (filters negate with -)
//   in:highlights (highlights and their notes only)
// Anything malformed is read as plain words: this parser never throws. The compiled FTS5
// expression quotes every term, so no user text is ever interpreted as FTS5 syntax.

export interface TextTerm {
  kind: 'word' | 'phrase';
  text: string;
  prefix: boolean;
}

export type StateFilter = 'starred' | 'unread' | 'archived' | 'read';

export interface ParsedQuery {
  /** AND of OR-groups: [[a], [b, c]] means a AND (b OR c). */
  groups: TextTerm[][];
  excluded: TextTerm[];
  tags: string[];
  notTags: string[];
  sites: string[];
  notSites: string[];
  is: Partial<Record<StateFilter, boolean>>;
  /** YYYY-MM-DD bounds on the saved date: after is inclusive, before exclusive. */
  after: string | null;
  before: string | null;
  /** in:highlights — search highlights and their notes only. */
  inHighlights: boolean;
}

interface RawToken {
  text: string;
  negated: boolean;
  quoted: boolean;
}

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATES: readonly string[] = ['starred', 'unread', 'archived', 'read'];
const MAX_QUERY_CHARS = 1000;
const MAX_TERMS = 32;

/** Splits into tokens; quotes group words, an unbalanced quote runs to the end. */
function tokenize(input: string): RawToken[] {
  const tokens: RawToken[] = [];
  const s = input.slice(0, MAX_QUERY_CHARS);
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    let negated = false;
    if (s[i] === '-' && i + 1 < s.length && !/\s/.test(s[i + 1]!)) {
      negated = true;
      i++;
    }
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      const stop = end === -1 ? s.length : end;
      tokens.push({ text: s.slice(i + 1, stop), negated, quoted: true });
      i = stop + 1;
      continue;
    }
    // key:"quoted value" keeps its spaces.
    const keyQuote = /^(\w+):"/.exec(s.slice(i));
    if (keyQuote) {
      const start = i + keyQuote[0].length;
      const end = s.indexOf('"', start);
      const stop = end === -1 ? s.length : end;
      tokens.push({ text: `${keyQuote[1]}:${s.slice(start, stop)}`, negated, quoted: false });
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!)) j++;
    tokens.push({ text: s.slice(i, j), negated, quoted: false });
    i = j;
  }
  return tokens;
}

function validDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

function normaliseSite(value: string): string | null {
  const host = value.toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '');
  return /^[\p{L}\p{N}.-]+$/u.test(host) && HAS_WORD_CHAR.test(host) ? host : null;
}

/** Applies key:value; false means "not a filter", and the token is read as words. */
function applyFilter(q: ParsedQuery, key: string, value: string, negated: boolean): boolean {
  const v = value.trim();
  if (!v) return false;
  switch (key.toLowerCase()) {
    case 'tag':
      (negated ? q.notTags : q.tags).push(v);
      return true;
    case 'site': {
      const host = normaliseSite(v);
      if (!host) return false;
      (negated ? q.notSites : q.sites).push(host);
      return true;
    }
    case 'is':
      if (!STATES.includes(v.toLowerCase())) return false;
      q.is[v.toLowerCase() as StateFilter] = !negated;
      return true;
    case 'in':
      if (negated || v.toLowerCase() !== 'highlights') return false;
      q.inHighlights = true;
      return true;
    case 'before':
    case 'after':
      if (negated || !validDate(v)) return false;
      q[key.toLowerCase() as 'before' | 'after'] = v;
      return true;
    default:
      return false;
  }
}

function toTerm(token: RawToken): TextTerm | null {
  if (token.quoted) {
    const text = token.text.trim().replace(/\s+/g, ' ');
    return HAS_WORD_CHAR.test(text) ? { kind: 'phrase', text, prefix: false } : null;
  }
  const prefix = /[\p{L}\p{N}]\*+$/u.test(token.text);
  const text = prefix ? token.text.replace(/\*+$/, '') : token.text;
  return HAS_WORD_CHAR.test(text) ? { kind: 'word', text, prefix } : null;
}

export function parseSearchQuery(input: string): ParsedQuery {
  const q: ParsedQuery = {
    groups: [], excluded: [], tags: [], notTags: [], sites: [], notSites: [], is: {}, after: null, before: null, inHighlights: false,
  };
  let joinNext = false; // the previous token was OR
  let terms = 0;
  for (const token of tokenize(input)) {
    if (!token.quoted && !token.negated && (token.text === 'OR' || token.text === '|')) {
      joinNext = q.groups.length > 0;
      continue;
    }
    if (!token.quoted && !token.negated && token.text === 'AND') continue;
    const filter = !token.quoted ? /^(\w+):(.+)$/s.exec(token.text) : null;
    if (filter && applyFilter(q, filter[1]!, filter[2]!, token.negated)) {
      joinNext = false;
      continue;
    }
    const term = toTerm(token);
    if (!term || terms >= MAX_TERMS) continue;
    terms++;
    if (token.negated) {
      q.excluded.push(term);
      joinNext = false;
    } else if (joinNext) {
      q.groups.at(-1)!.push(term);
      joinNext = false;
    } else {
      q.groups.push([term]);
    }
  }
  return q;
}

export function hasTextTerms(q: ParsedQuery): boolean {
  return q.groups.length > 0;
}
