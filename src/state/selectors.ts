// Derived values, computed from the store in one place so every view agrees on them.
import type { Analysis } from '../model/types';
import type { PlaygroundState } from './store';
import type { AnalysisResult } from './types';
import { type Word, effectiveMasks, maskedText, splitWords } from './words';

export const selectWords = (s: PlaygroundState): Word[] => splitWords(s.text);

/** Word indices masked in the model input (chosen masks and typed [MASK]s). */
export const selectEffectiveMasks = (s: PlaygroundState): number[] =>
  effectiveMasks(splitWords(s.text), s.masks);

/** What the model reads for the current editor content. */
export const selectModelInput = (s: PlaygroundState): string =>
  maskedText(s.text, selectEffectiveMasks(s));

/** The result, only while it was computed for exactly the text now in the editor. */
export const selectCurrentResult = (s: PlaygroundState): AnalysisResult | null =>
  s.results !== null && s.results.input === selectModelInput(s) ? s.results : null;

export const selectCurrentAnalysis = (s: PlaygroundState): Analysis | null =>
  selectCurrentResult(s)?.exlm ?? null;

export type InputProblem = 'empty' | 'no-mask' | 'all-masked';

/** What is wrong with the input, if anything; 'all-masked' still gets analysed. */
export function selectInputProblem(s: PlaygroundState): InputProblem | null {
  const words = splitWords(s.text);
  if (words.length === 0) return 'empty';
  const masked = effectiveMasks(words, s.masks).length;
  if (masked === 0) return 'no-mask';
  if (masked === words.length) return 'all-masked';
  return null;
}
