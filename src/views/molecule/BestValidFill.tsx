// The structure view's "best valid fill": the first of the model's N best joint fills that RDKit
// reads as a molecule (drawContent.ts finds it). A later one is drawn beside the best joint fill
// with its rank and its probability relative to the best fill's; when the best fill is valid, or
// when none of the N is, one line under the best fill says so. The words are structureWords.ts's,
// which the exported figure uses too.
import { formatPercent } from '../common/format';
import { Term } from '../common/Term';
import type { BestValidFill } from './drawContent';
import { Structure, Verdict } from './Structure';
import { bestValidHeading, bestValidLineText, fillRank } from './structureWords';

interface Props {
  bestValid: BestValidFill | null;
}

/** The line under the best joint fill: it is valid already, or none of the N best is. */
export function BestValidLine({ bestValid }: Props) {
  const line = bestValid === null ? null : bestValidLineText(bestValid);
  if (bestValid === null || line === null) return null;
  return (
    <p className="structure__note" data-testid="structure-best-valid" data-kind={bestValid.kind}>
      {line}
    </p>
  );
}

/** A later fill, drawn: the most likely fill that is a valid molecule. */
export function BestValidFigure({ bestValid }: Props) {
  if (bestValid?.kind !== 'later') return null;
  const { fill, drawn } = bestValid;
  return (
    <figure
      className="structure__figure"
      data-testid="structure-best-valid"
      data-kind="later"
      data-rank={fill.rank}
    >
      <figcaption className="structure__caption">{bestValidHeading(fill.rank)}</figcaption>
      <Structure
        drawn={drawn}
        label={`The best valid fill, ${fillRank(fill.rank)}, the filled tokens highlighted: ${fill.smiles}`}
      />
      <code className="structure__smiles">{fill.smiles}</code>
      <Verdict verdict={drawn.verdict} />
      {/* relativeText's words, with the glossary's term linked. */}
      <p className="structure__note">
        Its probability is {formatPercent(fill.relative)} of the{' '}
        <Term id="joint-fill">best joint fill</Term>&rsquo;s.
      </p>
    </figure>
  );
}
