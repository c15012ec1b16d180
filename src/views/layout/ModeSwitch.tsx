// Text | Molecules in the header: which kind of input the page works on. Two toggle buttons (each a
// Tab stop, Enter or Space switches), the current one pressed; it stays in the header in
// presentation mode, so a class sees which mode is on. Switching keeps the other mode's input to
// come back to and loads the mode's own models (the store's setMode).
import { INPUT_MODES, MODE_TITLES } from '../../core/inputMode';
import { usePlayground } from '../../state/store';
import './ModeSwitch.css';

const HINTS = {
  text: 'Mask words in English sentences',
  molecules: 'Mask atoms, bonds and rings in molecules written as SMILES',
} as const;

export function ModeSwitch() {
  const mode = usePlayground((s) => s.mode);
  const setMode = usePlayground((s) => s.setMode);
  return (
    <div className="mode-switch" role="group" aria-label="Input" data-testid="mode-switch">
      {INPUT_MODES.map((option) => (
        <button
          key={option}
          type="button"
          className="mode-switch__option"
          aria-pressed={mode === option}
          title={HINTS[option]}
          onClick={() => setMode(option)}
          data-mode={option}
        >
          {MODE_TITLES[option]}
        </button>
      ))}
    </div>
  );
}
