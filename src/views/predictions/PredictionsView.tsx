// Predictions for every mask (the slot marginals of ExLM's DAG) and the best joint fill.
import type { BarScale } from '../../core/defaults';
import type { Analysis } from '../../model/types';
import { ExportMenu, type FigureSource } from '../common/ExportMenu';
import { barScaleNote } from '../common/scales';
import { Term } from '../common/Term';
import { useModelDomain } from '../common/useModelDomain';
import { ViewIntro } from '../common/ViewIntro';
import { FillLine } from './FillLine';
import { FillNote } from './FillNote';
import { noMasksMessage } from './noMasks';
import { slotsExportSettings } from './slotsExport';
import { SlotCards } from './SlotCards';
import './Predictions.css';

export interface PredictionsViewProps {
  analysis: Analysis;
  /** Per mask, left to right: the word that was masked, or null for a typed [MASK]. */
  hiddenWords: (string | null)[];
  topK: number;
  /** How probability bars are drawn: out of 100% or relative to the top guess. */
  barScale: BarScale;
}

/** The export draws the slots from the current analysis (slotsFigure.ts). */
const SLOTS_FIGURE: FigureSource = { kind: 'slots' };

export function PredictionsView({ analysis, hiddenWords, topK, barScale }: PredictionsViewProps) {
  const domain = useModelDomain(analysis.model);
  return (
    <section className="panel predictions" aria-label="Predictions" data-testid="view-predictions">
      <h2 className="panel__title">Predictions</h2>
      <ExportMenu
        view="predictions"
        title="Predictions"
        figure={SLOTS_FIGURE}
        describe={() => slotsExportSettings(analysis, topK, barScale, domain)}
      />
      {analysis.masks.length === 0 ? (
        <p className="message message--info">{noMasksMessage(domain)}</p>
      ) : (
        <>
          <FillLine
            label={
              <>
                <Term id="joint-fill">Best joint fill</Term>:
              </>
            }
            text={analysis.fill.text}
            testId="fill"
          />
          <FillNote analysis={analysis} topK={topK} domain={domain} />
          <ViewIntro className="predictions__note">
            For each <Term id="slot">slot</Term>, the <Term id="top-k">top-k</Term> guesses and
            their <Term id="marginal">marginal</Term> probabilities.{' '}
            <span data-testid="bar-scale-note">{barScaleNote(barScale)}</span>
          </ViewIntro>
          <div className="slots">
            <SlotCards
              analysis={analysis}
              hiddenWords={hiddenWords}
              topK={topK}
              barScale={barScale}
              domain={domain}
            />
          </div>
        </>
      )}
    </section>
  );
}
