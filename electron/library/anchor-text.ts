// The text a highlight's offsets count in: every text node of the article's sanitised body, in
// document order — what the reader's DOM holds once the same HTML is shown (its textContent).
import { parseHTML } from 'linkedom';

export function anchorTextOf(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return document.body.textContent ?? '';
}
