// Putting a lesson step on the page: the step's number, mode, sentence, masks, open views and
// top-k go into the store, the same state a link holds, and the controller and views follow as they
// do for any other change. The model is left alone, so a link's model stays (a step in the other
// mode loads the model that mode had, as the mode switch does).
import { type InputMode, splitterFor } from '../../core/inputMode';
import { effectiveMasks } from '../../core/words';
import type { PlaygroundState } from '../../state/store';
import type { ViewId } from '../../state/viewIds';
import { LESSON_STEPS, type LessonStep, stepMode } from './lessonSteps';

/** The store actions a step uses. */
export type LessonActions = Pick<
  PlaygroundState,
  'setLessonStep' | 'setDocument' | 'setOpenViews' | 'setTopK'
>;

/** A step number kept inside the lesson (a link may hold one past its end). */
export function clampStep(index: number, steps: readonly LessonStep[] = LESSON_STEPS): number {
  if (!Number.isFinite(index)) return 0;
  return Math.min(steps.length - 1, Math.max(0, Math.round(index)));
}

/** The view the open step is about (the page shows it first, under the step's text), or null
 *  while the lesson is closed. */
export function lessonLeadView(
  step: number | null,
  steps: readonly LessonStep[] = LESSON_STEPS,
): ViewId | null {
  return step === null ? null : (steps[clampStep(step, steps)]?.view ?? null);
}

/** Opens step `index` (clamped to the lesson) on its `variant`-th sentence (the first unless
 *  asked otherwise) and returns the step number it opened. */
export function applyLessonStep(
  actions: LessonActions,
  index: number,
  variant = 0,
  steps: readonly LessonStep[] = LESSON_STEPS,
): number {
  const stepIndex = clampStep(index, steps);
  const step = steps[stepIndex];
  if (step === undefined) return stepIndex;
  const shown = step.variants[variant] ?? step.variants[0];
  actions.setLessonStep(stepIndex, stepMode(step));
  actions.setDocument(shown.text, shown.masks);
  actions.setOpenViews(step.openViews);
  actions.setTopK(step.topK);
  return stepIndex;
}

/** The first step about `mode`'s input: where "Start the lesson" begins in that mode. */
export function firstStepOf(mode: InputMode, steps: readonly LessonStep[] = LESSON_STEPS): number {
  return Math.max(
    0,
    steps.findIndex((step) => stepMode(step) === mode),
  );
}

/** Which of the step's sentences the editor holds now (same mode, text and masks), or null once
 *  the user has changed the text or the masks. */
export function shownVariant(
  step: LessonStep,
  text: string,
  masks: readonly number[],
  mode: InputMode = 'text',
): number | null {
  if (mode !== stepMode(step)) return null;
  const words = splitterFor(mode)(text);
  const now = effectiveMasks(words, masks).join(',');
  const index = step.variants.findIndex(
    (v) => v.text === text && effectiveMasks(words, v.masks).join(',') === now,
  );
  return index < 0 ? null : index;
}
