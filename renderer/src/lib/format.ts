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
