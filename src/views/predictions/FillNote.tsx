// The visible note under a fill that disagrees with a mask's top guess (see fillNote.ts); nothing
// when the fill is every mask's first guess.
import type { Analysis } from '../../model/types';
import { Term } from '../common/Term';
import { FILL_NOTE_LEAD, copiesOf, describeFillDifference, fillDifferences } from './fillNote';
import './FillNote.css';

export interface FillNoteProps {
  analysis: Analysis;
  /** How many guesses per mask the page lists. */
  topK: number;
}

export function FillNote({ analysis, topK }: FillNoteProps) {
  const differences = fillDifferences(analysis, copiesOf(analysis));
  if (differences.length === 0) return null;
  return (
    <div className="fill-note" role="note" data-testid="fill-note">
      <p className="fill-note__lead">
        Why the <Term id="joint-fill">fill</Term> differs from the top guess: {FILL_NOTE_LEAD}
      </p>
      <ul className="fill-note__list">
        {differences.map((d) => (
          <li key={d.mask} data-mask={d.mask}>
            {describeFillDifference(d, topK)}
          </li>
        ))}
      </ul>
    </div>
  );
}
