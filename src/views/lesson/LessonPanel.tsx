// The guided lesson, just above the views while it is open: the step's short text,
// its sentence buttons, Back/Next and a dot per step, and the teacher's notes with the "Try this"
// prompt folded away (or, while a presenter view is open in another window, left to it), beside
// "Presenter view" and "Handout" (the lesson on one printable page, LessonHandout.tsx). Every
// step is applied through the store (applyLessonStep), so the real views show it and a link can
// hold it. Keyboard: the buttons, and while the focus is inside the panel ArrowLeft/PageUp (back),
// ArrowRight/PageDown (next) and Escape (close). On a change of step the page brings the panel to
// the top of the screen, with the step's view below it, the focus moves to the step's heading and
// a live region announces it. Editing the text keeps the step open; "Reset this step" puts its
// sentence back. The last steps are about molecules: opening one switches the page to Molecules
// (and back), and in molecule mode "Start the lesson" begins there.
import { type KeyboardEvent, useEffect, useId, useRef } from 'react';

import { SHIPPED_PAIRS } from '../../core/catalog';
import { usePlayground } from '../../state/store';
import {
  type LessonActions,
  applyLessonStep,
  clampStep,
  firstStepOf,
  shownVariant,
} from './applyLessonStep';
import { HandoutButton } from './LessonHandout';
import { LessonReadout } from './LessonReadout';
import { LESSON_STEPS, type LessonStep, stepMode } from './lessonSteps';
import { PresenterButton } from './PresenterButton';
import { scrollLessonIntoPlace } from './scrollLessonIntoPlace';
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

/** "Start the lesson": always on the page; opens (or restarts) the lesson at its first step, or
 *  in molecule mode at its first step about molecules. */
export function LessonStartButton() {
  const actions = useLessonActions();
  const open = usePlayground((s) => s.lessonStep !== null);
  const mode = usePlayground((s) => s.mode);
  return (
    <button
      type="button"
      id={LESSON_START_ID}
      className="lesson-start"
      onClick={() => applyLessonStep(actions, firstStepOf(mode))}
      aria-controls={open ? 'lesson' : undefined}
      data-testid="lesson-start"
    >
      Start the lesson
    </button>
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

/** The teacher's notes and the "Try this" prompt, folded away on the projected screen. */
function LessonNotes({ step }: { step: LessonStep }) {
  return (
    <details className="lesson__notes" data-testid="lesson-notes">
      <summary>Notes</summary>
      {step.notes.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      <div className="lesson__try">
        <h3 className="lesson__try-title">Try this</h3>
        <p>{step.tryThis}</p>
      </div>
      <p className="lesson__keys">
        Keys while the lesson has the focus: ← or Page Up goes back, → or Page Down goes on, Esc
        closes. “Presenter view” shows these notes, the next step and a timer in another window.
      </p>
    </details>
  );
}

export function LessonPanel() {
  const rawStep = usePlayground((s) => s.lessonStep);
  const text = usePlayground((s) => s.text);
  const masks = usePlayground((s) => s.masks);
  const mode = usePlayground((s) => s.mode);
  const exlmModel = usePlayground((s) => s.modelNames.exlm);
  const presenterOpen = usePlayground((s) => s.presenterOpen);
  const actions = useLessonActions();
  const panelRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  // The step shown at the last render: the page moves to the step when it changes (not when the
  // page opens on a link that already holds a step).
  const lastStep = useRef(rawStep);

  const index = rawStep === null ? null : clampStep(rawStep);
  useEffect(() => {
    if (lastStep.current === rawStep) return;
    lastStep.current = rawStep;
    if (rawStep === null) return;
    headingRef.current?.focus({ preventScroll: true });
    if (panelRef.current !== null) scrollLessonIntoPlace(panelRef.current);
  }, [rawStep]);

  if (index === null) return null;
  const step = LESSON_STEPS[index];
  if (step === undefined) return null;
  const count = LESSON_STEPS.length;
  const shown = shownVariant(step, text, masks, mode);
  const shippedExlm = SHIPPED_PAIRS[stepMode(step)].exlm;
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
      ref={panelRef}
      className="panel lesson"
      aria-labelledby={headingId}
      onKeyDown={onKeyDown}
      data-testid="lesson"
      data-step={step.id}
    >
      <p className="lesson__announce" aria-live="polite" aria-atomic="true">
        {`${counter}: ${step.title}`}
      </p>
      <div className="lesson__bar">
        <button
          type="button"
          className="lesson__back"
          onClick={() => go(index - 1)}
          disabled={index === 0}
        >
          ← Back
        </button>
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
        {index < count - 1 ? (
          <button type="button" className="lesson__next" onClick={() => go(index + 1)}>
            Next →
          </button>
        ) : (
          <button type="button" className="lesson__next" onClick={close}>
            Finish
          </button>
        )}
        <button
          type="button"
          className="lesson__close"
          onClick={close}
          aria-label="Close the lesson"
          title="Close the lesson (Esc)"
        >
          ×
        </button>
      </div>
      <div className="lesson__head">
        <p className="lesson__counter" data-testid="lesson-counter">
          {counter}
        </p>
        <h2 className="lesson__title" id={headingId} ref={headingRef} tabIndex={-1}>
          {step.title}
        </h2>
      </div>
      <p className="lesson__short" data-testid="lesson-short">
        {step.short}
      </p>
      <StepVariants step={step} index={index} shown={shown} actions={actions} />
      {step.readout === true ? <LessonReadout /> : null}
      {exlmModel !== null && exlmModel !== shippedExlm ? (
        <p className="lesson__model" data-testid="lesson-model-note">
          The text quotes the shipped models; this page runs {exlmModel}.
        </p>
      ) : null}
      {shown === null ? (
        <p className="message message--info lesson__edited" data-testid="lesson-edited">
          You changed the sentence or its masks; the step stays open. “Reset this step” puts its
          sentence back.
        </p>
      ) : null}
      {/* "Reset this step" once the sentence was changed; the presenter view and the notes while
          no presenter view is open (it holds them then: the projected screen keeps the short
          text and the view). */}
      {presenterOpen && shown !== null ? null : (
        <div className="lesson__footer">
          {shown === null ? (
            <button
              type="button"
              className="lesson__reset"
              onClick={() => {
                applyLessonStep(actions, index);
                // The button goes with the change it undoes: the focus stays in the step.
                headingRef.current?.focus();
              }}
            >
              Reset this step
            </button>
          ) : null}
          {presenterOpen ? null : (
            <>
              <PresenterButton />
              <HandoutButton />
              <LessonNotes step={step} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
