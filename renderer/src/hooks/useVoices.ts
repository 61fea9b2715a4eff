import { useEffect, useState } from 'react';
import { speechEngine } from '../lib/speech/speech-engine.ts';
import type { Voice } from '../lib/speech/voices.ts';

/** How long the system may take to list its voices before "none" is believed. */
const VOICES_GRACE_MS = 1500;

export interface VoicesState {
  /** False where there is no speech at all (no Web Speech API). */
  supported: boolean;
  voices: Voice[];
  /** The list is final: voices came, or the grace period passed without any. */
  settled: boolean;
}

/** The system's voices, which Chromium lists only after a while (and again when they change). */
export function useVoices(): VoicesState {
  const engine = speechEngine();
  const [voices, setVoices] = useState<Voice[]>(() => engine?.voices() ?? []);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    if (!engine) return;
    setVoices(engine.voices());
    const off = engine.onVoicesChanged(() => setVoices(engine.voices()));
    const timer = setTimeout(() => setWaited(true), VOICES_GRACE_MS);
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [engine]);
  return { supported: engine !== null, voices, settled: voices.length > 0 || waited };
}
