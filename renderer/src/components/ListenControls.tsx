// Listening to the article: a Listen button under the toolbar, and while it plays or pauses a
// bar kept at the window's foot with pause, a paragraph back or forward, and where it is.
import type { RefObject } from 'react';
import type { Article, ReaderPreferences } from '../../../electron/ipc/api.ts';
import { useListening } from '../hooks/useListening.ts';
import { PauseIcon, PlayIcon, SkipIcon } from './Icons.tsx';

interface Props {
  article: Article;
  preferences: ReaderPreferences;
  bodyRef: RefObject<HTMLElement | null>;
  /** The body's HTML as shown: listening starts over when it changes. */
  html: string | null;
}

export function ListenControls({ article, preferences, bodyRef, html }: Props) {
  const listening = useListening(article, preferences, bodyRef, html);
  const { state, unavailable, voice } = listening;
  const playing = state.status === 'playing';
  const active = playing || state.status === 'paused';
  const where = active && state.position ? `Paragraph ${state.position.paragraph + 1} of ${listening.paragraphs}` : null;

  return (
    <div className={active ? 'listen-controls is-active' : 'listen-controls'} role="group" aria-label="Listen">
      <button
        type="button"
        className="button button-quiet listen-play"
        onClick={listening.toggle}
        disabled={unavailable !== null}
        aria-keyshortcuts="l"
        title={playing ? 'Pause (l)' : 'Listen (l)'}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
        {playing ? 'Pause' : state.status === 'paused' ? 'Resume' : 'Listen'}
      </button>
      {active && (
        <>
          <button type="button" className="icon-button" onClick={listening.previous} aria-label="Previous paragraph" aria-keyshortcuts="[" title="Previous paragraph ([)">
            <SkipIcon />
          </button>
          <button type="button" className="icon-button" onClick={listening.next} aria-label="Next paragraph" aria-keyshortcuts="]" title="Next paragraph (])">
            <SkipIcon forward />
          </button>
          <span className="listen-where">
            {where}
            {voice && <span className="listen-voice"> · {voice.name}</span>}
          </span>
        </>
      )}
      {unavailable && <span className="listen-note">{unavailable}</span>}
      {state.error && (
        <span className="listen-note is-failed" role="alert">
          Speech stopped: {state.error}
        </span>
      )}
    </div>
  );
}
