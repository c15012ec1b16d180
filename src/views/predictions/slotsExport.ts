// What the predictions and compare exports say besides their figure: the top-k and bar scale
// they were drawn with, the best joint fill and, where it differs from a mask's top guess, why
// (fillNote.ts), so a slide made from the file explains itself as the page does.
import type { BarScale } from '../../core/defaults';
import type { Analysis } from '../../model/types';
import type { ViewExportSettings } from '../common/ExportMenu';
import { barScaleName } from '../common/scales';
import { FILL_NOTE_LEAD, copiesOf, describeFillDifference, fillDifferences } from './fillNote';

export function slotsExportSettings(
  analysis: Analysis,
  topK: number,
  barScale: BarScale,
): ViewExportSettings {
  const differences = fillDifferences(analysis, copiesOf(analysis));
  return {
    settings: [
      { name: 'top-k', value: String(topK) },
      { name: 'bars', value: barScaleName(barScale) },
    ],
    notes: [
      `Best joint fill: ${analysis.fill.text}`,
      ...(differences.length > 0 ? [FILL_NOTE_LEAD] : []),
      ...differences.map((d) => describeFillDifference(d, topK)),
    ],
  };
}
