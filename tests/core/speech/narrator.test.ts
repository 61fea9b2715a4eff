// The sequencing of listening, against an engine that speaks only when the test says an
// utterance ended (headless Chromium has no voices; the reader's own engine adapter is proven
// in Playwright behind the Web Speech API): sentence after sentence, paragraph after
// paragraph, pause and resume, skips, a new rate mid-sentence, errors, and late events.
import { describe, expect, it } from 'vitest';
import { Narrator, type NarratorState } from '../../../renderer/src/lib/speech/narrator.ts';
import type { SpeechEngine, Utterance, UtteranceEvents } from '../../../renderer/src/lib/speech/speech-engine.ts';
import { buildScript, offsetOfPosition, positionAtOffset } from '../../../renderer/src/lib/speech/speech-script.ts';
import type { Span } from '../../../renderer/src/lib/speech/sentences.ts';

class ScriptedEngine implements SpeechEngine {
  spoken: Utterance[] = [];
  queue: { utterance: Utterance; events: UtteranceEvents }[] = [];
  cancels = 0;
  voices = () => [];
  onVoicesChanged = () => () => undefined;
  speak(utterance: Utterance, events: UtteranceEvents) {
    this.spoken.push(utterance);
    this.queue.push({ utterance, events });
  }
  cancel() {
    this.cancels++;
    this.queue = [];
  }
  /** The utterance being spoken finishes. */
  finish() {
    this.queue.shift()!.events.onEnd();
  }
  get saying(): string | undefined {
    return this.queue[0]?.utterance.text;
  }
}

const PARAGRAPHS = ['One A. One B.', 'Two A.', 'Three A. Three B. Three C.'];
const TEXT = PARAGRAPHS.join('\n');
function blocks(): Span[] {
  let start = 0;
  return PARAGRAPHS.map((p) => {
    const span = { start, end: start + p.length };
    start = span.end + 1;
    return span;
  });
}

function setup() {
  const engine = new ScriptedEngine();
  const states: NarratorState[] = [];
  const script = buildScript(TEXT, blocks(), 'en');
  const narrator = new Narrator(engine, TEXT, script, { lang: 'en-GB', voiceId: 'gb', rate: 1 }, (s) => states.push(s));
  return { engine, narrator, states, script };
}

describe('buildScript', () => {
  it('cuts each block into sentences and leaves out blocks with nothing to say', () => {
    const text = 'Hello there. Bye.\n* * *\nLast.';
    const script = buildScript(text, [{ start: 0, end: 17 }, { start: 18, end: 23 }, { start: 24, end: 29 }], 'en');
    expect(script.map((p) => p.sentences.map((s) => text.slice(s.start, s.end)))).toEqual([['Hello there.', 'Bye.'], ['Last.']]);
  });

  it('maps a reading position to the paragraph and sentence there, and back', () => {
    const script = buildScript(TEXT, blocks(), 'en');
    expect(positionAtOffset(script, 0)).toEqual({ paragraph: 0, sentence: 0 });
    expect(positionAtOffset(script, TEXT.indexOf('One B'))).toEqual({ paragraph: 0, sentence: 1 });
    expect(positionAtOffset(script, TEXT.indexOf('\nTwo'))).toEqual({ paragraph: 1, sentence: 0 });
    expect(positionAtOffset(script, TEXT.length + 10)).toEqual({ paragraph: 2, sentence: 0 });
    expect(offsetOfPosition(script, { paragraph: 2, sentence: 1 })).toBe(TEXT.indexOf('Three B'));
  });
});

describe('Narrator', () => {
  it('reads every sentence in order with the voice, language and rate, then ends', () => {
    const { engine, narrator, states } = setup();
    narrator.play();
    const said: string[] = [];
    while (engine.saying) {
      said.push(engine.saying);
      engine.finish();
    }
    expect(said).toEqual(['One A.', 'One B.', 'Two A.', 'Three A.', 'Three B.', 'Three C.']);
    expect(engine.spoken.every((u) => u.lang === 'en-GB' && u.voiceId === 'gb' && u.rate === 1)).toBe(true);
    expect(narrator.state).toEqual({ status: 'ended', position: null, error: null });
    expect(states.map((s) => s.position?.paragraph ?? null)).toEqual([0, 0, 1, 2, 2, 2, null]);
  });

  it('starts where it is told, and again from the top after the end', () => {
    const { engine, narrator } = setup();
    narrator.play({ paragraph: 2, sentence: 1 });
    expect(engine.saying).toBe('Three B.');
    engine.finish();
    engine.finish();
    expect(narrator.state.status).toBe('ended');
    narrator.play();
    expect(engine.saying).toBe('One A.');
  });

  it('pauses silently and resumes at the start of the sentence it stopped in', () => {
    const { engine, narrator } = setup();
    narrator.play();
    engine.finish();
    expect(engine.saying).toBe('One B.');
    narrator.pause();
    expect(engine.saying).toBeUndefined();
    expect(narrator.state).toMatchObject({ status: 'paused', position: { paragraph: 0, sentence: 1 } });
    narrator.play();
    expect(engine.saying).toBe('One B.');
    expect(narrator.state.status).toBe('playing');
  });

  it('skips a paragraph forward, and back to this paragraph’s start or, there already, the one before', () => {
    const { engine, narrator } = setup();
    narrator.play({ paragraph: 2, sentence: 2 });
    narrator.previous();
    expect(engine.saying).toBe('Three A.');
    narrator.previous();
    expect(engine.saying).toBe('Two A.');
    narrator.next();
    expect(engine.saying).toBe('Three A.');
    narrator.next();
    expect(narrator.state.status).toBe('ended');
    expect(engine.saying).toBeUndefined();
  });

  it('skips while paused and stays paused', () => {
    const { engine, narrator } = setup();
    narrator.play();
    narrator.pause();
    narrator.next();
    expect(narrator.state).toMatchObject({ status: 'paused', position: { paragraph: 1, sentence: 0 } });
    expect(engine.saying).toBeUndefined();
    narrator.play();
    expect(engine.saying).toBe('Two A.');
  });

  it('says the sentence again with a new rate, and not at all when nothing changed', () => {
    const { engine, narrator } = setup();
    narrator.play();
    engine.finish();
    narrator.revoice({ lang: 'en-GB', voiceId: 'gb', rate: 1 });
    expect(engine.spoken).toHaveLength(2);
    narrator.revoice({ lang: 'en-GB', voiceId: 'gb', rate: 1.5 });
    expect(engine.spoken.at(-1)).toMatchObject({ text: 'One B.', rate: 1.5 });
    expect(engine.queue).toHaveLength(1);
  });

  it('ignores the end of an utterance it already moved past', () => {
    const { engine, narrator } = setup();
    narrator.play();
    const stale = engine.queue[0]!.events;
    narrator.next();
    stale.onEnd();
    expect(narrator.state.position).toEqual({ paragraph: 1, sentence: 0 });
    expect(engine.saying).toBe('Two A.');
  });

  it('pauses with the engine’s error, and plays on from there', () => {
    const { engine, narrator } = setup();
    narrator.play();
    engine.queue.shift()!.events.onError('synthesis-failed');
    expect(narrator.state).toEqual({ status: 'paused', position: { paragraph: 0, sentence: 0 }, error: 'synthesis-failed' });
    narrator.play();
    expect(narrator.state.error).toBeNull();
    expect(engine.saying).toBe('One A.');
  });

  it('does nothing with an empty script, and stop silences it', () => {
    const engine = new ScriptedEngine();
    const empty = new Narrator(engine, '', [], { lang: 'en', voiceId: null, rate: 1 }, () => undefined);
    empty.play();
    expect(engine.spoken).toHaveLength(0);
    const { engine: e2, narrator } = setup();
    narrator.play();
    narrator.stop();
    expect(e2.saying).toBeUndefined();
    expect(narrator.state.status).toBe('idle');
  });
});
