// Scoring of the class quiz, as pure functions: what the class typed for a masked word, how it
// compares with the hidden word, and where the hidden word ranks among a model's listed guesses.
// Words are compared the way the models' tokenizer sees them (lower case, accents stripped,
// invisible characters dropped) and without surrounding punctuation ("Bank!" is "bank").
import { MAX_TOP_K } from '../core/defaults';
import type { SlotPrediction } from '../model/types';

/** Candidates the analysis lists per slot while the quiz is open: the most the page asks for, so
 *  a hidden word that is no model's favourite still gets a rank more often. */
export const QUIZ_TOP_K = MAX_TOP_K;

/** Invisible and control characters (the tokenizer deletes them) and combining marks (its accent
 *  stripping drops them). */
const DROPPED = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{M}\uFFFD]/gu;
/** Punctuation and the ASCII-like symbols ($, +, <, =, >, ^, `, |, ~) at either end of a word. */
const EDGE_PUNCTUATION = /^[\p{P}\p{Sc}\p{Sk}\p{Sm}]+|[\p{P}\p{Sc}\p{Sk}\p{Sm}]+$/gu;
const ONLY_PUNCTUATION = /^[\p{P}\p{Sc}\p{Sk}\p{Sm}]+$/u;
/** "[MASK]" in any case and spacing: what the model reads, never an answer. */
const MASK_PATTERN = /\[\s*mask\s*\]/iu;
/** Between several guesses in one field. */
const GUESS_SEPARATOR = /[,;]/u;

/** A word as the quiz compares it: lower case, no accents, no invisible characters, single
 *  spaces, no punctuation at either end (a word that is only punctuation, such as ".", stays). */
export function normaliseWord(raw: string): string {
  const plain = raw
    .normalize('NFKD')
    .replace(DROPPED, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
  const stripped = plain.replace(EDGE_PUNCTUATION, '').trim();
  return stripped === '' ? plain : stripped;
}

/** True when a typed guess names the mask itself ("[MASK]", "[mask]."): never a guess. */
export function isMaskGuess(raw: string): boolean {
  return MASK_PATTERN.test(raw);
}

/** The guesses typed into one field, in order: separated by commas (or semicolons), blanks and
 *  "[MASK]" left out. A field holding only punctuation (",", ".") is one guess of that mark. */
export function parseGuesses(raw: string): string[] {
  const trimmed = raw.trim();
  if (trimmed === '') return [];
  if (ONLY_PUNCTUATION.test(trimmed)) return [trimmed];
  return trimmed
    .split(GUESS_SEPARATOR)
    .map((guess) => guess.trim())
    .filter((guess) => guess !== '' && !isMaskGuess(guess) && normaliseWord(guess) !== '');
}

/** True when a guess is the hidden word, up to case, accents and surrounding punctuation. */
export function sameWord(guess: string, hidden: string): boolean {
  if (isMaskGuess(guess)) return false;
  const a = normaliseWord(guess);
  return a !== '' && a === normaliseWord(hidden);
}

/** Where a hidden word stands in one model's guesses for its slot. */
export interface ModelOutcome {
  /** 1-based rank of the hidden word among the listed tokens; null when it is not among them. */
  rank: number | null;
  /** The model's probability of the hidden word; null when it is not among the listed tokens. */
  prob: number | null;
  /** How many tokens the analysis listed: the k of "not in the top k". */
  listed: number;
  /** The model's first guess, or null when it listed none. */
  top: { token: string; prob: number } | null;
  /** True when the model's first guess is the hidden word. */
  right: boolean;
}

export function modelOutcome(slot: SlotPrediction, hidden: string): ModelOutcome {
  const index = slot.top.findIndex((t) => sameWord(t.token, hidden));
  const first = slot.top[0];
  return {
    rank: index < 0 ? null : index + 1,
    prob: index < 0 ? null : (slot.top[index]?.prob ?? null),
    listed: slot.top.length,
    top: first === undefined ? null : { token: first.token, prob: first.prob },
    right: index === 0,
  };
}

/** One masked word after the reveal. */
export interface QuizSlotResult {
  /** Index of the masked word in the text it was revealed on. */
  wordIndex: number;
  /** The word that was masked; null for a typed [MASK], which hides nothing and is not scored. */
  hidden: string | null;
  /** What the class said, as typed. */
  typed: string;
  /** The class's guesses in order; the first one counts for the score. */
  guesses: string[];
  /** Whether the class's first guess was the hidden word; null when the slot is not scored. */
  classRight: boolean | null;
  /** 1-based position of the first of the class's guesses that was right; null when none was. */
  rightGuess: number | null;
  /** null when the slot is not scored or that model gave no analysis of it. */
  exlm: ModelOutcome | null;
  mlm: ModelOutcome | null;
}

export interface QuizSlotInput {
  wordIndex: number;
  hidden: string | null;
  typed: string;
}

export function scoreSlot(
  input: QuizSlotInput,
  exlm: SlotPrediction | undefined,
  mlm: SlotPrediction | undefined,
): QuizSlotResult {
  const guesses = parseGuesses(input.typed);
  const { hidden } = input;
  if (hidden === null) {
    return {
      ...input,
      guesses,
      classRight: null,
      rightGuess: null,
      exlm: null,
      mlm: null,
    };
  }
  const right = guesses.findIndex((guess) => sameWord(guess, hidden));
  return {
    ...input,
    guesses,
    classRight: right === 0,
    rightGuess: right < 0 ? null : right + 1,
    exlm: exlm === undefined ? null : modelOutcome(exlm, hidden),
    mlm: mlm === undefined ? null : modelOutcome(mlm, hidden),
  };
}

/** Right answers out of the slots scored for one contestant. */
export interface Score {
  right: number;
  of: number;
}

export interface QuizTotals {
  class: Score;
  exlm: Score;
  /** The MLM twin: it is scored only on slots it analysed (none when no twin is loaded). */
  mlm: Score;
}

export const EMPTY_TOTALS: QuizTotals = {
  class: { right: 0, of: 0 },
  exlm: { right: 0, of: 0 },
  mlm: { right: 0, of: 0 },
};

/** The round's scores: the class on every slot that hides a word, each model on the slots it
 *  analysed; a slot counts as right for a model when its first guess is the hidden word. */
export function roundScore(slots: readonly QuizSlotResult[]): QuizTotals {
  const add = (score: Score, right: boolean | null | undefined): Score =>
    right === null || right === undefined
      ? score
      : { right: score.right + (right ? 1 : 0), of: score.of + 1 };
  return slots.reduce<QuizTotals>(
    (t, slot) => ({
      class: add(t.class, slot.classRight),
      exlm: add(t.exlm, slot.exlm?.right),
      mlm: add(t.mlm, slot.mlm?.right),
    }),
    EMPTY_TOTALS,
  );
}

export function addTotals(a: QuizTotals, b: QuizTotals): QuizTotals {
  const sum = (x: Score, y: Score): Score => ({ right: x.right + y.right, of: x.of + y.of });
  return { class: sum(a.class, b.class), exlm: sum(a.exlm, b.exlm), mlm: sum(a.mlm, b.mlm) };
}
