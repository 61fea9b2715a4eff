// The small window shown while an older library is upgraded before the app opens it (a new
// full-text index takes about a minute at 100,000 articles). main.ts shows it while
// library/background/ does the work on a worker thread; the progress is told through the
// window's title and the taskbar or dock's progress bar, so the page itself runs no script.
import { NO_PRELOAD_PREFERENCES } from '../app/window-policy.ts';
import type { OpenProgress } from '../library/library.ts';

export const UPGRADE_WINDOW_TITLE = 'Lectern: upgrading your library';

/** BrowserWindow options: no preload (the page needs no API), the same locks as every window. */
export const UPGRADE_WINDOW_OPTIONS = {
  width: 460,
  height: 220,
  resizable: false,
  minimizable: true,
  maximizable: false,
  fullscreenable: false,
  title: UPGRADE_WINDOW_TITLE,
  webPreferences: { ...NO_PRELOAD_PREFERENCES },
} as const;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${UPGRADE_WINDOW_TITLE}</title>
<style>
  :root { color-scheme: light dark; font: 15px/1.45 system-ui, sans-serif; }
  body { margin: 28px 32px; }
  h1 { font-size: 17px; margin: 0 0 10px; }
  p { margin: 0 0 18px; opacity: 0.8; }
  .bar { height: 6px; border-radius: 3px; background: color-mix(in srgb, currentColor 15%, transparent); overflow: hidden; }
  .bar::after { content: ''; display: block; width: 30%; height: 100%; border-radius: 3px; background: #2f6fdb; animation: slide 1.6s ease-in-out infinite; }
  @keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(340%); } }
  @media (prefers-reduced-motion: reduce) { .bar::after { animation: none; width: 100%; opacity: 0.5; } }
</style></head>
<body>
  <h1>Upgrading your library for this version of Lectern</h1>
  <p>This happens once. Your articles are backed up first, and a large library can take a minute or two.</p>
  <div class="bar" role="progressbar" aria-label="Upgrading"></div>
</body></html>`;

/** The window's page, as a data: URL: static text and a CSS bar, no script. */
export const UPGRADE_PAGE_URL = `data:text/html;charset=utf-8,${encodeURIComponent(PAGE)}`;

// Where each phase sits on one bar: the check and the backup each read the whole file once.
const CHECKED = 0.1;
const BACKED_UP = 0.25;

/** What the window's title and the progress bar say for one progress report. */
export function describeUpgrade(progress: OpenProgress): { title: string; fraction: number } {
  switch (progress.phase) {
    case 'checking':
      return { title: `${UPGRADE_WINDOW_TITLE}: checking it`, fraction: 0 };
    case 'backing-up':
      return { title: `${UPGRADE_WINDOW_TITLE}: backing it up`, fraction: CHECKED };
    case 'migrating': {
      const done = (progress.step - 1 + progress.fraction) / progress.steps;
      const fraction = BACKED_UP + (1 - BACKED_UP) * done;
      return { title: `${UPGRADE_WINDOW_TITLE}: ${Math.floor(fraction * 100)}%`, fraction };
    }
  }
}
