// Derived values, computed from the store in one place so every view agrees on them.
import { type InputMode, splitterFor } from '../core/inputMode';
import { type SmilesCheck, checkSmiles, checkVocabulary } from '../core/smilesChecks';
import { type Word, effectiveMasks, maskedText } from '../core/words';
import { QUIZ_TOP_K } from './quizScoring';
import type { PlaygroundState } from './store';
import type { AnalysisResult } from './types';

/** Remembers the last result, so a selector that builds an array returns the same array for
 *  the same input: React re-renders (and loops) on a new array every time otherwise. */
function memoizeLast<A extends readonly unknown[], R>(
  compute: (...args: A) => R,
): (...args: A) => R {
  let lastArgs: A | null = null;
  let lastResult: R;
  return (...args: A) => {
    if (lastArgs === null || args.some((arg, i) => !Object.is(arg, lastArgs?.[i]))) {
      lastResult = compute(...args);
      lastArgs = args;
    }
    return lastResult;
  };
}

const wordsOf = memoizeLast((text: string, mode: InputMode) => splitterFor(mode)(text));
const masksOf = memoizeLast((words: Word[], masks: number[]) => effectiveMasks(words, masks));

/** The editor's maskable units: its words, or its SMILES tokens in molecule mode. */
export const selectWords = (s: PlaygroundState): Word[] => wordsOf(s.text, s.mode);

/** Unit indices masked in the model input (chosen masks and typed [MASK]s). */
export const selectEffectiveMasks = (s: PlaygroundState): number[] =>
  masksOf(selectWords(s), s.masks);

/** What the model reads for the current editor content. */
export const selectModelInput = (s: PlaygroundState): string =>
  maskedText(s.text, selectEffectiveMasks(s), splitterFor(s.mode));

/** The result, only while it was computed for exactly the text now in the editor. */
export const selectCurrentResult = (s: PlaygroundState): AnalysisResult | null =>
  s.results !== null && s.results.input === selectModelInput(s) ? s.results : null;

/** The last result the page has and whether it is stale: computed for other text than the
 *  editor's (the text changed and its analysis has not arrived yet, or it failed). */
export interface ShownResult {
  result: AnalysisResult;
  stale: boolean;
}

const shownResultOf = memoizeLast(
  (result: AnalysisResult | null, input: string): ShownResult | null =>
    result === null ? null : { result, stale: result.input !== input },
);

/** The last result, kept on screen while a new analysis runs (the views dim it); null only when
 *  there is none (no model, empty text, before the first answer). */
export const selectShownResult = (s: PlaygroundState): ShownResult | null =>
  shownResultOf(s.results, selectModelInput(s));

export type InputProblem = 'empty' | 'no-mask' | 'all-masked';

/** What is wrong with the input, if anything; 'all-masked' still gets analysed. Words the model
 *  does not see (only invisible characters) do not count. */
export function selectInputProblem(s: PlaygroundState): InputProblem | null {
  const words = selectWords(s).filter((w) => !w.ignored);
  if (words.length === 0) return 'empty';
  const masked = selectEffectiveMasks(s).length;
  if (masked === 0) return 'no-mask';
  if (masked === words.length) return 'all-masked';
  return null;
}

const smilesChecksOf = memoizeLast(
  (text: string, limitTokens: number | null, modelTokens: readonly string[] | null) => {
    const checks = checkSmiles(text, { limitTokens });
    const vocabulary = modelTokens === null ? null : checkVocabulary(text, modelTokens);
    return vocabulary === null ? checks : [...checks, vocabulary];
  },
);
const NO_CHECKS: SmilesCheck[] = [];

/** What is wrong with the SMILES in the editor (molecule mode; none in text mode): the syntax
 *  checks, the model's length limit once it is loaded, and the tokens its vocabulary lacks once it
 *  has read this input. */
export function selectSmilesChecks(s: PlaygroundState): SmilesCheck[] {
  if (s.mode !== 'molecules') return NO_CHECKS;
  const load = s.modelLoad.exlm;
  const limit = load.phase === 'ready' ? load.info.config.max_positions : null;
  return smilesChecksOf(s.text, limit, selectCurrentResult(s)?.exlm.tokens ?? null);
}

/** True when the input must not go to the model: a molecule-mode check that blocks (an empty
 *  input, text in place of a SMILES, one over the model's limit). */
const selectInputBlocked = (s: PlaygroundState): boolean =>
  selectSmilesChecks(s).some((check) => check.blocking);

/** What the worker should analyse for the current state: the one description of an analysis
 *  request, which the controller both compares (a change means a new run) and sends. */
export interface AnalysisPlan {
  /** The masked text the model reads. */
  input: string;
  /** Loaded model names, the ExLM first, then its MLM twin when Compare needs it. */
  models: string[];
  topK: number;
  attention: boolean;
}

/** True while a view shows the MLM twin (Compare, the class quiz, the mask-ratio experiment): the
 *  twin is loaded only then. */
export const selectTwinNeeded = (s: PlaygroundState): boolean =>
  selectTwinInAnalysis(s) || s.openViews.includes('experiment');

/** True while a view shows the twin's analysis of the editor's text (Compare, the class quiz); the
 *  experiment runs the twin on its own sentences, so it loads the twin but leaves this false. */
export const selectTwinInAnalysis = (s: PlaygroundState): boolean =>
  s.openViews.includes('compare') || s.openViews.includes('quiz');

/** The analysis the page needs now; null when there is nothing to analyse (no words, a SMILES the
 *  model cannot read, or the model is not ready). The twin joins only while a view needs it and the twin is ready. While
 *  the class quiz is open, at least QUIZ_TOP_K candidates per slot (the views still list topK). */
export function selectAnalysisPlan(s: PlaygroundState): AnalysisPlan | null {
  const exlm = s.modelNames.exlm;
  if (exlm === null || s.modelLoad.exlm.phase !== 'ready') return null;
  if (selectInputProblem(s) === 'empty' || selectInputBlocked(s)) return null;
  const twin = s.modelNames.mlm;
  const withTwin = twin !== null && selectTwinInAnalysis(s) && s.modelLoad.mlm.phase === 'ready';
  return {
    input: selectModelInput(s),
    models: withTwin ? [exlm, twin] : [exlm],
    topK: s.openViews.includes('quiz') ? Math.max(s.topK, QUIZ_TOP_K) : s.topK,
    attention: s.openViews.includes('attention'),
  };
}
