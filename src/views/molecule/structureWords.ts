// The words the structure view and its export use for a mask, a verdict and the best valid fill,
// so that the exported figure says what the page says. Pure.
import { formatPercent } from '../common/format';
import type { SmilesVerdict } from './chemistry';
import type { BestValidFill } from './drawContent';
import type { MaskNote } from './structureContent';

/** The view's title, on the page and in its exports. */
export const STRUCTURE_TITLE = 'Structures';

/** "Mask 2 (was O)": a slot's name wherever the view lists it. */
export function maskName(note: MaskNote | undefined, slot: number): string {
  const was = note?.original;
  return was === null || was === undefined ? `Mask ${slot + 1}` : `Mask ${slot + 1} (was ${was})`;
}

/** The verdict in words: "valid molecule", or "not valid: ring not closed: ...". */
export function verdictText(verdict: SmilesVerdict): string {
  return verdict.valid ? 'valid molecule' : `not valid: ${verdict.reason}`;
}

/** "1st", "2nd", "3rd", "11th", "22nd": a rank in words. */
export function ordinal(rank: number): string {
  const lastTwo = rank % 100;
  const last = rank % 10;
  const suffix =
    lastTwo >= 11 && lastTwo <= 13
      ? 'th'
      : last === 1
        ? 'st'
        : last === 2
          ? 'nd'
          : last === 3
            ? 'rd'
            : 'th';
  return `${rank}${suffix}`;
}

/** "the 3rd most likely fill": which of the N best joint fills the best valid fill is. */
export function fillRank(rank: number): string {
  return `the ${ordinal(rank)} most likely fill`;
}

/** The heading over the best valid fill's drawing. */
export function bestValidHeading(rank: number): string {
  return `Best valid fill: ${fillRank(rank)}`;
}

/** How likely the best valid fill is beside the best joint fill, as a share of its probability. */
export function relativeText(relative: number): string {
  return `Its probability is ${formatPercent(relative)} of the best joint fill’s.`;
}

/** The line under the best joint fill when there is no later fill to draw: the best fill is valid
 *  already, or none of the N best is; null for a later fill. */
export function bestValidLineText(bestValid: BestValidFill): string | null {
  if (bestValid.kind === 'best')
    return 'The best joint fill is a valid molecule, so it is also the best valid fill.';
  if (bestValid.kind === 'none')
    return `None of the model’s ${bestValid.searched} most likely fills is a valid molecule.`;
  return null;
}
