import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReaderPreferences } from '../../../electron/ipc/api.ts';
import { call, subscribe } from '../lib/bridge.ts';
import { applyTheme, clampFontSize, DEFAULT_PREFERENCES, rememberTheme } from '../lib/readerLook.ts';

export interface PreferencesState {
  preferences: ReaderPreferences;
  update: (patch: Partial<ReaderPreferences>) => void;
  /** Steps the text size by `delta` pixels, within the offered range. */
  resize: (delta: number) => void;
}

/** Reader preferences live in the core; a change made in any window arrives as an event. */
export function usePreferences(): PreferencesState {
  const [preferences, setPreferences] = useState(DEFAULT_PREFERENCES);
  // Until the core answers, the theme on <html> is the cached one (main.tsx); keep it.
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let current = true;
    call('getPreferences')
      .then((stored) => {
        if (!current) return;
        setPreferences(stored);
        setLoaded(true);
      })
      .catch(() => undefined);
    const off = subscribe('preferencesChanged', (next) => {
      setPreferences(next);
      setLoaded(true);
    });
    return () => {
      current = false;
      off();
    };
  }, []);

  useEffect(() => {
    if (!loaded) return;
    applyTheme(preferences.theme);
    rememberTheme(preferences.theme);
  }, [loaded, preferences.theme]);

  const update = useCallback((patch: Partial<ReaderPreferences>) => {
    // Shown at once; the core's answer (the whole validated set) then settles it.
    setPreferences((prev) => ({ ...prev, ...patch }));
    setLoaded(true);
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
