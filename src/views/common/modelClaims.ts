// Claims that a view's text makes about what the shipped models (models/exlm-en-small and its twin
// models/mlm-en-small) do with a sentence, as data, and the check of one claim against an analysis.
// The gallery's captions (src/views/gallery/examples.ts) and the guided lesson
// (src/views/lesson/lessonSteps.ts) write their claims this way; their *.models.test.ts files run
// both models on each sentence and check every claim, so the text cannot promise what the models
// do not show.
import type { Analysis } from '../../model/types';

/** Which shipped model a claim is about. */
export type ShippedModel = 'exlm' | 'mlm';

/** The most guesses per slot a claim looks at (notInTop, probs). */
export const CLAIM_TOP_K = 10;

/** One checkable claim about an example, for one model or both. */
export interface Expectation {
  /** The model the claim is about; both when absent. */
  model?: ShippedModel;
  /** The best joint fill's text, exactly. */
  fill?: string;
  /** 0-based mask, left to right: the claims below are about its guesses. */
  slot?: number;
  /** The first guess. */
  top?: string;
  /** Words among the first `within` guesses (default 5). */
  topIncludes?: string[];
  within?: number;
  /** Words not among the first 10 guesses. */
  notInTop?: string[];
  /** Probability ranges [min, max] of words among the first 10 guesses. */
  probs?: Record<string, [number, number]>;
  /** The first guess's probability is at most this. */
  maxProb?: number;
  /** The first guess's probability is at least this. */
  minProb?: number;
  /** Entropy bounds, in nats. */
  minEntropy?: number;
  maxEntropy?: number;
}

const percent = (p: number): string => `${(100 * p).toFixed(1)}%`;

/** One slot as a model saw it: its first guesses with their probabilities and its entropy. */
function describeSlot(analysis: Analysis, slot: number): string {
  const s = analysis.masks[slot];
  if (s === undefined) return `slot ${slot}: none`;
  const top = s.top
    .slice(0, CLAIM_TOP_K)
    .map((t) => `${t.token} ${percent(t.prob)}`)
    .join(', ');
  const picks = Math.exp(s.entropy).toFixed(0);
  return `slot ${slot}: ${top}; entropy ${s.entropy.toFixed(3)} nats (a pick among ${picks})`;
}

/** Everything a claim about an analysis may need to be rewritten: every slot's first guesses,
 *  probabilities and entropy, and the best joint fill. One line each. */
export function describeAnalysis(analysis: Analysis): string {
  return [
    ...analysis.masks.map((_, i) => describeSlot(analysis, i)),
    `fill: "${analysis.fill.text}"`,
  ].join('\n');
}

/** What is wrong with `claim` on `analysis`: one line per broken part, empty when it holds. The
 *  claim's `model` is not looked at: the caller picks the analysis. */
export function expectationFailures(analysis: Analysis, claim: Expectation): string[] {
  const failures: string[] = [];
  if (claim.fill !== undefined && analysis.fill.text !== claim.fill) {
    failures.push(`fill is "${analysis.fill.text}", not "${claim.fill}"`);
  }
  if (claim.slot === undefined) return failures;
  const slot = analysis.masks[claim.slot];
  if (slot === undefined) {
    failures.push(`slot ${claim.slot} does not exist (${analysis.masks.length} masks)`);
    return failures;
  }
  const at = `slot ${claim.slot}`;
  const top = slot.top.slice(0, CLAIM_TOP_K);
  const tokens = top.map((t) => t.token);
  if (claim.top !== undefined && tokens[0] !== claim.top) {
    failures.push(`${at}: first guess is "${tokens[0] ?? ''}", not "${claim.top}"`);
  }
  const within = claim.within ?? 5;
  for (const word of claim.topIncludes ?? []) {
    if (!tokens.slice(0, within).includes(word)) {
      failures.push(`${at}: "${word}" is not among the first ${within} guesses`);
    }
  }
  for (const word of claim.notInTop ?? []) {
    if (tokens.includes(word)) {
      failures.push(`${at}: "${word}" is among the first ${CLAIM_TOP_K} guesses`);
    }
  }
  for (const [word, [min, max]] of Object.entries(claim.probs ?? {})) {
    const prob = top.find((t) => t.token === word)?.prob;
    if (prob === undefined) {
      failures.push(`${at}: "${word}" is not among the first ${CLAIM_TOP_K} guesses`);
    } else if (prob < min || prob > max) {
      failures.push(`${at}: p("${word}") is ${percent(prob)}, not ${percent(min)}-${percent(max)}`);
    }
  }
  const first = top[0]?.prob ?? 0;
  if (claim.maxProb !== undefined && first > claim.maxProb) {
    failures.push(`${at}: first guess at ${percent(first)}, above ${percent(claim.maxProb)}`);
  }
  if (claim.minProb !== undefined && first < claim.minProb) {
    failures.push(`${at}: first guess at ${percent(first)}, below ${percent(claim.minProb)}`);
  }
  if (claim.minEntropy !== undefined && slot.entropy < claim.minEntropy) {
    failures.push(`${at}: entropy ${slot.entropy.toFixed(3)} below ${claim.minEntropy.toFixed(3)}`);
  }
  if (claim.maxEntropy !== undefined && slot.entropy > claim.maxEntropy) {
    failures.push(`${at}: entropy ${slot.entropy.toFixed(3)} above ${claim.maxEntropy.toFixed(3)}`);
  }
  return failures;
}

/** Throws when `claim` does not hold on `analysis`, with a message that names `where`, every broken
 *  part of the claim and what the model said instead (first guesses, entropy, fill). */
export function checkExpectation(analysis: Analysis, claim: Expectation, where: string): void {
  const failures = expectationFailures(analysis, claim);
  if (failures.length === 0) return;
  throw new Error(
    `${where}: claim ${JSON.stringify(claim)} does not hold:\n` +
      failures.map((f) => `  - ${f}`).join('\n') +
      `\nThe model said:\n${describeAnalysis(analysis).replace(/^/gm, '  ')}`,
  );
}
