// One masked slot: its top-k tokens with probability bars and the entropy of the distribution.
import type { SlotPrediction } from '../../model/types';
import { formatEntropy, formatProb } from './format';

export interface SlotCardProps {
  /** 1-based number of the mask, left to right. */
  number: number;
  slot: SlotPrediction;
  /** The word the user masked, when known (a typed [MASK] hides none). */
  hiddenWord: string | null;
  topK: number;
}

export function SlotCard({ number, slot, hiddenWord, topK }: SlotCardProps) {
  const top = slot.top.slice(0, topK);
  // Bars are scaled to the best token so that small probabilities in a flat distribution stay
  // visible; the printed percentage is the real value.
  const best = top[0]?.prob ?? 1;
  return (
    <article
      className="slot"
      data-testid="slot"
      data-position={slot.position}
      aria-label={`Mask ${number}`}
    >
      <header className="slot__head">
        <h3 className="slot__title">Mask {number}</h3>
        {hiddenWord !== null ? (
          <span className="slot__hidden">
            was <q>{hiddenWord}</q>
          </span>
        ) : null}
        <span
          className="slot__entropy"
          data-entropy={slot.entropy}
          title="Entropy of the slot's distribution: 0 means certain"
        >
          entropy {formatEntropy(slot.entropy)}
        </span>
      </header>
      <ol className="slot__list">
        {top.map((t) => (
          <li key={t.id} className="slot__row" data-token={t.token} data-prob={t.prob}>
            <span className="slot__token">{t.token}</span>
            <span className="slot__bar" aria-hidden="true">
              <span
                className="slot__fill"
                style={{ width: `${best > 0 ? (100 * t.prob) / best : 0}%` }}
              />
            </span>
            <span className="slot__prob">{formatProb(t.prob)}</span>
          </li>
        ))}
      </ol>
    </article>
  );
}
