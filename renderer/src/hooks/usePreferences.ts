import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReaderPreferences } from '../../../electron/ipc/api.ts';
import { call, subscribe } from '../lib/bridge.ts';
import { applyTheme, clampFontSize, DEFAULT_PREFERENCES } from '../lib/readerLook.ts';

export interface PreferencesState {
  preferences: ReaderPreferences;
  update: (patch: Partial<ReaderPreferences>) => void;
  /** Steps the text size by `delta` pixels, within the offered range. */
  resize: (delta: number) => void;
}

/** Reader preferences live in the core; a change made in any window arrives as an event. */
export function usePreferences(): PreferencesState {
  const [preferences, setPreferences] = useState(DEFAULT_PREFERENCES);

  useEffect(() => {
    let current = true;
    call('getPreferences')
      .then((stored) => current && setPreferences(stored))
      .catch(() => undefined);
    const off = subscribe('preferencesChanged', setPreferences);
    return () => {
      current = false;
      off();
    };
  }, []);

  useEffect(() => applyTheme(preferences.theme), [preferences.theme]);

  const update = useCallback((patch: Partial<ReaderPreferences>) => {
    // Shown at once; the core's answer (the whole validated set) then settles it.
    setPreferences((prev) => ({ ...prev, ...patch }));
    call('setPreferences', patch)
      .then(setPreferences)
      .catch(() => call('getPreferences').then(setPreferences, () => undefined));
  }, []);

  const latest = useRef(preferences);
  latest.current = preferences;
  const resize = useCallback(
    (delta: number) => {
      const fontSize = clampFontSize(latest.current.fontSize + delta);
      if (fontSize !== latest.current.fontSize) update({ fontSize });
    },
    [update],
  );

  return { preferences, update, resize };
}
