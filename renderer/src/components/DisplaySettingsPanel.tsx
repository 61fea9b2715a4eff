import type { ReaderPreferences } from '../../../electron/ipc/api.ts';
import type { PreferencesState } from '../hooks/usePreferences.ts';
import { useVoices } from '../hooks/useVoices.ts';
import { languageName } from '../lib/speech/voices.ts';
import { MAX_FONT_SIZE, MIN_FONT_SIZE } from '../lib/readerLook.ts';

type ChoiceKey = 'theme' | 'font' | 'lineHeight' | 'columnWidth';

interface ChoiceProps<K extends ChoiceKey> {
  legend: string;
  name: K;
  options: readonly { value: ReaderPreferences[K]; label: string }[];
  state: PreferencesState;
}

/** A row of radio buttons drawn as a segmented control. */
function Choice<K extends ChoiceKey>({ legend, name, options, state }: ChoiceProps<K>) {
  return (
    <fieldset className="segmented">
      <legend>{legend}</legend>
      <div className="segmented-options">
        {options.map((option) => (
          <label key={String(option.value)}>
            <input
              type="radio"
              name={`display-${name}`}
              value={String(option.value)}
              checked={state.preferences[name] === option.value}
              onChange={() => state.update({ [name]: option.value })}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const RATES = [0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;

/** Listening speed and voice. The voice list is the system's; "Automatic" follows each article's language. */
function ListeningSettings({ state }: { state: PreferencesState }) {
  const { preferences, update } = state;
  const { supported, voices } = useVoices();
  if (!supported) return null;
  const sorted = [...voices].sort((a, b) => a.lang.localeCompare(b.lang) || a.name.localeCompare(b.name));
  const missing = preferences.speechVoice !== '' && !voices.some((v) => v.id === preferences.speechVoice);
  return (
    <fieldset className="segmented listening-settings">
      <legend>Listening</legend>
      <label>
        Speed
        <select value={String(preferences.speechRate)} onChange={(e) => update({ speechRate: Number(e.target.value) })}>
          {(RATES as readonly number[]).includes(preferences.speechRate) ? null : <option value={String(preferences.speechRate)}>{preferences.speechRate}×</option>}
          {RATES.map((rate) => (
            <option key={rate} value={String(rate)}>
              {rate}×
            </option>
          ))}
        </select>
      </label>
      <label>
        Voice
        <select value={missing ? '' : preferences.speechVoice} onChange={(e) => update({ speechVoice: e.target.value })}>
          <option value="">Automatic (the article’s language)</option>
          {sorted.map((voice) => (
            <option key={voice.id} value={voice.id}>
              {voice.name} — {languageName(voice.lang, navigator.language)}
              {voice.local ? '' : ' (online)'}
            </option>
          ))}
        </select>
      </label>
      <p className="settings-hint">A chosen voice reads articles in its own language; others get the best voice for theirs.</p>
    </fieldset>
  );
}

/** The "Aa" menu: theme and reading typography. A native popover, so Esc and outside clicks close it. */
export function DisplaySettingsPanel({ state }: { state: PreferencesState }) {
  const { preferences, resize, update } = state;
  return (
    <>
      <button type="button" className="icon-button display-button" popoverTarget="display-settings" aria-label="Display settings" title="Display settings">
        <span aria-hidden="true">Aa</span>
      </button>
      <div id="display-settings" className="display-settings" popover="auto" role="dialog" aria-label="Display settings">
        <Choice
          legend="Theme"
          name="theme"
          state={state}
          options={[
            { value: 'system', label: 'System' },
            { value: 'light', label: 'Light' },
            { value: 'sepia', label: 'Sepia' },
            { value: 'dark', label: 'Dark' },
          ]}
        />
        <Choice
          legend="Typeface"
          name="font"
          state={state}
          options={[
            { value: 'serif', label: 'Serif' },
            { value: 'sans', label: 'Sans' },
          ]}
        />
        <div className="size-control" role="group" aria-labelledby="text-size-label">
          <span id="text-size-label" className="size-label">
            Text size
          </span>
          <button type="button" className="button button-small" onClick={() => resize(-1)} disabled={preferences.fontSize <= MIN_FONT_SIZE} aria-keyshortcuts="-">
            <span aria-hidden="true">A−</span>
            <span className="visually-hidden">Smaller text</span>
          </button>
          <output aria-live="polite">{preferences.fontSize}px</output>
          <button type="button" className="button button-small" onClick={() => resize(1)} disabled={preferences.fontSize >= MAX_FONT_SIZE} aria-keyshortcuts="=">
            <span aria-hidden="true">A+</span>
            <span className="visually-hidden">Larger text</span>
          </button>
        </div>
        <Choice
          legend="Line spacing"
          name="lineHeight"
          state={state}
          options={[
            { value: 1.45, label: 'Tight' },
            { value: 1.6, label: 'Normal' },
            { value: 1.8, label: 'Loose' },
          ]}
        />
        <Choice
          legend="Line width"
          name="columnWidth"
          state={state}
          options={[
            { value: 'narrow', label: 'Narrow' },
            { value: 'medium', label: 'Medium' },
            { value: 'wide', label: 'Wide' },
          ]}
        />
        <label className="check">
          <input type="checkbox" checked={preferences.archiveOnFinish} onChange={(e) => update({ archiveOnFinish: e.target.checked })} />
          Archive articles when I reach the end
        </label>
        <ListeningSettings state={state} />
      </div>
    </>
  );
}
