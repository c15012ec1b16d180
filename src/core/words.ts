// The editor's chips are words, split the way the model's tokenizer splits text (the shipped
// models' BertNormalizer and BertPreTokenizer, as @huggingface/tokenizers runs them), so that
// masking a chip masks exactly what the model sees as one word:
// - a typed special token ("[MASK]", "[SEP]", ...) is one word; a typed "[MASK]" is always masked;
// - each punctuation mark (Unicode P, and every ASCII symbol such as "$" or "<") is a word alone,
//   and so is each CJK ideograph;
// - everything else between spaces (letters, digits, marks, other symbols, emoji) runs together;
// - invisible and control characters (zero-width, bidi controls, soft hyphen, NUL, ...: HIDDEN
//   below) are deleted by the tokenizer before it splits, so they split nothing: they belong to the
//   word around them. A word made only of them (or of lone combining accents, which the tokenizer
//   also drops) is one the model never sees: it is `ignored` and cannot be masked.
// src/core/words-tokenizer.test.ts holds these rules to the tokenizer, character by character.

export const MASK_TOKEN = '[MASK]';

export interface Word {
  text: string;
  /** Character offsets in the text: text.slice(start, end) === word.text. */
  start: number;
  end: number;
  /** True for a literal [MASK] typed into the text. */
  literalMask: boolean;
  /** True when the model sees none of its characters (only invisible or control characters, or
   *  lone combining accents): it cannot be masked, and a mask on it has no effect. */
  ignored: boolean;
}

/** Characters the tokenizer deletes: controls (Cc) but tab, newline and carriage return, format
 *  characters (Cf: zero-width, bidi controls, soft hyphen, byte order mark), private use (Co),
 *  lone surrogates (Cs) and U+FFFD. For a RegExp character class with the u flag. */
const HIDDEN = '\\0-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\p{Cf}\\p{Co}\\p{Cs}\\uFFFD';
/** What separates words: the tokenizer turns these into spaces. */
const SPACE = '\\t\\n\\r\\p{Zs}\\u2028\\u2029';
/** Punctuation as BERT's pre-tokenizer sees it: Unicode P and all ASCII symbols, and the few
 *  characters whose accents the normalizer strips down to an ASCII symbol ("≠" to "="). */
const PUNCT = '\\p{P}!-\\/:-@\\[-`{-~\\u1FEF\\u2260\\u226E\\u226F';
/** CJK ideographs the normalizer sets apart (the BMP ranges, as the JS tokenizer checks them). */
const CJK = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';

const WORD_PATTERN = new RegExp(
  `\\[(?:MASK|CLS|SEP|PAD|UNK)\\]|[${CJK}]|[${PUNCT}]|[^${SPACE}${PUNCT}${CJK}]+`,
  'gu',
);
const IGNORED_WORD = new RegExp(`^[${HIDDEN}\\p{Mn}]+$`, 'u');

/** A splitter of a text into its maskable units: splitWords (text), splitSmiles (molecules). */
export type Splitter = (text: string) => Word[];

export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    const start = match.index;
    words.push({
      text: match[0],
      start,
      end: start + match[0].length,
      literalMask: match[0] === MASK_TOKEN,
      ignored: IGNORED_WORD.test(match[0]),
    });
  }
  return words;
}

/** Word indices that are masks in the model input: chosen masks plus literal [MASK]s, sorted;
 *  never a word the model does not see. */
export function effectiveMasks(words: readonly Word[], masks: readonly number[]): number[] {
  const chosen = new Set(masks.filter((i) => words[i] !== undefined && !words[i].ignored));
  words.forEach((word, i) => {
    if (word.literalMask) chosen.add(i);
  });
  return [...chosen].sort((a, b) => a - b);
}

/** The text the model reads: each masked word replaced by [MASK], everything else kept as typed
 *  (invisible characters included: the model's tokenizer deletes them). `split` gives the words
 *  the masks count (SMILES tokens in molecule mode). */
export function maskedText(
  text: string,
  masks: readonly number[],
  split: Splitter = splitWords,
): string {
  const words = split(text);
  const masked = new Set(masks);
  let out = '';
  let cursor = 0;
  words.forEach((word, i) => {
    if (!masked.has(i) || word.ignored) return;
    out += text.slice(cursor, word.start) + MASK_TOKEN;
    cursor = word.end;
  });
  return out + text.slice(cursor);
}

/**
 * Keeps masks on the same words across an edit: words before the edited region keep their index,
 * words after it shift by the change in word count, masks on words inside the edit are dropped.
 */
export function remapMasks(
  oldText: string,
  newText: string,
  masks: readonly number[],
  split: Splitter = splitWords,
): number[] {
  const before = split(oldText).map((w) => w.text);
  const after = split(newText).map((w) => w.text);
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

// ---- Invisible and control characters -------------------------------------------------------

/** One invisible or control character in a text. */
export interface HiddenChar {
  /** Offset in the text (UTF-16 code units). */
  index: number;
  /** The character itself (two code units for one outside the BMP). */
  char: string;
  codePoint: number;
  /** "U+200B". */
  label: string;
  /** "ZERO WIDTH SPACE", or what kind of character it is. */
  name: string;
  /** How the page shows it: "⟨U+200B⟩". */
  marker: string;
}

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0xad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (byte order mark)',
  0xfffd: 'REPLACEMENT CHARACTER',
};

function nameOf(char: string, codePoint: number): string {
  const known = NAMES[codePoint];
  if (known !== undefined) return known;
  if (/\p{Cc}/u.test(char)) return 'control character';
  if (/\p{Co}/u.test(char)) return 'private-use character';
  if (/\p{Cs}/u.test(char)) return 'lone surrogate (half of a broken character)';
  return 'invisible format character';
}

/** An emoji sequence (a family, a flag of tags, a skin tone) keeps its zero-width joiners and
 *  tags: they are part of how the emoji is drawn, not hidden text. Matched first, then skipped. */
const EMOJI_PART = '\\p{Extended_Pictographic}[\\p{Emoji_Modifier}\\uFE0F\\u{E0020}-\\u{E007F}]*';
const HIDDEN_SCAN = new RegExp(
  `${EMOJI_PART}(?:\\u200D${EMOJI_PART})*|(?<hidden>[${HIDDEN}])`,
  'gu',
);

/** The invisible and control characters in `text`, in order (the joiners inside emoji
 *  sequences excepted). */
export function findHiddenChars(text: string): HiddenChar[] {
  const found: HiddenChar[] = [];
  for (const match of text.matchAll(HIDDEN_SCAN)) {
    const char = match.groups?.hidden;
    if (char === undefined) continue;
    const codePoint = char.codePointAt(0) ?? 0;
    const label = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    found.push({
      index: match.index,
      char,
      codePoint,
      label,
      name: nameOf(char, codePoint),
      marker: `⟨${label}⟩`,
    });
  }
  return found;
}

/** `text` with each invisible or control character written as its marker ("⟨U+202E⟩"): safe to
 *  show inside a message, where a bidi control would reorder the words around it. */
export function showHidden(text: string): string {
  let out = '';
  let cursor = 0;
  for (const hidden of findHiddenChars(text)) {
    out += text.slice(cursor, hidden.index) + hidden.marker;
    cursor = hidden.index + hidden.char.length;
  }
  return out + text.slice(cursor);
}

/** A piece of a chip's label: plain text, or one hidden character to show as its marker. */
export interface ChipPart {
  text: string;
  hidden: HiddenChar | null;
}

/** Each word's label in pieces, the hidden characters (from findHiddenChars(text)) apart. */
export function chipParts(words: readonly Word[], hidden: readonly HiddenChar[]): ChipPart[][] {
  let h = 0;
  return words.map((word) => {
    const parts: ChipPart[] = [];
    let cursor = word.start;
    while (h < hidden.length && (hidden[h]?.index ?? Infinity) < word.end) {
      const next = hidden[h] as HiddenChar;
      h += 1;
      if (next.index < word.start) continue;
      if (next.index > cursor)
        parts.push({
          text: word.text.slice(cursor - word.start, next.index - word.start),
          hidden: null,
        });
      parts.push({ text: next.char, hidden: next });
      cursor = next.index + next.char.length;
    }
    if (cursor < word.end) parts.push({ text: word.text.slice(cursor - word.start), hidden: null });
    return parts;
  });
}

/**
 * `text` without its invisible and control characters, and the masks moved to the same words
 * (words made only of such characters disappear, so later indices shift).
 */
export function removeHiddenChars(
  text: string,
  masks: readonly number[],
): { text: string; masks: number[] } {
  const hidden = findHiddenChars(text);
  if (hidden.length === 0) return { text, masks: [...masks] };
  // newOffset[i]: where the code unit at i of the old text lands in the new one.
  const newOffset = new Int32Array(text.length + 1);
  const removed = new Uint8Array(text.length);
  for (const h of hidden) removed.fill(1, h.index, h.index + h.char.length);
  let out = '';
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    newOffset[i] = kept;
    if (removed[i] === 1) continue;
    kept += 1;
  }
  newOffset[text.length] = kept;
  let start = 0;
  for (const h of hidden) {
    out += text.slice(start, h.index);
    start = h.index + h.char.length;
  }
  out += text.slice(start);

  const oldWords = splitWords(text);
  const newWords = splitWords(out);
  const moved = new Set<number>();
  for (const index of masks) {
    const word = oldWords[index];
    if (word === undefined || word.ignored) continue;
    let first = word.start;
    while (first < word.end && removed[first] === 1) first += 1;
    const at = newOffset[first] ?? -1;
    const target = newWords.findIndex((w) => w.start <= at && at < w.end);
    if (target >= 0) moved.add(target);
  }
  return { text: out, masks: [...moved].sort((a, b) => a - b) };
}
