// The structure view itself (MoleculeView.tsx loads it on demand): the molecule as RDKit draws it with the masked atoms (or the
// bonds a masked bond, branch or ring digit stands for) highlighted, beside it the model's best
// joint fill marked valid or not, and below, each mask's candidates substituted one at a time,
// each drawn small with its probability and its own mark. RDKit loads when this view first shows,
// which is when the molecule mode opens (rdkitLoader.ts).
import { useMemo, useState } from 'react';

import type { MoleculeViewProps } from './moleculeViewProps';
import { ExportMenu, type FigureSource } from '../common/ExportMenu';
import { formatPercent } from '../common/format';
import { Term } from '../common/Term';
import { ViewIntro } from '../common/ViewIntro';
import { type CandidatePick, CandidateStructures } from './CandidateStructures';
import { Structure, Verdict } from './Structure';
import { structureContent } from './structureContent';
import { structureExport } from './structureExport';
import { BestValidLine, BestValidFigure } from './BestValidFill';
import { STRUCTURE_TITLE, fillRank, maskName } from './structureWords';
import { useDrawings, useLargeDrawing } from './useDrawings';
import { useRdkit } from './useRdkit';
import './StructureView.css';

const TITLE = STRUCTURE_TITLE;

export function StructureView({ tokens, masks, analysis, presentation }: MoleculeViewProps) {
  const { state, retry } = useRdkit();
  const client = state.status === 'ready' ? state.client : null;
  // Keyed by what they hold, so that a new array with the same tokens draws nothing anew.
  const tokensKey = tokens.map((token) => token.text).join('\u0000');
  const masksKey = masks.join(',');
  const content = useMemo(
    () =>
      structureContent(
        tokensKey === '' ? [] : tokensKey.split('\u0000'),
        masksKey === '' ? [] : masksKey.split(',').map(Number),
        analysis,
      ),
    [tokensKey, masksKey, analysis],
  );
  const { shown, error: drawError } = useDrawings(client, content, presentation);
  const [pick, setPick] = useState<(CandidatePick & { smiles: string }) | null>(null);
  // A pick stands only while the same candidate is in the drawings shown.
  const shownContent = shown?.content ?? null;
  const picked =
    pick !== null && shownContent?.candidates[pick.slot]?.[pick.rank]?.smiles === pick.smiles
      ? pick
      : null;
  const pickedCandidate =
    picked === null ? null : (shownContent?.candidates[picked.slot]?.[picked.rank] ?? null);
  const pickedDrawing = useLargeDrawing(client, pickedCandidate);

  const figure: FigureSource = {
    kind: 'image',
    image: () => (shown === null ? null : structureExport(shown.content, shown.drawn)),
  };
  const drawn = shown?.drawn ?? null;

  return (
    <section className="panel structure" aria-label={TITLE} data-testid="view-structure">
      <h2 className="panel__title">{TITLE}</h2>
      <ExportMenu
        view="structure"
        title={TITLE}
        figure={figure}
        describe={() => ({
          settings: [],
          notes: [
            `Your molecule: ${(shownContent ?? content).original?.smiles ?? tokens.map((t) => t.text).join('')}`,
            ...(shownContent?.fill ? [`Best joint fill: ${shownContent.fill.smiles}`] : []),
            ...(drawn?.bestValid?.kind === 'later'
              ? [
                  `Best valid fill (${fillRank(drawn.bestValid.fill.rank)}): ${drawn.bestValid.fill.smiles}`,
                ]
              : []),
            'Drawn by RDKit; valid: RDKit reads it as a molecule (valences, aromaticity, rings).',
          ],
        })}
      />
      <ViewIntro className="structure__intro">
        The molecule as RDKit draws it, with what is masked highlighted, beside the model&rsquo;s{' '}
        <Term id="joint-fill">best joint fill</Term>; below, each mask&rsquo;s candidates put in one
        at a time (the other masks keep the best joint fill). Valid means RDKit reads it as a
        molecule (valences, aromatic rings, ring closures), as the models&rsquo; evaluation counts
        it.
      </ViewIntro>
      {state.status === 'loading' ? (
        <p className="message message--info" role="status" data-testid="structure-loading">
          Loading RDKit, the chemistry library that draws the structures (7.4 MB, once)…
        </p>
      ) : null}
      {state.status === 'error' ? (
        <div className="message message--error" role="alert" data-testid="structure-error">
          <p className="structure__error-text">{state.message}</p>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </div>
      ) : null}
      {drawError !== null ? (
        <p className="message message--error" role="alert">
          RDKit could not draw this molecule: {drawError}
        </p>
      ) : null}
      {client !== null && drawn === null && drawError === null ? (
        <p className="message message--info" role="status">
          Drawing…
        </p>
      ) : null}
      {drawn === null || shownContent === null ? null : (
        <div className="structure__body" data-stale={shown?.stale ? 'true' : undefined}>
          <div className="structure__pair">
            <figure className="structure__figure" data-testid="structure-original">
              <figcaption className="structure__caption">Your molecule</figcaption>
              {drawn.original === null ? (
                <p className="message message--info">
                  A mask typed as [MASK] has no original token, so the molecule cannot be drawn:
                  mask a token of the SMILES instead.
                </p>
              ) : (
                <>
                  <Structure
                    drawn={drawn.original}
                    label={`Your molecule, the masked tokens highlighted: ${drawn.original.plan.smiles}`}
                  />
                  <code className="structure__smiles">{drawn.original.plan.smiles}</code>
                  {drawn.original.verdict.valid ? null : (
                    <Verdict verdict={drawn.original.verdict} />
                  )}
                </>
              )}
              {shownContent.notes.length === 0 ? (
                <p className="structure__note">
                  Nothing is masked: mask a token to see the model&rsquo;s candidates.
                </p>
              ) : (
                <ul className="structure__notes" aria-label="What is masked">
                  {shownContent.notes.map((note) => (
                    <li key={note.slot}>
                      {maskName(note, note.slot)}: {note.shows}
                    </li>
                  ))}
                </ul>
              )}
            </figure>
            <figure className="structure__figure" data-testid="structure-fill" aria-live="polite">
              {pickedCandidate !== null && pickedDrawing !== null && picked !== null ? (
                <>
                  <figcaption className="structure__caption">
                    {maskName(shownContent.notes[picked.slot], picked.slot)}: candidate{' '}
                    <code>{pickedCandidate.token}</code> ({formatPercent(pickedCandidate.prob)})
                  </figcaption>
                  <Structure
                    drawn={pickedDrawing}
                    label={`Candidate ${pickedCandidate.token}: ${pickedCandidate.smiles}`}
                  />
                  <code className="structure__smiles">{pickedCandidate.smiles}</code>
                  <Verdict verdict={pickedDrawing.verdict} />
                  <button type="button" className="structure__back" onClick={() => setPick(null)}>
                    Back to the best joint fill
                  </button>
                </>
              ) : (
                <>
                  <figcaption className="structure__caption">
                    The model&rsquo;s <Term id="joint-fill">best joint fill</Term>
                  </figcaption>
                  {drawn.fill === null ? (
                    <p className="message message--info" data-testid="structure-waiting">
                      {masks.length === 0
                        ? 'Mask a token to see what the model puts there.'
                        : 'The fill and the candidates show when the analysis of this SMILES is done.'}
                    </p>
                  ) : (
                    <>
                      <Structure
                        drawn={drawn.fill}
                        label={`The best joint fill, the filled tokens highlighted: ${drawn.fill.plan.smiles}`}
                      />
                      <code className="structure__smiles">{drawn.fill.plan.smiles}</code>
                      <Verdict verdict={drawn.fill.verdict} />
                      <BestValidLine bestValid={drawn.bestValid} />
                    </>
                  )}
                </>
              )}
            </figure>
            <BestValidFigure bestValid={drawn.bestValid} />
          </div>
          {shownContent.candidates.length > 0 ? (
            <>
              <h3 className="structure__subtitle">Candidates, one mask at a time</h3>
              <CandidateStructures
                content={shownContent}
                drawings={drawn.candidates}
                picked={picked}
                onPick={(next) =>
                  setPick(
                    next === null
                      ? null
                      : {
                          ...next,
                          smiles: shownContent.candidates[next.slot]?.[next.rank]?.smiles ?? '',
                        },
                  )
                }
              />
            </>
          ) : null}
        </div>
      )}
    </section>
  );
}
