// The upgrade window's plain parts: its isolation, and what its title and bar say.
import { describe, expect, it } from 'vitest';
import { describeUpgrade, UPGRADE_PAGE_URL, UPGRADE_WINDOW_OPTIONS } from '../../../electron/desktop/upgrade-window.ts';

describe('upgrade window', () => {
  it('is sandboxed and isolated, with no preload, no Node, and a page that allows no script', () => {
    const prefs: Record<string, unknown> = UPGRADE_WINDOW_OPTIONS.webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    expect(prefs.preload).toBeUndefined();
    const page = decodeURIComponent(UPGRADE_PAGE_URL.replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(page).not.toMatch(/<script/i);
  });

  it('moves its bar forward through the check, the backup and each step, to 100%', () => {
    const steps = [
      describeUpgrade({ phase: 'checking' }),
      describeUpgrade({ phase: 'backing-up' }),
      ...[1, 2].flatMap((step) => [0, 0.5, 1].map((fraction) => describeUpgrade({ phase: 'migrating', version: 10 + step, description: 'x', step, steps: 2, fraction }))),
    ];
    const fractions = steps.map((s) => s.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(new Set(fractions).size).toBe(fractions.length - 1); // step 1's end is step 2's start
    expect(steps.at(-1)).toEqual({ title: 'Lectern: upgrading your library: 100%', fraction: 1 });
    expect(steps[1]!.title).toMatch(/backing it up$/);
  });
});
