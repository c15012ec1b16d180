// Labels of tokens and positions in the views that look inside ExLM (numbers: ./format.ts).
// Pure functions: the same strings are asserted in unit tests and read by e2e tests.

const SUBSCRIPT_DIGITS = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

/** Writes a non-negative integer with Unicode subscript digits: 12 -> "₁₂". */
export function subscript(n: number): string {
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`subscript() needs a non-negative integer, got ${n}`);
  }
  return String(n)
    .split('')
    .map((digit) => SUBSCRIPT_DIGITS[Number(digit)])
    .join('');
}

/** Label of one expanded entry: the token, with its copy index as a subscript when its source
 *  token was expanded into several copies ("[MASK]₂"). A single copy (the MLM twin, k = 1) and
 *  ordinary tokens (copy 0) keep the bare token, since an index of 1 would tell nothing. */
export function expandedTokenLabel(token: string, copy: number, copies: number): string {
  return copy > 0 && copies > 1 ? `${token}${subscript(copy)}` : token;
}

/** Cuts long tokens so that labels fit a fixed box; the full token goes in a tooltip. */
export function truncateLabel(text: string, maxChars: number): string {
  if (maxChars < 2) throw new Error(`truncateLabel() needs maxChars >= 2, got ${maxChars}`);
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/** The 2D rotary position of an expanded entry as the paper writes it: (pos1, pos2). */
export function formatPosition(pos1: number, pos2: number): string {
  return `(${pos1}, ${pos2})`;
}
