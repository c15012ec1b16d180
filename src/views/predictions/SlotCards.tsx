// Every masked slot of an analysis as a SlotCard, left to right: the predictions view and each
// column of the compare view list them the same way.
import type { BarScale } from '../../core/defaults';
import type { InputMode } from '../../core/inputMode';
import type { Analysis } from '../../model/types';
import { SlotCard } from './SlotCard';

export interface SlotCardsProps {
  analysis: Analysis;
  /** Per mask, left to right: the word that was masked, or null for a typed [MASK]. */
  hiddenWords: (string | null)[];
  topK: number;
  barScale: BarScale;
  /** The model's domain: its entropies read as a pick among words or among SMILES tokens. */
  domain: InputMode;
}

export function SlotCards({ analysis, hiddenWords, topK, barScale, domain }: SlotCardsProps) {
  return (
    <>
      {analysis.masks.map((slot, i) => (
        <SlotCard
          key={slot.position}
          number={i + 1}
          slot={slot}
          hiddenWord={hiddenWords[i] ?? null}
          topK={topK}
          barScale={barScale}
          domain={domain}
        />
      ))}
    </>
  );
}
