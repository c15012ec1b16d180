// Labels of tokens and positions in the views that look inside ExLM (numbers: ./format.ts).
// Pure functions: the same strings are asserted in unit tests and read by e2e tests.

/** The name of one expanded entry, in two lengths: `full` for text, tooltips and accessible
 *  labels ("mask 2 · copy 3"), `compact` where space is tight, such as axis labels ("m2·c3"). */
export interface EntryName {
  full: string;
  compact: string;
}

/**
 * Names an expanded entry so that a reader can tell the masks apart: a [MASK] by its number, left
 * to right as the predictions view counts them ("mask 2"), and a copy of an expanded token by its
 * copy index ("mask 2 · copy 3", "[SEP] · copy 2"). `maskNumber` is the 1-based number of the mask
 * at this entry's source position, or null for any other token. A single copy (the MLM twin,
 * k = 1) and ordinary tokens (copy 0) carry no copy index, since an index of 1 would tell nothing.
 */
export function entryName(
  token: string,
  maskNumber: number | null,
  copy: number,
  copies: number,
): EntryName {
  const copied = copy > 0 && copies > 1;
  if (maskNumber !== null) {
    return copied
      ? { full: `mask ${maskNumber} · copy ${copy}`, compact: `m${maskNumber}·c${copy}` }
      : { full: `mask ${maskNumber}`, compact: `m${maskNumber}` };
  }
  // The compact form drops the brackets of [CLS]/[SEP]: axis labels are only as wide as the
  // longest of them, and "SEP·c2" still reads as the special token.
  return copied
    ? { full: `${token} · copy ${copy}`, compact: `${token.replace(/^\[(.*)\]$/, '$1')}·c${copy}` }
    : { full: token, compact: token };
}

/** The 1-based number of each masked slot, keyed by its source position (left to right). */
export function maskNumbers(masks: readonly { position: number }[]): Map<number, number> {
  return new Map(masks.map((mask, i) => [mask.position, i + 1]));
}

/** What a view needs to name the entries of one analysis. */
export interface NamedAnalysis {
  tokens: readonly string[];
  masks: readonly { position: number }[];
  expanded: { pos1: Int32Array; pos2: Int32Array };
}

/** The name of expanded entry `index` of an analysis with `copies` copies per expanded token. */
export function expandedEntryName(
  analysis: NamedAnalysis,
  index: number,
  copies: number,
): EntryName {
  const pos1 = analysis.expanded.pos1[index] ?? 0;
  const pos2 = analysis.expanded.pos2[index] ?? 0;
  const numbers = maskNumbers(analysis.masks);
  return entryName(analysis.tokens[pos1] ?? '?', numbers.get(pos1) ?? null, pos2, copies);
}

/** The name of state `state` (an index into `states`), e.g. "mask 2 · copy 4". */
export function stateName(
  analysis: NamedAnalysis & { states: Int32Array },
  state: number,
  copies: number,
): EntryName {
  return expandedEntryName(analysis, analysis.states[state] ?? 0, copies);
}

/** A column heading for a source token: "mask 2" for a masked slot, the token otherwise. */
export function sourceTokenName(token: string, maskNumber: number | null): string {
  return maskNumber === null ? token : `mask ${maskNumber}`;
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
