// What the predictions and compare views (and their figure) say when the input has no masks, in the
// words of the model's domain: a molecule has SMILES tokens to mask, not words. Pure.
import type { InputMode } from '../../core/inputMode';
import { DOMAIN_WORDS } from '../common/domainWords';

/** The view's line: what is missing and what to do. */
export function noMasksMessage(domain: InputMode): string {
  return domain === 'molecules'
    ? 'No masks in this molecule: mask a SMILES token (an atom, a bond, a branch or a ring ' +
        'digit) to see what the model guesses.'
    : 'No masks in this sentence: mask a word to see what the model guesses.';
}

/** The exported figure's line, where there is nothing to click. */
export function noMasksFigureLine(domain: InputMode): string {
  return `No masks in this ${DOMAIN_WORDS[domain].input}.`;
}
