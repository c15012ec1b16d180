// The visible note under a fill that disagrees with a mask's top guess (see fillNote.ts); nothing
// when the fill is every mask's first guess.
import type { InputMode } from '../../core/inputMode';
import type { Analysis } from '../../model/types';
import { Term } from '../common/Term';
import { copiesOf, describeFillDifference, fillDifferences, fillNoteLead } from './fillNote';
import './FillNote.css';

export interface FillNoteProps {
  analysis: Analysis;
  /** How many guesses per mask the page lists. */
  topK: number;
  /** The model's domain: its words (sentences) or SMILES tokens (molecules). */
  domain: InputMode;
}

export function FillNote({ analysis, topK, domain }: FillNoteProps) {
  const differences = fillDifferences(analysis, copiesOf(analysis));
  if (differences.length === 0) return null;
  return (
    <div className="fill-note" role="note" data-testid="fill-note">
      <p className="fill-note__lead">
        Why the <Term id="joint-fill">fill</Term> differs from the top guess: {fillNoteLead(domain)}
      </p>
      <ul className="fill-note__list">
        {differences.map((d) => (
          <li key={d.mask} data-mask={d.mask}>
            {describeFillDifference(d, topK, domain)}
          </li>
        ))}
      </ul>
    </div>
  );
}
