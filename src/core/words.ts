// The editor's chips are words, split the way the model's BERT pre-tokenizer splits text (runs of
// letters and digits, each punctuation mark on its own), so that masking a chip masks exactly what
// the model sees as one word. A literal "[MASK]" typed in the text is one word that is always masked.

export const MASK_TOKEN = '[MASK]';

export interface Word {
  text: string;
  /** Character offsets in the text: text.slice(start, end) === word.text. */
  start: number;
  end: number;
  /** True for a literal [MASK] typed into the text. */
  literalMask: boolean;
}

// [MASK] first so it is not split into "[", "MASK", "]"; then letters/digits/marks; then any other
// visible character (punctuation, symbols) alone.
const WORD_PATTERN = /\[MASK\]|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    const start = match.index;
    words.push({
      text: match[0],
      start,
      end: start + match[0].length,
      literalMask: match[0] === MASK_TOKEN,
    });
  }
  return words;
}

/** Word indices that are masks in the model input: chosen masks plus literal [MASK]s, sorted. */
export function effectiveMasks(words: readonly Word[], masks: readonly number[]): number[] {
  const chosen = new Set(masks.filter((i) => i >= 0 && i < words.length));
  words.forEach((word, i) => {
    if (word.literalMask) chosen.add(i);
  });
  return [...chosen].sort((a, b) => a - b);
}

/** The text the model reads: each masked word replaced by [MASK], everything else kept as typed. */
export function maskedText(text: string, masks: readonly number[]): string {
  const words = splitWords(text);
  const masked = new Set(masks);
  let out = '';
  let cursor = 0;
  words.forEach((word, i) => {
    if (!masked.has(i)) return;
    out += text.slice(cursor, word.start) + MASK_TOKEN;
    cursor = word.end;
  });
  return out + text.slice(cursor);
}

/**
 * Keeps masks on the same words across an edit: words before the edited region keep their index,
 * words after it shift by the change in word count, masks on words inside the edit are dropped.
 */
export function remapMasks(oldText: string, newText: string, masks: readonly number[]): number[] {
  const before = splitWords(oldText).map((w) => w.text);
  const after = splitWords(newText).map((w) => w.text);
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) {
    prefix += 1;
  }
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const shift = after.length - before.length;
  const kept: number[] = [];
  for (const index of masks) {
    if (index < prefix) kept.push(index);
    else if (index >= before.length - suffix && index < before.length) kept.push(index + shift);
  }
  return kept;
}
