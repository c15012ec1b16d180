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
