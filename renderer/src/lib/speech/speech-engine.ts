// The boundary between listening and the system's speech: the Web Speech API, which Electron's
// Chromium routes to SAPI on Windows, AVSpeechSynthesizer on macOS and speech-dispatcher on
// Linux. Everything above this file sees only SpeechEngine; a test page that puts its own
// speechSynthesis on window is driven through this same code.
import type { Voice } from './voices.ts';

export interface Utterance {
  text: string;
  lang: string;
  voiceId: string | null;
  rate: number;
}

export interface UtteranceEvents {
  onEnd: () => void;
  onError: (message: string) => void;
}

export interface SpeechEngine {
  voices(): Voice[];
  /** Systems load their voices late (Chromium always does): told when the list changes. */
  onVoicesChanged(listener: () => void): () => void;
  /** Speaks after whatever was queued; cancel() first to speak now. */
  speak(utterance: Utterance, events: UtteranceEvents): void;
  /** Stops speaking and drops the queue; a cancelled utterance reports neither end nor error. */
  cancel(): void;
}

/** Errors that only say we stopped it ourselves. */
const OURS = new Set(['interrupted', 'canceled']);

function toVoice(v: SpeechSynthesisVoice): Voice {
  return { id: v.voiceURI, name: v.name, lang: v.lang, isDefault: v.default, local: v.localService };
}

function webSpeechEngine(synth: SpeechSynthesis): SpeechEngine {
  // Chromium can collect an utterance that nothing references before it ends, and then its
  // end event never comes: the one being spoken is held here until it is done.
  let speaking: SpeechSynthesisUtterance | null = null;
  let generation = 0;
  return {
    voices: () => synth.getVoices().map(toVoice),
    onVoicesChanged(listener) {
      synth.addEventListener('voiceschanged', listener);
      return () => synth.removeEventListener('voiceschanged', listener);
    },
    speak({ text, lang, voiceId, rate }, events) {
      const mine = generation;
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      utterance.rate = rate;
      utterance.voice = synth.getVoices().find((v) => v.voiceURI === voiceId) ?? null;
      utterance.onend = () => {
        if (speaking === utterance) speaking = null;
        if (mine === generation) events.onEnd();
      };
      utterance.onerror = (event) => {
        if (speaking === utterance) speaking = null;
        if (mine === generation && !OURS.has(event.error)) events.onError(event.error);
      };
      speaking = utterance;
      synth.speak(utterance);
    },
    cancel() {
      generation++;
      speaking = null;
      synth.cancel();
    },
  };
}

let engine: SpeechEngine | null | undefined;

/** The window's speech engine, or null where there is no Web Speech API. */
export function speechEngine(): SpeechEngine | null {
  if (engine === undefined) {
    const synth = typeof window === 'undefined' ? undefined : window.speechSynthesis;
    engine = synth && typeof SpeechSynthesisUtterance === 'function' ? webSpeechEngine(synth) : null;
  }
  return engine;
}
