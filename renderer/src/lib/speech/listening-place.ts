// Where listening stopped in each article, kept on this computer: a text offset, so it holds
// across a reload and a restart. Only the latest articles are kept; the reading position
// (saved by the core) covers the rest.
const KEY = 'lectern.listeningPlaces';
const KEEP = 50;

function places(): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

export function listeningPlace(articleId: string): number | null {
  const offset = places()[articleId];
  return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : null;
}

export function rememberListeningPlace(articleId: string, offset: number | null): void {
  const all = places();
  delete all[articleId];
  if (offset !== null) all[articleId] = offset;
  // Insertion order is recency: the oldest go first.
  const kept = Object.entries(all).slice(-KEEP);
  localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
}
