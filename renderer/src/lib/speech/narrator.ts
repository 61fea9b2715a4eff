// Reading an article aloud, one sentence per utterance: play, pause, a paragraph back or
// forward, a new rate or voice mid-sentence. A pause cancels the utterance and a resume says
// its sentence again from the start: pausing mid-utterance is unreliable on some systems, and
// a listener who paused wants the sentence's beginning anyway.
import type { SpeechEngine } from './speech-engine.ts';
import type { Paragraph, Position } from './speech-script.ts';

export type ListeningStatus = 'idle' | 'playing' | 'paused' | 'ended';

export interface NarratorState {
  status: ListeningStatus;
  /** The sentence being read, or where a pause stopped; null before the first play. */
  position: Position | null;
  error: string | null;
}

export interface Voicing {
  lang: string;
  voiceId: string | null;
  rate: number;
}

export class Narrator {
  readonly #engine: SpeechEngine;
  readonly #text: string;
  readonly #script: readonly Paragraph[];
  readonly #onChange: (state: NarratorState) => void;
  #voicing: Voicing;
  #state: NarratorState = { status: 'idle', position: null, error: null };
  /** Bumped for every utterance, so a late end of an old one moves nothing. */
  #turn = 0;

  constructor(engine: SpeechEngine, text: string, script: readonly Paragraph[], voicing: Voicing, onChange: (state: NarratorState) => void) {
    this.#engine = engine;
    this.#text = text;
    this.#script = script;
    this.#voicing = voicing;
    this.#onChange = onChange;
  }

  get state(): NarratorState {
    return this.#state;
  }

  get paragraphs(): number {
    return this.#script.length;
  }

  /** Plays from `from`, or on from a pause, or from the top after the end. */
  play(from?: Position): void {
    if (this.#script.length === 0) return;
    const { status, position } = this.#state;
    const start = from ?? (status === 'paused' && position ? position : { paragraph: 0, sentence: 0 });
    this.#go(this.#clamp(start), 'playing');
  }

  pause(): void {
    if (this.#state.status !== 'playing') return;
    this.#silence();
    this.#set({ status: 'paused' });
  }

  /** Forward a paragraph; past the last one, the end. */
  next(): void {
    const position = this.#state.position;
    if (!position) return;
    if (position.paragraph + 1 >= this.#script.length) {
      this.#silence();
      this.#set({ status: 'ended', position: null });
      return;
    }
    this.#go({ paragraph: position.paragraph + 1, sentence: 0 }, this.#keepGoing());
  }

  /** Back to the start of this paragraph, or, at its start already, of the one before. */
  previous(): void {
    const position = this.#state.position;
    if (!position) return;
    const paragraph = position.sentence > 0 ? position.paragraph : Math.max(0, position.paragraph - 1);
    this.#go({ paragraph, sentence: 0 }, this.#keepGoing());
  }

  /** A new rate or voice: the sentence being read starts again with it. */
  revoice(voicing: Voicing): void {
    const same = voicing.lang === this.#voicing.lang && voicing.voiceId === this.#voicing.voiceId && voicing.rate === this.#voicing.rate;
    this.#voicing = voicing;
    if (!same && this.#state.status === 'playing' && this.#state.position) this.#go(this.#state.position, 'playing');
  }

  /** Silent for good: the article closed. */
  stop(): void {
    this.#silence();
    this.#set({ status: 'idle' });
  }

  #keepGoing(): ListeningStatus {
    return this.#state.status === 'playing' ? 'playing' : 'paused';
  }

  #clamp({ paragraph, sentence }: Position): Position {
    const p = Math.min(Math.max(0, paragraph), this.#script.length - 1);
    const s = Math.min(Math.max(0, sentence), this.#script[p]!.sentences.length - 1);
    return { paragraph: p, sentence: s };
  }

  #go(position: Position, status: ListeningStatus): void {
    this.#silence();
    this.#set({ status, position, error: null });
    if (status === 'playing') this.#speak();
  }

  #silence(): void {
    this.#turn++;
    this.#engine.cancel();
  }

  #speak(): void {
    const position = this.#state.position!;
    const span = this.#script[position.paragraph]!.sentences[position.sentence]!;
    const turn = ++this.#turn;
    this.#engine.speak(
      { text: this.#text.slice(span.start, span.end), ...this.#voicing },
      {
        onEnd: () => turn === this.#turn && this.#advance(),
        onError: (message) => turn === this.#turn && this.#set({ status: 'paused', error: message }),
      },
    );
  }

  #advance(): void {
    const { paragraph, sentence } = this.#state.position!;
    const here = this.#script[paragraph]!;
    if (sentence + 1 < here.sentences.length) this.#set({ position: { paragraph, sentence: sentence + 1 } });
    else if (paragraph + 1 < this.#script.length) this.#set({ position: { paragraph: paragraph + 1, sentence: 0 } });
    else {
      this.#set({ status: 'ended', position: null });
      return;
    }
    this.#speak();
  }

  #set(patch: Partial<NarratorState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#onChange(this.#state);
  }
}
