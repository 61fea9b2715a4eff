// A MathML formula as one line of plain text, in the linear notation people type when they
// have no equation editor: a x^2 + 1, 1/(2^k + 1), √(b^2 − 4 a c), ∑_(n = 1)^∞ 1/n. Used for
// formulas that come without their TeX source (MathJax 3 keeps only MathML for screen readers),
// where the bare text of the tokens ("12k+1" for 1/(2^k+1)) would lose the structure.
// Juxtaposed symbols are kept apart by a space, so "a x" (a times x) never reads as one name
// "ax", and search finds each symbol as a word.

// Relations and binary operators read with a space either side; others (brackets, !) without.
const SPACED_OPERATORS = new Set('=≠≈≡≤≥<>≪≫∼≃≅∝→←↔⇒⇐⇔↦∈∉⊂⊃⊆⊇∪∩+−-±∓×÷⋅·∘∗∧∨'.split(''));
// …of which these can also be a sign: "−b", "= −1".
const SIGNS = new Set('+−-±∓'.split(''));
const PUNCTUATION = /^[.,;:!?]$/;
const INVISIBLE = /[\u2061-\u2064]/g;
// Accents over a single letter become combining marks (ẋ, x̄, v⃗); over more, they trail.
const ACCENTS = new Map(Object.entries({ '˙': '\u0307', '¨': '\u0308', '^': '\u0302', 'ˆ': '\u0302', '~': '\u0303', '˜': '\u0303', '¯': '\u0304', '‾': '\u0305', '→': '\u20D7', '⃗': '\u20D7' }));

type Piece = { text: string; kind: 'word' | 'number' | 'operator' | 'group' };

const childrenOf = (element: Element): Element[] => [...element.children];
const tagOf = (element: Element): string => element.localName.toLowerCase().replace(/^m:/, '');
const tokenText = (element: Element): string => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

// One letter (with primes or a one-character power), one number, or ∂x: needs no brackets.
const ATOM = /^(?:[\p{N}.]+|(?:[∂∇] ?)?\p{L}[′″]*(?:\^[\p{L}\p{N}])?)$/u;

/** Wraps `text` in brackets unless it is one atom or an already bracketed group. */
function grouped(text: string): string {
  if (ATOM.test(text) || text.length === 1) return text;
  if (/^\(.*\)$/.test(text) && balanced(text.slice(1, -1))) return text;
  return `(${text})`;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth++;
    else if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

const superscript = (base: string, power: string): string => (power ? `${base}^${grouped(power)}` : base);

/** Joins a row of pieces: binary operators and juxtaposed symbols spaced, brackets tight. */
function joinRow(pieces: Piece[]): string {
  let out = '';
  let previous: Piece | null = null;
  for (const piece of pieces) {
    if (piece.text === '') continue;
    const spacedOperator = piece.kind === 'operator' && SPACED_OPERATORS.has(piece.text);
    // A leading plus or minus, or one after another operator, is a sign.
    const unary = SIGNS.has(piece.text) && (previous === null || (previous.kind === 'operator' && previous.text !== ')'));
    if (piece.text === ',' || piece.text === ';') out += `${piece.text} `;
    else if (spacedOperator && !unary) out += ` ${piece.text} `;
    else if (previous && previous.kind !== 'operator' && piece.kind !== 'operator' && apart(previous, piece)) out += ` ${piece.text}`;
    else out += piece.text;
    previous = piece;
  }
  return out.replace(/\s+/g, ' ').trim();
}

// Juxtaposed symbols stand apart ("a x", "ln x", "4 π ρ"); punctuation and a closing bracket
// (even one carrying a power, ")^n") keep to their left.
const apart = (_previous: Piece, next: Piece): boolean => !PUNCTUATION.test(next.text) && !/^[)\]}]/.test(next.text);

function row(elements: Element[], depth: number): string {
  return joinRow(elements.map((element) => piece(element, depth)));
}

function piece(element: Element, depth: number): Piece {
  const tag = tagOf(element);
  if (tag === 'mi' || tag === 'mtext' || tag === 'ms') return { text: tokenText(element), kind: 'word' };
  if (tag === 'mn') return { text: tokenText(element), kind: 'number' };
  if (tag === 'mo') {
    const text = tokenText(element).replace(INVISIBLE, (char) => (char === '\u2061' ? ' ' : ''));
    return { text: text.trim() === '' ? text : text.trim(), kind: 'operator' };
  }
  const text = linearAt(element, depth + 1);
  // An <mrow> around a lone symbol (MathJax wraps "(", "|" and "/" so) is that symbol.
  return { text, kind: /^[^\p{L}\p{N}]{1,2}$/u.test(text) ? 'operator' : 'group' };
}

// Formulas nest a few levels deep; a hostile page can nest thousands (the stack) or wrap a
// megabyte in every level (the time). Past these, a formula is read as its bare tokens.
const MAX_DEPTH = 48;
const MAX_CHARS = 20_000;

/** The linear text of one MathML element (usually a whole <math>). */
export function linear(element: Element): string {
  const tokens = (): string => (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_CHARS);
  if ((element.textContent ?? '').length > MAX_CHARS) return tokens();
  try {
    return linearAt(element, 0);
  } catch (error) {
    if (error instanceof TooDeep) return tokens();
    throw error;
  }
}

class TooDeep extends Error {}

function linearAt(element: Element, depth: number): string {
  if (depth > MAX_DEPTH) throw new TooDeep();
  const tag = tagOf(element);
  const [first, second, third] = childrenOf(element);
  const part = (child: Element | undefined): string => (child ? linearAt(child, depth + 1) : '');
  const sub = (base: string, script: string): string => (script ? `${base}_${grouped(script)}` : base);
  switch (tag) {
    case 'mi': case 'mn': case 'mo': case 'mtext': case 'ms':
      return piece(element, depth).text.trim();
    case 'mspace': return ' ';
    case 'mphantom': case 'annotation': case 'annotation-xml': case 'none': case 'mprescripts': return '';
    case 'semantics': return part(first);
    case 'mfrac': return `${grouped(part(first))}/${grouped(part(second))}`;
    case 'msqrt': return `√${grouped(row(childrenOf(element), depth))}`;
    case 'mroot': return `√[${part(second)}]${grouped(part(first))}`;
    case 'msup': return superscript(part(first), part(second));
    case 'msub': case 'munder': return sub(part(first), part(second));
    case 'msubsup': case 'munderover': return superscript(sub(part(first), part(second)), part(third));
    case 'mover': {
      const [base, over] = [part(first), part(second)];
      const accent = ACCENTS.get(over);
      if (!accent) return superscript(base, over);
      return /^\p{L}$/u.test(base) ? `${base}${accent}`.normalize('NFC') : `${base}${over}`;
    }
    case 'mfenced': {
      const open = element.getAttribute('open') ?? '(';
      const close = element.getAttribute('close') ?? ')';
      return `${open}${childrenOf(element).map((child) => linearAt(child, depth + 1)).join(', ')}${close}`;
    }
    // Equation arrays: one row per equation, cells side by side.
    case 'mtable': return childrenOf(element).map((child) => linearAt(child, depth + 1)).filter(Boolean).join('; ');
    case 'mtr': case 'mlabeledtr': return childrenOf(element).map((child) => linearAt(child, depth + 1)).filter(Boolean).join(' ');
    default: return row(childrenOf(element), depth);
  }
}
