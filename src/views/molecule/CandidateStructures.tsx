// Each mask's candidates drawn small, each substituted alone into the best joint fill, with its
// probability and whether RDKit reads it as a molecule. Each is a button that shows the candidate
// large beside the original (aria-pressed says which is shown), so the list works from the
// keyboard and reads as one sentence per candidate.
import { formatPercent } from '../common/format';
import type { Drawn } from './drawContent';
import { Structure, Verdict } from './Structure';
import type { StructureContent } from './structureContent';
import { maskName, verdictText } from './structureWords';

export interface CandidatePick {
  slot: number;
  rank: number;
}

export interface CandidateStructuresProps {
  content: StructureContent;
  drawings: Drawn[][];
  picked: CandidatePick | null;
  onPick: (pick: CandidatePick | null) => void;
}

export function CandidateStructures({
  content,
  drawings,
  picked,
  onPick,
}: CandidateStructuresProps) {
  return (
    <div className="structure__candidates">
      {content.candidates.map((slot, slotIndex) => {
        const name = maskName(content.notes[slotIndex], slotIndex);
        const headingId = `structure-mask-${slotIndex}`;
        return (
          <section
            key={slotIndex}
            className="structure__slot"
            aria-labelledby={headingId}
            data-testid="structure-slot"
          >
            <h4 className="structure__slot-title" id={headingId}>
              {name}: its candidates
            </h4>
            <ol className="structure__list">
              {slot.map((candidate, rank) => {
                const drawn = drawings[slotIndex]?.[rank];
                if (drawn === undefined) return null;
                const isPicked = picked?.slot === slotIndex && picked.rank === rank;
                const probability = formatPercent(candidate.prob);
                return (
                  <li key={`${rank}:${candidate.token}`} className="structure__item">
                    <button
                      type="button"
                      className="structure__pick"
                      aria-pressed={isPicked}
                      aria-label={
                        `${name}, candidate ${rank + 1}: ${candidate.token}, ${probability}, ` +
                        `${verdictText(drawn.verdict)}. ${candidate.smiles}. Show it large.`
                      }
                      data-testid="structure-candidate"
                      data-valid={drawn.verdict.valid ? 'true' : 'false'}
                      onClick={() => onPick(isPicked ? null : { slot: slotIndex, rank })}
                    >
                      <Structure drawn={drawn} label={candidate.smiles} decorative />
                      <span className="structure__token-line">
                        <code className="structure__token">{candidate.token}</code>
                        <span className="structure__prob">{probability}</span>
                      </span>
                      <Verdict verdict={drawn.verdict} />
                    </button>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
