// The window's remembered size and place: kept when still on a screen, dropped (centred) when
// its screen is gone, shrunk to the largest screen, and defaults for anything stored badly.
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, restoreWindowState, windowStateToStore } from '../../../electron/desktop/window-state.ts';

const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('restoreWindowState', () => {
  it('keeps a stored window that is on a screen, after a round trip through the store', () => {
    const stored = windowStateToStore({ x: 1600.4, y: 120, width: 1300, height: 900 }, true);
    expect(restoreWindowState(JSON.parse(JSON.stringify(stored)), [LAPTOP, MONITOR])).toEqual({ x: 1600, y: 120, width: 1300, height: 900, maximized: true });
  });

  it('drops the place of a window whose screen is gone, so it opens centred', () => {
    const onMonitor = { x: 1600, y: 120, width: 1300, height: 900, maximized: false };
    expect(restoreWindowState(onMonitor, [LAPTOP])).toEqual({ width: 1300, height: 875, maximized: false });
  });

  it('keeps a window that is partly on screen, as long as its title bar can be grabbed', () => {
    expect(restoreWindowState({ x: 1300, y: 10, width: 800, height: 600, maximized: false }, [LAPTOP])).toMatchObject({ x: 1300, y: 10 });
    expect(restoreWindowState({ x: 1400, y: 10, width: 800, height: 600, maximized: false }, [LAPTOP])).not.toHaveProperty('x');
    expect(restoreWindowState({ x: 100, y: -590, width: 800, height: 600, maximized: false }, [LAPTOP])).not.toHaveProperty('y');
  });

  it('fits a window larger than any screen', () => {
    expect(restoreWindowState({ width: 3000, height: 2000, maximized: false }, [LAPTOP])).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('falls back to the default for a bad stored value, and keeps it when there are no screens', () => {
    for (const bad of [undefined, null, 'big', { width: 'wide' }, { width: 100, height: 100, maximized: false }, { __proto__: { width: 900 } }]) {
      expect(restoreWindowState(bad, [LAPTOP])).toEqual(DEFAULT_WINDOW);
    }
    expect(restoreWindowState({ x: 5000, y: 5000, width: 900, height: 700, maximized: false }, [])).toMatchObject({ x: 5000, y: 5000 });
  });
});
