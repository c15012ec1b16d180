// What the predictions and compare exports say besides their figure: the top-k and bar scale
// they were drawn with, the best joint fill and, where it differs from a mask's top guess, why
// (fillNote.ts), so a slide made from the file explains itself as the page does.
import type { BarScale } from '../../core/defaults';
import type { InputMode } from '../../core/inputMode';
import type { Analysis } from '../../model/types';
import type { ViewExportSettings } from '../common/ExportMenu';
import { barScaleName } from '../common/scales';
import { copiesOf, describeFillDifference, fillDifferences, fillNoteLead } from './fillNote';

export function slotsExportSettings(
  analysis: Analysis,
  topK: number,
  barScale: BarScale,
  domain: InputMode,
): ViewExportSettings {
  const differences = fillDifferences(analysis, copiesOf(analysis));
  return {
    settings: [
      { name: 'top-k', value: String(topK) },
      { name: 'bars', value: barScaleName(barScale) },
    ],
    notes: [
      `Best joint fill: ${analysis.fill.text}`,
      ...(differences.length > 0 ? [fillNoteLead(domain)] : []),
      ...differences.map((d) => describeFillDifference(d, topK, domain)),
    ],
  };
}
