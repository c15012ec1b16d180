// The lesson's live readout: each mask's top guess and entropy in plain words, for the sentence on
// screen (the steps about certainty show it beside the Predictions view).
import { selectCurrentResult, selectEffectiveMasks, selectWords } from '../../state/selectors';
import { usePlayground } from '../../state/store';
import {
  entropyInWords,
  formatNats as formatEntropy,
  formatPercent as formatProb,
} from '../common/format';

export function LessonReadout() {
  const result = usePlayground(selectCurrentResult);
  const words = usePlayground(selectWords);
  const maskIndices = usePlayground(selectEffectiveMasks);
  if (result === null) {
    return (
      <p className="lesson__readout lesson__readout--waiting" data-testid="lesson-readout">
        Waiting for the model’s answer…
      </p>
    );
  }
  if (result.exlm.masks.length === 0) return null;
  return (
    <ul className="lesson__readout" data-testid="lesson-readout" aria-label="What the model says">
      {result.exlm.masks.map((slot, i) => {
        const best = slot.top[0];
        // Slots come left to right, as the masked words do (a typed [MASK] hides no word).
        const word = words[maskIndices[i] ?? -1];
        const hidden = word === undefined || word.literalMask ? null : word.text;
        return (
          <li key={slot.position}>
            <strong>Mask {i + 1}</strong>
            {hidden !== null ? <> (was “{hidden}”)</> : null}:{' '}
            {best !== undefined ? (
              <>
                “{best.token}” {formatProb(best.prob)};{' '}
              </>
            ) : null}
            entropy {formatEntropy(slot.entropy)}, {entropyInWords(slot.entropy)}.
          </li>
        );
      })}
    </ul>
  );
}
