import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Article, ReaderPreferences } from '../../../electron/ipc/api.ts';
import { buildTextIndex, offsetsToRange } from '../lib/highlights/text-index.ts';
import { Narrator, type NarratorState } from '../lib/speech/narrator.ts';
import { speechEngine } from '../lib/speech/speech-engine.ts';
import type { Span } from '../lib/speech/sentences.ts';
import { listeningPlace, rememberListeningPlace } from '../lib/speech/listening-place.ts';
import { buildScript, offsetOfPosition, positionAtOffset, speechBlocks, type Paragraph, type Position } from '../lib/speech/speech-script.ts';
import { clearSpeaking, onScreen, showSpeaking, visibleTop } from '../lib/speech/speaking-mark.ts';
import { languageName, pickVoice, speechLanguage, type Voice } from '../lib/speech/voices.ts';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.ts';
import { useVoices } from './useVoices.ts';

const IDLE: NarratorState = { status: 'idle', position: null, error: null };

export interface ListeningState {
  state: NarratorState;
  paragraphs: number;
  voice: Voice | null;
  /** Why listening cannot start here, in words for the reader; null when it can. */
  unavailable: string | null;
  toggle: () => void;
  previous: () => void;
  next: () => void;
}

/** Where reading stopped: the first sentence whose top is on screen, below the header. */
function positionOnScreen(body: HTMLElement, script: readonly Paragraph[]): Position {
  const index = buildTextIndex(body);
  const top = visibleTop();
  const below = (span: Span) => (offsetsToRange(index, span)?.getBoundingClientRect().top ?? -1) >= top;
  const paragraph = script.findIndex(below);
  if (paragraph === -1) return { paragraph: 0, sentence: 0 };
  return { paragraph, sentence: Math.max(0, script[paragraph]!.sentences.findIndex(below)) };
}

/** Listening to the article shown: its narrator, voice, and what the controls need. */
export function useListening(article: Article, preferences: ReaderPreferences, bodyRef: RefObject<HTMLElement | null>, html: string | null): ListeningState {
  const engine = speechEngine();
  const { supported, voices, settled } = useVoices();
  const lang = speechLanguage(article.lang, navigator.language);
  const voice = useMemo(() => pickVoice(voices, lang, preferences.speechVoice), [voices, lang, preferences.speechVoice]);
  const voicing = useMemo(() => ({ lang, voiceId: voice?.id ?? null, rate: preferences.speechRate }), [lang, voice, preferences.speechRate]);
  const [state, setState] = useState<NarratorState>(IDLE);
  const narrator = useRef<{ narrator: Narrator; script: Paragraph[] } | null>(null);

  // Another article, or this one's text changed (a re-fetch): silence, and start over.
  useEffect(() => {
    setState(IDLE);
    return () => {
      narrator.current?.narrator.stop();
      narrator.current = null;
      clearSpeaking();
    };
  }, [article.id, html, bodyRef]);

  useEffect(() => {
    narrator.current?.narrator.revoice(voicing);
  }, [voicing]);

  // The sentence being read is shown and kept in view; so reading picks up where listening got.
  useEffect(() => {
    const body = bodyRef.current;
    const script = narrator.current?.script;
    if (!body || !script) return;
    const { position } = state;
    // Remembered as it goes, so a reload (or a restart) picks up at this sentence.
    if (position) rememberListeningPlace(article.id, offsetOfPosition(script, position));
    else if (state.status === 'ended') rememberListeningPlace(article.id, null);
    const span = position && state.status !== 'ended' ? (script[position.paragraph]?.sentences[position.sentence] ?? null) : null;
    showSpeaking(body, span);
    if (!span) return;
    // A highlight made meanwhile splits the text nodes under the sentence's range: show it again.
    const observer = new MutationObserver(() => showSpeaking(body, span, false));
    observer.observe(body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [state, bodyRef, article.id]);

  const voicingRef = useRef(voicing);
  voicingRef.current = voicing;
  const ready = useCallback((): { narrator: Narrator; script: Paragraph[] } | null => {
    const body = bodyRef.current;
    if (!engine || !body) return null;
    if (!narrator.current) {
      const index = buildTextIndex(body);
      const script = buildScript(index.text, speechBlocks(index), lang);
      narrator.current = { narrator: new Narrator(engine, index.text, script, voicingRef.current, setState), script };
    }
    return narrator.current;
  }, [engine, bodyRef, lang]);

  const unavailable = !supported
    ? 'Listening needs the system’s speech, which is not available here.'
    : !settled
      ? null
      : voices.length === 0
        ? 'No voices are installed on this computer. Add one in the system’s speech settings.'
        : !voice
          ? `No ${languageName(lang, navigator.language)} voice is installed on this computer. Add one in the system’s speech settings.`
          : null;

  const toggle = useCallback(() => {
    if (unavailable || !voice) return;
    const current = ready();
    const body = bodyRef.current;
    if (!current || !body) return;
    const { narrator: n, script } = current;
    if (n.state.status === 'playing') return n.pause();
    const saved = listeningPlace(article.id);
    const stopped = n.state.status === 'paused' ? n.state.position : saved !== null ? positionAtOffset(script, saved) : null;
    const stoppedSpan = stopped ? script[stopped.paragraph]?.sentences[stopped.sentence] : undefined;
    // Listening resumes where it stopped while that is on screen; a reader who has since
    // scrolled on (or never listened) hears from the first sentence on screen.
    n.play(stopped && stoppedSpan && onScreen(body, stoppedSpan) ? stopped : positionOnScreen(body, script));
  }, [unavailable, voice, ready, bodyRef, article.id]);

  const previous = useCallback(() => narrator.current?.narrator.previous(), []);
  const next = useCallback(() => narrator.current?.narrator.next(), []);
  const active = state.status === 'playing' || state.status === 'paused';
  useKeyboardShortcuts({
    listen: toggle,
    ...(active ? { listenBack: previous, listenForward: next } : {}),
  });

  return { state, paragraphs: narrator.current?.script.length ?? 0, voice, unavailable, toggle, previous, next };
}
