// The guided lesson, above the views while it is open: the step's text, a "Try this" prompt, the
// step's sentence buttons, Back/Next and a dot per step. Every step is applied through the store
// (applyLessonStep), so the real views show it and a link can hold it. Keyboard: the buttons, and
// while the focus is inside the panel ArrowLeft/PageUp (back), ArrowRight/PageDown (next) and
// Escape (close). On a change of step the focus moves to the step's heading and a live region
// announces it. Editing the text keeps the step open; "Reset this step" puts its sentence back.
import { type KeyboardEvent, useEffect, useId, useRef } from 'react';

import { SHIPPED_PAIR } from '../../core/catalog';
import { selectCurrentResult, selectEffectiveMasks, selectWords } from '../../state/selectors';
import { usePlayground } from '../../state/store';
import {
  entropyInWords,
  formatNats as formatEntropy,
  formatPercent as formatProb,
} from '../common/format';
import { type LessonActions, applyLessonStep, clampStep, shownVariant } from './applyLessonStep';
import { LESSON_STEPS, type LessonStep } from './lessonSteps';
import './Lesson.css';

/** The id of the "Start the lesson" button: the focus goes back to it when the lesson closes. */
export const LESSON_START_ID = 'lesson-start';

function useLessonActions(): LessonActions {
  const setLessonStep = usePlayground((s) => s.setLessonStep);
  const setDocument = usePlayground((s) => s.setDocument);
  const setOpenViews = usePlayground((s) => s.setOpenViews);
  const setTopK = usePlayground((s) => s.setTopK);
  return { setLessonStep, setDocument, setOpenViews, setTopK };
}

/** "Start the lesson": always on the page; opens (or restarts) the lesson at its first step. */
export function LessonStartButton() {
  const actions = useLessonActions();
  const open = usePlayground((s) => s.lessonStep !== null);
  return (
    <button
      type="button"
      id={LESSON_START_ID}
      className="lesson-start"
      onClick={() => applyLessonStep(actions, 0)}
      aria-controls={open ? 'lesson' : undefined}
      data-testid="lesson-start"
    >
      Start the lesson
    </button>
  );
}

/** Each mask's top guess and entropy, in plain words, for the sentence on screen. */
function CertaintyReadout() {
  const result = usePlayground(selectCurrentResult);
  const words = usePlayground(selectWords);
  const maskIndices = usePlayground(selectEffectiveMasks);
  if (result === null) {
    return (
      <p className="lesson__readout lesson__readout--waiting" data-testid="lesson-readout">
        Waiting for the model’s answer…
      </p>
    );
  }
  if (result.exlm.masks.length === 0) return null;
  return (
    <ul className="lesson__readout" data-testid="lesson-readout" aria-label="What the model says">
      {result.exlm.masks.map((slot, i) => {
        const best = slot.top[0];
        // Slots come left to right, as the masked words do (a typed [MASK] hides no word).
        const word = words[maskIndices[i] ?? -1];
        const hidden = word === undefined || word.literalMask ? null : word.text;
        return (
          <li key={slot.position}>
            <strong>Mask {i + 1}</strong>
            {hidden !== null ? <> (was “{hidden}”)</> : null}:{' '}
            {best !== undefined ? (
              <>
                “{best.token}” {formatProb(best.prob)};{' '}
              </>
            ) : null}
            entropy {formatEntropy(slot.entropy)}, {entropyInWords(slot.entropy)}.
          </li>
        );
      })}
    </ul>
  );
}

function StepVariants({
  step,
  index,
  shown,
  actions,
}: {
  step: LessonStep;
  index: number;
  shown: number | null;
  actions: LessonActions;
}) {
  if (step.variants.length < 2) return null;
  return (
    <div className="lesson__variants" role="group" aria-label={step.variantsLabel ?? 'Sentence'}>
      {step.variants.map((variant, v) => (
        <button
          key={variant.label}
          type="button"
          className="lesson__variant"
          aria-pressed={shown === v}
          onClick={() => applyLessonStep(actions, index, v)}
          data-lesson-variant={v}
        >
          {variant.label}
        </button>
      ))}
    </div>
  );
}

export function LessonPanel() {
  const rawStep = usePlayground((s) => s.lessonStep);
  const text = usePlayground((s) => s.text);
  const masks = usePlayground((s) => s.masks);
  const exlmModel = usePlayground((s) => s.modelNames.exlm);
  const actions = useLessonActions();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  // The step shown at the last render: the focus moves to the heading when it changes (not when
  // the page opens on a link that already holds a step).
  const lastStep = useRef(rawStep);

  const index = rawStep === null ? null : clampStep(rawStep);
  useEffect(() => {
    if (lastStep.current === rawStep) return;
    lastStep.current = rawStep;
    if (rawStep !== null) headingRef.current?.focus();
  }, [rawStep]);

  if (index === null) return null;
  const step = LESSON_STEPS[index];
  if (step === undefined) return null;
  const count = LESSON_STEPS.length;
  const shown = shownVariant(step, text, masks);
  const counter = `Step ${index + 1} of ${count}`;

  const go = (target: number) => {
    if (target < 0 || target >= count || target === index) return;
    applyLessonStep(actions, target);
  };
  const close = () => {
    actions.setLessonStep(null);
    document.getElementById(LESSON_START_ID)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable="true"]') !== null) return;
    if (event.key === 'ArrowLeft' || event.key === 'PageUp') go(index - 1);
    else if (event.key === 'ArrowRight' || event.key === 'PageDown') go(index + 1);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
  };

  return (
    <section
      id="lesson"
      className="panel lesson"
      aria-labelledby={headingId}
      onKeyDown={onKeyDown}
      data-testid="lesson"
      data-step={step.id}
    >
      <p className="lesson__announce" aria-live="polite" aria-atomic="true">
        {`${counter}: ${step.title}`}
      </p>
      <div className="lesson__top">
        <p className="lesson__counter" data-testid="lesson-counter">
          Guided lesson · {counter}
        </p>
        <ol className="lesson__dots" aria-label="Steps">
          {LESSON_STEPS.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className={`lesson__dot${i === index ? ' is-current' : ''}${i < index ? ' is-done' : ''}`}
                aria-label={`Step ${i + 1}: ${s.title}`}
                aria-current={i === index ? 'step' : undefined}
                onClick={() => go(i)}
              >
                {i + 1}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="lesson__close" onClick={close}>
          Close the lesson
        </button>
      </div>
      <h2 className="lesson__title" id={headingId} ref={headingRef} tabIndex={-1}>
        {step.title}
      </h2>
      <div className="lesson__body">
        {step.body.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </div>
      <StepVariants step={step} index={index} shown={shown} actions={actions} />
      {step.readout === true ? <CertaintyReadout /> : null}
      <div className="lesson__try">
        <h3 className="lesson__try-title">Try this</h3>
        <p>{step.tryThis}</p>
      </div>
      {exlmModel !== null && exlmModel !== SHIPPED_PAIR.exlm ? (
        <p className="message message--info lesson__model" data-testid="lesson-model-note">
          The numbers in this lesson come from {SHIPPED_PAIR.exlm} and its twin {SHIPPED_PAIR.mlm};
          the page now runs {exlmModel}, so the views will show other guesses.
        </p>
      ) : null}
      {shown === null ? (
        <p className="message message--info lesson__edited" data-testid="lesson-edited">
          You changed the sentence or its masks; the step stays open. “Reset this step” puts its
          sentence back.
        </p>
      ) : null}
      <div className="lesson__nav">
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0}>
          ← Back
        </button>
        <button
          type="button"
          className="lesson__reset"
          onClick={() => applyLessonStep(actions, index)}
        >
          Reset this step
        </button>
        {index < count - 1 ? (
          <button type="button" className="lesson__next" onClick={() => go(index + 1)}>
            Next →
          </button>
        ) : (
          <button type="button" className="lesson__next" onClick={close}>
            Finish
          </button>
        )}
      </div>
      <p className="lesson__keys">
        Keys while the lesson has the focus: ← or Page Up goes back, → or Page Down goes on, Esc
        closes.
      </p>
    </section>
  );
}
