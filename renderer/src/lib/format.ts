// Small display helpers, kept pure so they read the same everywhere.

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' });

export function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : dateFormat.format(date);
}

export function formatReadingTime(minutes: number): string {
  return `${Math.max(1, Math.round(minutes))} min read`;
}

/** Time still to read, once the reader is under way and not yet at the end. */
export function formatTimeLeft(minutes: number, progress: number): string | null {
  if (progress <= 0.02 || progress >= 0.98) return null;
  return `${Math.max(1, Math.ceil(minutes * (1 - progress)))} min left`;
}

/** The site to show for an article: its declared name, or the host of its URL. */
export function siteLabel(siteName: string | null, url: string): string {
  if (siteName) return siteName;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** Lead images are shown only from the app's own asset store. */
export function localImage(src: string | null): string | null {
  return src && src.startsWith('/assets/') ? src : null;
}

/** Lets people paste "example.com/post" without typing the scheme. */
export function normaliseInputUrl(input: string): string {
  const trimmed = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
  return /^[^\s/]+\.[^\s/]+/.test(trimmed) ? `https://${trimmed}` : trimmed;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** When something will happen: "at 14:05" today, "on 3 Dec, 09:00" another day. */
export function formatWhen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'later';
  if (date.getTime() <= now.getTime()) return 'soon';
  return date.toDateString() === now.toDateString() ? `at ${timeFormat.format(date)}` : `on ${dayTimeFormat.format(date)}`;
}

/** A count with its noun, e.g. "1 article", "2,300 articles". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
