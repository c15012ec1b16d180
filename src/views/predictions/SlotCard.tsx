// One masked slot: its top-k tokens with probability bars and the entropy of the distribution.
import type { BarScale } from '../../core/defaults';
import type { InputMode } from '../../core/inputMode';
import type { SlotPrediction } from '../../model/types';
import { DOMAIN_WORDS } from '../common/domainWords';
import { barFraction } from '../common/scales';
import { Term } from '../common/Term';
import { entropyInWords, formatEntropyValue, formatPercent } from '../common/format';

export interface SlotCardProps {
  /** 1-based number of the mask, left to right. */
  number: number;
  slot: SlotPrediction;
  /** The word the user masked, when known (a typed [MASK] hides none). */
  hiddenWord: string | null;
  topK: number;
  /** How the bars are drawn: out of 100% or scaled to the top guess. */
  barScale: BarScale;
  /** The model's domain: the entropy reads as a pick among words or among SMILES tokens. */
  domain: InputMode;
}

export function SlotCard({ number, slot, hiddenWord, topK, barScale, domain }: SlotCardProps) {
  const top = slot.top.slice(0, topK);
  // On the absolute scale a bar's share of its track is its probability; on the relative scale
  // the best token fills the track. The printed percentage is always the real value.
  const best = top[0]?.prob ?? 1;
  const words = entropyInWords(slot.entropy, DOMAIN_WORDS[domain].tokens);
  return (
    <article
      className="slot"
      data-testid="slot"
      data-position={slot.position}
      data-bar-scale={barScale}
      aria-label={`Mask ${number}`}
    >
      <header className="slot__head">
        <h3 className="slot__title">Mask {number}</h3>
        {hiddenWord !== null ? (
          <span className="slot__hidden">
            was <q>{hiddenWord}</q>
          </span>
        ) : null}
        <span className="slot__entropy" data-entropy={slot.entropy}>
          <Term id="entropy">entropy</Term> {formatEntropyValue(slot.entropy)}{' '}
          <Term id="nats">nats</Term>
          {words !== '' ? <span className="slot__entropy-words">: {words}</span> : null}
        </span>
      </header>
      <ol className="slot__list">
        {top.map((t) => (
          <li key={t.id} className="slot__row" data-token={t.token} data-prob={t.prob}>
            <span className="slot__token">{t.token}</span>
            <span className="slot__bar" aria-hidden="true">
              <span
                className="slot__fill"
                style={{ width: `${100 * barFraction(t.prob, barScale, best)}%` }}
              />
            </span>
            <span className="slot__prob">{formatPercent(t.prob)}</span>
          </li>
        ))}
      </ol>
    </article>
  );
}
