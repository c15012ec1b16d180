// The presenter view: the lesson's speaker notes for the teacher's own screen, opened from the
// lesson panel ("Presenter view") in a second window while the projected window shows the step's
// short text and its view. It shows the current step's notes and "Try this", the next step, and a
// timer, and moves the lesson in the projected window (Back/Next, the step's sentences, the keys
// ←/Page Up and →/Page Down that a presentation clicker sends). It runs no model: the projected
// window does, and reports its step over the presenter channel (usePresenterChannel.ts).
import { useEffect, useRef, useState } from 'react';

import { LESSON_STEPS, type LessonStep } from './lessonSteps';
import { formatElapsed, useNow } from './presenterTimer';
import { type PresenterLink, usePresenterChannel } from './usePresenterChannel';
import './Presenter.css';

/** Back/Next keys anywhere in the window, except while typing. */
function usePresenterKeys(back: () => void, next: () => void): void {
  const latest = useRef({ back, next });
  latest.current = { back, next };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (event.key === 'ArrowLeft' || event.key === 'PageUp') latest.current.back();
      else if (event.key === 'ArrowRight' || event.key === 'PageDown') latest.current.next();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Time since the timer started and since the step opened; the teacher can restart it. */
function PresenterTimer({ step }: { step: number | null }) {
  const now = useNow();
  const [started, setStarted] = useState(() => Date.now());
  const [stepSince, setStepSince] = useState(() => Date.now());
  useEffect(() => setStepSince(Date.now()), [step]);
  return (
    <div className="presenter__timer" role="timer" aria-live="off" data-testid="presenter-timer">
      <span>
        Lesson <strong>{formatElapsed(now - started)}</strong>
      </span>
      <span>
        This step <strong>{formatElapsed(now - stepSince)}</strong>
      </span>
      <button
        type="button"
        onClick={() => {
          setStarted(Date.now());
          setStepSince(Date.now());
        }}
      >
        Restart the timer
      </button>
    </div>
  );
}

function StepNotes({
  step,
  index,
  link,
}: {
  step: LessonStep;
  index: number;
  link: PresenterLink;
}) {
  const count = LESSON_STEPS.length;
  const next = LESSON_STEPS[index + 1];
  return (
    <>
      <section className="presenter__current" aria-labelledby="presenter-step-title">
        <p className="presenter__counter" data-testid="presenter-counter">
          Step {index + 1} of {count}
        </p>
        <h2 id="presenter-step-title" className="presenter__title">
          {step.title}
        </h2>
        <p className="presenter__short">
          <span className="presenter__label">On the screen: </span>
          {step.short}
        </p>
        {link.variant === null ? (
          <p className="presenter__edited" data-testid="presenter-edited">
            The sentence was changed in the projected window: “Reset this step” puts it back.
          </p>
        ) : null}
        {step.variants.length > 1 ? (
          <div
            className="presenter__variants"
            role="group"
            aria-label={step.variantsLabel ?? 'Sentence'}
          >
            {step.variants.map((variant, v) => (
              <button
                key={variant.label}
                type="button"
                aria-pressed={link.variant === v}
                onClick={() => link.go(index, v)}
              >
                {variant.label}
              </button>
            ))}
          </div>
        ) : null}
        <h3 className="presenter__heading">Notes</h3>
        <div className="presenter__notes" data-testid="presenter-notes">
          {step.notes.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </div>
        <h3 className="presenter__heading">Try this</h3>
        <p className="presenter__try">{step.tryThis}</p>
      </section>
      <aside className="presenter__next" aria-label="Next step" data-testid="presenter-next-step">
        {next === undefined ? (
          <p>This is the last step: “Finish” closes the lesson.</p>
        ) : (
          <>
            <p className="presenter__label">
              Next: step {index + 2} of {count}
            </p>
            <p className="presenter__next-title">{next.title}</p>
            <p>{next.short}</p>
          </>
        )}
      </aside>
    </>
  );
}

/** Back, Reset and Next (Finish on the last step), for the step shown in the projected window. */
function PresenterNav({
  index,
  count,
  back,
  next,
  reset,
  finish,
}: {
  index: number;
  count: number;
  back: () => void;
  next: () => void;
  reset: () => void;
  finish: () => void;
}) {
  return (
    <nav className="presenter__nav" aria-label="Lesson">
      <button type="button" onClick={back} disabled={index === 0}>
        ← Back
      </button>
      <button type="button" onClick={reset}>
        Reset this step
      </button>
      {index < count - 1 ? (
        <button type="button" className="presenter__primary" onClick={next}>
          Next →
        </button>
      ) : (
        <button type="button" className="presenter__primary" onClick={finish}>
          Finish
        </button>
      )}
    </nav>
  );
}

export function PresenterView() {
  const link = usePresenterChannel();
  const count = LESSON_STEPS.length;
  const index = link.step;
  const step = index === null ? undefined : LESSON_STEPS[index];
  const back = () => {
    if (index !== null && index > 0) link.go(index - 1);
  };
  const next = () => {
    if (index === null) link.go(0);
    else if (index < count - 1) link.go(index + 1);
  };
  usePresenterKeys(back, next);
  useEffect(() => {
    document.title = 'Presenter view · ExLM Playground';
  }, []);

  let status = 'Connected to the projected window.';
  if (link.unsupported) status = 'This browser cannot reach the projected window.';
  else if (!link.connected)
    status = 'Waiting for the projected window: keep the playground open in this browser.';

  return (
    <div className="presenter" data-testid="presenter">
      {/* Stays at the top while the notes scroll: the way on and the clock are always in reach. */}
      <header className="presenter__header">
        <h1 className="presenter__app">Presenter view</h1>
        <p className="presenter__status" role="status" data-testid="presenter-status">
          {status}
        </p>
        <PresenterTimer step={index} />
        {index === null ? null : (
          <PresenterNav
            index={index}
            count={count}
            back={back}
            next={next}
            reset={() => link.go(index, link.variant ?? 0)}
            finish={() => link.go(null)}
          />
        )}
      </header>
      {step === undefined || index === null ? (
        <section className="presenter__closed">
          <p>The lesson is closed in the projected window.</p>
          <button
            type="button"
            className="presenter__primary"
            onClick={() => link.go(0)}
            disabled={!link.connected}
          >
            Start the lesson
          </button>
        </section>
      ) : (
        <main className="presenter__main">
          <StepNotes step={step} index={index} link={link} />
        </main>
      )}
    </div>
  );
}
