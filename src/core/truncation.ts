// Text over the model's limit is cut at a word boundary so that what remains fits; the page then
// says the limit and shows what was cut. Pure: the token counter is passed in.
import { splitWords } from './words';

/** Text over the model's limit: what was analysed and what was cut off the end. */
export interface Truncation {
  /** Longest input in tokens, [CLS] and [SEP] included (config.max_positions). */
  limitTokens: number;
  keptText: string;
  cutText: string;
}

/**
 * Returns null when `text` fits in `limitTokens` (as counted by `countTokens`, [CLS] and [SEP]
 * included), else the longest prefix of whole words that fits and the rest.
 */
export function fitToLimit(
  text: string,
  limitTokens: number,
  countTokens: (text: string) => number,
): Truncation | null {
  if (countTokens(text) <= limitTokens) return null;
  const words = splitWords(text);
  // Binary search for the most words whose prefix fits (token counts grow with the prefix).
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const end = words[mid - 1]?.end ?? 0;
    if (countTokens(text.slice(0, end)) <= limitTokens) low = mid;
    else high = mid - 1;
  }
  const cutAt = low === 0 ? 0 : (words[low - 1]?.end ?? 0);
  return { limitTokens, keptText: text.slice(0, cutAt), cutText: text.slice(cutAt).trim() };
}
