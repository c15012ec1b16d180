// A model's measured quality in words, for the status panel: top-1 and top-5 accuracy on held-out
// sentences at 15% masking (the ratio the models were trained at), from config.json's
// "evaluation" as the catalog passes it on. Pure, so unit tests pin the wording.
import type { ModelQuality, QualityAtRatio } from '../../core/catalog';
import { formatPercent, formatWholePercent } from '../common/format';

/** The ratio the status shows: 15% when it was measured, else the lowest one measured. */
export const HEADLINE_RATIO = 0.15;

export function headlineRatio(quality: ModelQuality): QualityAtRatio | null {
  const exact = quality.ratios.find((r) => Math.abs(r.ratio - HEADLINE_RATIO) < 1e-9);
  return exact ?? quality.ratios[0] ?? null;
}

export interface QualityParts {
  top1: string;
  top5: string;
  sentences: string;
  masked: string;
}

/** The numbers of the headline row, formatted: "30.9%", "48.8%", "1,000", "15%". */
export function qualityParts(quality: ModelQuality): QualityParts | null {
  const row = headlineRatio(quality);
  if (row === null) return null;
  return {
    top1: formatPercent(row.top1),
    top5: formatPercent(row.top5),
    sentences: quality.sentences.toLocaleString('en-US'),
    masked: formatWholePercent(row.ratio),
  };
}
