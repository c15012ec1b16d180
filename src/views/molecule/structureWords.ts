// The words the structure view and its export use for a mask and a verdict. Pure.
import type { SmilesVerdict } from './chemistry';
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
