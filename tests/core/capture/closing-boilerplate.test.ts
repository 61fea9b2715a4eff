import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { removeClosingBoilerplate } from '../../../electron/capture/extraction/cleanup/closing-boilerplate.ts';

const PROSE = Array.from({ length: 3 }, (_, i) => `<p>Paragraph ${i + 1} of the release tells the news at a length that reads as real prose to any reader of it, and then some more.</p>`).join('');

const cleaned = (markup: string): string => {
  const { document } = parseHTML(`<!doctype html><html><body><article>${markup}</article></body></html>`);
  const article = document.querySelector('article');
  if (!article) throw new Error('no <article>');
  removeClosingBoilerplate(article);
  return article.textContent ?? '';
};

describe('removeClosingBoilerplate in German, French and Spanish', () => {
  it.each([
    '<p><strong>Kontakt:</strong><br>Pressestelle, Telefon 030 123456, presse@verband.example</p>',
    '<h3>Pressekontakt</h3><p>Anna Beispiel, Telefon 030 123456</p>',
    '<h3>Contact presse</h3><p>Marie Exemple, 01 23 45 67 89</p>',
    '<h3>Contacto de prensa</h3><p>Ana Ejemplo, 91 123 45 67</p>',
  ])('removes a short contact block after the story: %s', (block) => {
    const text = cleaned(`${PROSE}${block}`);
    expect(text).toContain('Paragraph 3');
    expect(text).not.toMatch(/Telefon|01 23|91 123|presse@/);
  });

  it('keeps a real section headed "Kontakt" that goes on in prose', () => {
    const section = Array.from({ length: 4 }, (_, i) => `<p>Section paragraph ${i + 1} explains at length how the two agencies kept in touch during the years of the inquiry, and why.</p>`).join('');
    expect(cleaned(`${PROSE}<h2>Kontakt</h2>${section}`)).toContain('Section paragraph 4');
  });

  it('keeps a paragraph that opens with a bold "Kontakt" as a word of its sentence', () => {
    const text = cleaned(`${PROSE}<p><strong>Kontakt</strong> zu den Behörden hatte er nie, sagt seine Schwester.</p>`);
    expect(text).toContain('zu den Behörden hatte er nie');
  });
});
