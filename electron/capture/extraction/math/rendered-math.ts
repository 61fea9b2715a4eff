import type { ElementIndex } from '../dom-walk.ts';

// Pages that typeset maths in the browser (MathJax 2 and 3, KaTeX) ship each formula twice: a
// visual rendering (hundreds of glyph spans, or SVG, with no text a reader can use) and the
// formula itself, as MathML for screen readers or as TeX in a script. Readability drops the
// rendering's wrapper whole (MathJax 3's `CtxtMenu_Attached` class reads as a "menu"), formula
// and all, so the sentence "there are two solutions to … and they are …" loses its maths.
// Before extraction each rendering is replaced by its formula, as a <math> element; the
// clean-up after Readability turns <math> into text (TeX where the page gives it).

const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
const TEX_SCRIPT = /^math\/tex\b/i;

/** A <math> carrying `tex` as its TeX annotation, as MathJax 2 pages would have rendered it. */
function mathFromTex(document: Document, tex: string, display: boolean): Element {
  const math = document.createElement('math');
  math.setAttribute('xmlns', MATHML_NS);
  if (display) math.setAttribute('display', 'block');
  const semantics = document.createElement('semantics');
  const annotation = document.createElement('annotation');
  annotation.setAttribute('encoding', 'application/x-tex');
  annotation.textContent = tex;
  semantics.appendChild(annotation);
  math.appendChild(semantics);
  return math;
}

const hasClass = (element: Element | null, pattern: RegExp): boolean => pattern.test(element?.getAttribute('class') ?? '');

/** MathJax 3: <mjx-container> holds the rendering and, for assistive tech, the MathML. */
function unrenderMathJax3(container: Element): void {
  const math = container.querySelector('mjx-assistive-mml math');
  if (!math) return;
  if (container.getAttribute('display') === 'true') math.setAttribute('display', 'block');
  container.replaceWith(math);
}

/**
 * MathJax 2 keeps the TeX in `<script type="math/tex">` (`; mode=display` for display maths),
 * after a preview span and the rendered frame (`id="<script id>-Frame"`, inside a
 * `MathJax_Display` div for display maths).
 */
function unrenderMathJax2(script: Element, document: Document, frames: ReadonlyMap<string, Element>): void {
  const type = script.getAttribute('type') ?? '';
  const tex = (script.textContent ?? '').trim();
  if (!tex) return;
  const id = script.getAttribute('id');
  let frame = (id && frames.get(`${id}-Frame`)) || null;
  while (frame && hasClass(frame.parentElement, /\bMathJax\w*_Display\b/)) frame = frame.parentElement;
  frame?.remove();
  const previous = script.previousElementSibling;
  if (hasClass(previous, /\bMathJax_Preview\b/)) previous?.remove();
  script.replaceWith(mathFromTex(document, tex, /mode\s*=\s*display/i.test(type)));
}

/** KaTeX: `.katex` holds `.katex-mathml` (MathML with a TeX annotation) and `.katex-html`. */
function unrenderKatex(katex: Element): void {
  const math = katex.querySelector('.katex-mathml math');
  if (!math) return;
  const display = hasClass(katex.parentElement, /\bkatex-display\b/);
  if (display) math.setAttribute('display', 'block');
  (display ? katex.parentElement ?? katex : katex).replaceWith(math);
}

export function unrenderMath(document: Document, index: ElementIndex): void {
  for (const container of index.byTag.get('MJX-CONTAINER') ?? []) unrenderMathJax3(container);
  const scripts = (index.byTag.get('SCRIPT') ?? []).filter((script) => TEX_SCRIPT.test(script.getAttribute('type') ?? ''));
  if (scripts.length > 0) {
    // One pass for the frames: getElementById walks the whole page each time in linkedom.
    const frames = new Map<string, Element>();
    for (const element of index.all) {
      const id = element.hasAttributes() ? element.getAttribute('id') : null;
      if (id?.endsWith('-Frame')) frames.set(id, element);
    }
    for (const script of scripts) unrenderMathJax2(script, document, frames);
  }
  for (const span of index.byTag.get('SPAN') ?? []) if (hasClass(span, /(?:^|\s)katex(?:\s|$)/)) unrenderKatex(span);
}
