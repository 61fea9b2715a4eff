// The system's speech, for a headless Chromium that has none: a speechSynthesis and a
// SpeechSynthesisUtterance put on window before any app script, behaving as Chromium's do
// (voices listed late with voiceschanged, an utterance ends with `end`, a cancelled one with
// an `interrupted` error). The app's own Web Speech adapter drives it unchanged. An utterance
// ends only when the test says, so every step is deterministic.
import type { Page } from '@playwright/test';

export interface TestVoice {
  voiceURI: string;
  name: string;
  lang: string;
  default?: boolean;
  localService?: boolean;
}

export interface SpokenUtterance {
  text: string;
  lang: string;
  rate: number;
  voice: string | null;
}

interface SpeechProbe {
  spoken: SpokenUtterance[];
  /** Is anything being spoken now (not ended, not cancelled). */
  speaking: () => boolean;
  finish: () => void;
  cancels: number;
}

export async function installSystemSpeech(page: Page, voices: TestVoice[]): Promise<void> {
  await page.addInitScript((voices: TestVoice[]) => {
    type Listener = ((event: Event) => void) | null;
    class Utterance extends EventTarget {
      text: string;
      lang = '';
      rate = 1;
      pitch = 1;
      volume = 1;
      voice: SpeechSynthesisVoice | null = null;
      onend: Listener = null;
      onerror: Listener = null;
      onstart: Listener = null;
      constructor(text = '') {
        super();
        this.text = text;
      }
    }
    const fire = (u: Utterance, type: 'end' | 'error', error?: string) => {
      const event = Object.assign(new Event(type), { error, utterance: u, charIndex: 0 });
      u.dispatchEvent(event);
      (type === 'end' ? u.onend : u.onerror)?.(event);
    };
    const listed = voices.map((v) => ({ default: false, localService: true, ...v }));
    let ready = false;
    const queue: Utterance[] = [];
    const probe = { spoken: [] as unknown[], cancels: 0, speaking: () => queue.length > 0, finish: () => undefined as void };
    class Synthesis extends EventTarget {
      onvoiceschanged: Listener = null;
      get speaking() {
        return queue.length > 0;
      }
      get pending() {
        return queue.length > 1;
      }
      paused = false;
      getVoices() {
        return ready ? listed : [];
      }
      speak(u: Utterance) {
        probe.spoken.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice?.voiceURI ?? null });
        queue.push(u);
      }
      cancel() {
        probe.cancels++;
        // Chromium reports each dropped utterance as interrupted, a task later.
        const dropped = queue.splice(0);
        setTimeout(() => dropped.forEach((u) => fire(u, 'error', 'interrupted')));
      }
      pause() {
        this.paused = true;
      }
      resume() {
        this.paused = false;
      }
    }
    const synthesis = new Synthesis();
    probe.finish = () => {
      const u = queue.shift();
      if (u) fire(u, 'end');
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true, writable: true });
    Object.defineProperty(window, '__speech', { value: probe });
    // Voices come late, as in Chromium.
    setTimeout(() => {
      ready = true;
      const event = new Event('voiceschanged');
      synthesis.dispatchEvent(event);
      synthesis.onvoiceschanged?.(event);
    }, 50);
  }, voices);
}

export async function spoken(page: Page): Promise<SpokenUtterance[]> {
  return page.evaluate(() => (window as unknown as { __speech: SpeechProbe }).__speech.spoken);
}

/** What is being said now, or null. */
export async function saying(page: Page): Promise<SpokenUtterance | null> {
  return page.evaluate(() => {
    const speech = (window as unknown as { __speech: SpeechProbe }).__speech;
    return speech.speaking() ? (speech.spoken.at(-1) ?? null) : null;
  });
}

/** The utterance being spoken ends. */
export async function finishUtterance(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __speech: SpeechProbe }).__speech.finish());
}
