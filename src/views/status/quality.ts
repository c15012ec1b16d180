// A model's measured quality in words, for the status panel: top-1 and top-5 accuracy on held-out
// sentences (a molecule model: held-out molecules, SMILES tokens masked) at 15% masking (the ratio
// the models were trained at), and for a molecule model the share of its best joint fills that are
// valid molecules, from config.json's "evaluation" as the catalog passes it on. Pure, so unit
// tests pin the wording.
import type { ModelQuality, QualityAtRatio } from '../../core/catalog';
import type { InputMode } from '../../core/inputMode';
import { DOMAIN_WORDS } from '../common/domainWords';
import { formatPercent, formatWholePercent } from '../common/format';

/** The ratio the status shows: 15% when it was measured, else the lowest one measured. */
export const HEADLINE_RATIO = 0.15;

export function headlineRatio(quality: ModelQuality): QualityAtRatio | null {
  const exact = quality.ratios.find((r) => Math.abs(r.ratio - HEADLINE_RATIO) < 1e-9);
  return exact ?? quality.ratios[0] ?? null;
}

export interface QualityParts {
  /** "30.9%" */
  top1: string;
  top5: string;
  /** What was scored: "1,000 held-out sentences", "600 held-out molecules". */
  sample: string;
  /** "15% of words masked", "15% of SMILES tokens masked". */
  masked: string;
  /** A molecule model's valid fills: "valid molecules: 35% of best fills at 15% masked"; null for
   *  a text model or when the evaluation did not check them. */
  valid: string | null;
}

/** The headline row in words, in the terms of the model's domain. */
export function qualityParts(quality: ModelQuality, domain: InputMode): QualityParts | null {
  const row = headlineRatio(quality);
  if (row === null) return null;
  const words = DOMAIN_WORDS[domain];
  const ratio = formatWholePercent(row.ratio);
  return {
    top1: formatPercent(row.top1),
    top5: formatPercent(row.top5),
    sample: `${quality.sentences.toLocaleString('en-US')} held-out ${words.inputs}`,
    masked: `${ratio} of ${words.tokens} masked`,
    valid:
      domain === 'molecules' && row.validity !== undefined
        ? `valid molecules: ${formatWholePercent(row.validity)} of best fills at ${ratio} masked`
        : null,
  };
}
