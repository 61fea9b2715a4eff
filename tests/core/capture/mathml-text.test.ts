import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { linear } from '../../../electron/capture/extraction/math/mathml-text.ts';

const mathOf = (markup: string): Element => {
  const { document } = parseHTML(`<!doctype html><html><body><math xmlns="http://www.w3.org/1998/Math/MathML">${markup}</math></body></html>`);
  const math = document.querySelector('math');
  if (!math) throw new Error('no <math> parsed');
  return math;
};
const text = (markup: string): string => linear(mathOf(markup));

describe('MathML as linear text', () => {
  it('brackets a fraction part that is more than one symbol', () => {
    expect(text('<mfrac><mn>1</mn><mi>n</mi></mfrac>')).toBe('1/n');
    expect(text('<mfrac><mn>1</mn><mrow><msup><mn>2</mn><mi>k</mi></msup><mo>+</mo><mn>1</mn></mrow></mfrac>')).toBe('1/(2^k + 1)');
  });

  it('writes the quadratic formula so it can be read back unambiguously', () => {
    const formula = '<mi>x</mi><mo>=</mo><mfrac><mrow><mo>−</mo><mi>b</mi><mo>±</mo><msqrt><msup><mi>b</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mi>a</mi><mi>c</mi></msqrt></mrow><mrow><mn>2</mn><mi>a</mi></mrow></mfrac>';
    expect(text(formula)).toBe('x = (−b ± √(b^2 − 4 a c))/(2 a)');
  });

  it('keeps juxtaposed symbols apart and a function name from its argument', () => {
    expect(text('<mi>a</mi><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mi>b</mi><mi>x</mi>')).toBe('a x^2 + b x');
    expect(text('<mi>ln</mi><mo>&#x2061;</mo><mi>N</mi>')).toBe('ln N');
  });

  it('reads limits of a large operator as sub- and superscripts', () => {
    expect(text('<munderover><mo>∑</mo><mrow><mi>n</mi><mo>=</mo><mn>1</mn></mrow><mi>∞</mi></munderover><mfrac><mn>1</mn><mi>n</mi></mfrac>')).toBe('∑_(n = 1)^∞ 1/n');
  });

  it('puts an accent on a single letter as a combining mark', () => {
    expect(text('<mover><mi>x</mi><mo>˙</mo></mover><mo>=</mo><mi>σ</mi>')).toBe('ẋ = σ');
  });

  it('writes an equation array one row after another', () => {
    expect(text('<mtable><mtr><mtd><mi>x</mi></mtd><mtd><mo>=</mo><mn>1</mn></mtd></mtr><mtr><mtd><mi>y</mi></mtd><mtd><mo>=</mo><mn>2</mn></mtd></mtr></mtable>')).toBe('x = 1; y = 2');
  });

  it('reads only the presentation of <semantics>, not its annotations', () => {
    expect(text('<semantics><mrow><mi>z</mi></mrow><annotation encoding="application/x-tex">z</annotation></semantics>')).toBe('z');
  });

  it('reads a hostile nesting of thousands of levels as its bare tokens, without overflowing the stack', () => {
    const deep = `${'<mrow>'.repeat(5000)}<mi>x</mi><mo>+</mo><mn>1</mn>${'</mrow>'.repeat(5000)}`;
    expect(text(deep)).toBe('x+1');
  });

  it('caps a formula stuffed with text', () => {
    const stuffed = `<msqrt><mtext>${'word '.repeat(10_000)}</mtext></msqrt>`;
    expect(text(stuffed).length).toBeLessThanOrEqual(20_000);
  });

  it('takes no accent from Object’s prototype, and writes no empty subscript', () => {
    expect(text('<mover><mi>x</mi><mo>constructor</mo></mover>')).toBe('x^(constructor)');
    expect(text('<msub><mi>y</mi><mrow></mrow></msub>')).toBe('y');
  });
});

describe('extractArticle with hostile nesting', () => {
  it('saves the article when a formula, or any markup, nests deeper than the stack would allow', async () => {
    const { extractArticle } = await import('../../../electron/capture/extraction/extract-article.ts');
    const prose = Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i} of a page about sums, long enough to read as the article itself.</p>`).join('');
    const math = `<math>${'<mrow>'.repeat(4000)}<mi>n</mi>${'</mrow>'.repeat(4000)}</math>`;
    const { text: body } = extractArticle(`<!doctype html><html><head><title>Sums</title></head><body><article>${prose}<p>The answer is ${math} exactly.</p></article></body></html>`, 'https://maths.example/sums');
    expect(body).toContain('The answer is n exactly.');
    const divs = `${'<div>'.repeat(10_000)}Deep down there is still a sentence.${'</div>'.repeat(10_000)}`;
    const { text: deep } = extractArticle(`<!doctype html><html><head><title>Sums</title></head><body><article>${prose}${divs}</article></body></html>`, 'https://maths.example/deep');
    expect(deep).toContain('Paragraph 4 of a page about sums');
  });
});
