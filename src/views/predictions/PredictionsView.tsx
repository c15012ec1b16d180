// Predictions for every mask (the slot marginals of ExLM's DAG) and the best joint fill.
import type { Analysis } from '../../model/types';
import { FillLine } from './FillLine';
import { SlotCards } from './SlotCards';
import './Predictions.css';

export interface PredictionsViewProps {
  analysis: Analysis;
  /** Per mask, left to right: the word that was masked, or null for a typed [MASK]. */
  hiddenWords: (string | null)[];
  topK: number;
}

export function PredictionsView({ analysis, hiddenWords, topK }: PredictionsViewProps) {
  return (
    <section className="panel predictions" aria-label="Predictions" data-testid="view-predictions">
      <h2 className="panel__title">Predictions</h2>
      {analysis.masks.length === 0 ? (
        <p className="message message--info">
          No masks in this sentence: mask a word to see what the model guesses.
        </p>
      ) : (
        <>
          <FillLine label="Best joint fill:" text={analysis.fill.text} testId="fill" />
          <div className="slots">
            <SlotCards analysis={analysis} hiddenWords={hiddenWords} topK={topK} />
          </div>
        </>
      )}
    </section>
  );
}
