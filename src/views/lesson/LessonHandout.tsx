// "Handout": the lesson on one printable page for the class (lessonHandout.ts builds it from the
// steps). The button opens the sheet over the page, with Print and Close; printed, the sheet is
// all there is (Handout.css hides the page under it and fits it to one A4 or Letter page).
// The sheet is a plain element over an inert page, not a modal <dialog>: Chromium prints a modal
// dialog cut at the first page break, so a sheet that overflowed would still print as "one page".
import { Fragment, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

import { usePlayground } from '../../state/store';
import { hashStateOf } from '../../state/urlSync';
import {
  type HandoutSentence,
  type HandoutStep,
  type LessonHandoutContent,
  buildLessonHandout,
} from './lessonHandout';
import './Handout.css';

/** On <body> while the handout is open: the print rules hide everything but the sheet. */
const OPEN_CLASS = 'has-handout';

/** One sentence: as typed, the words to hide marked; a sentence the step has just shown, with
 *  other words hidden, by the words it hides alone. */
function SentenceLine({ sentence }: { sentence: HandoutSentence }) {
  return (
    <>
      {sentence.label === null ? null : <span className="handout__label">{sentence.label}: </span>}
      {sentence.repeatsText ? (
        <span className="handout__sentence">
          hide{' '}
          {sentence.hidden.map((word, i) => (
            <Fragment key={i}>
              {i > 0 ? ', ' : null}
              <mark className="handout__hidden">{word}</mark>
            </Fragment>
          ))}
        </span>
      ) : (
        <span className="handout__sentence">
          {sentence.pieces.map((piece, i) =>
            piece.hidden ? (
              <mark key={i} className="handout__hidden">
                {piece.text}
              </mark>
            ) : (
              <span key={i}>{piece.text}</span>
            ),
          )}
        </span>
      )}
    </>
  );
}

function StepItem({ step }: { step: HandoutStep }) {
  const last = step.sentences.length - 1;
  return (
    <li className="handout__step" data-step={step.id} data-testid="handout-step">
      <h2 className="handout__step-title">
        <span className="handout__number">{step.number}</span> {step.title}
      </h2>
      <p className="handout__short">{step.short}</p>
      <ul className="handout__sentences" aria-label="Sentences">
        {step.sentences.map((sentence, i) => (
          <li key={`${sentence.label ?? ''}|${sentence.hidden.join(',')}`}>
            <SentenceLine sentence={sentence} />
            {/* The view goes with the sentence, on its line: a line per step saved. */}
            {i === last ? (
              <span className="handout__look" data-testid="handout-look">
                {' '}
                — look at <strong>{step.lookAt}</strong>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="handout__try">
        <strong>Try this:</strong> {step.tryThis}
      </p>
    </li>
  );
}

/** The sheet itself: what is printed. */
function HandoutSheet({ content, titleId }: { content: LessonHandoutContent; titleId: string }) {
  return (
    <article className="handout__sheet" data-testid="handout-sheet">
      <header className="handout__head">
        <h1 className="handout__title" id={titleId}>
          {content.title}
        </h1>
        <p className="handout__open">
          Open the ExLM Playground at{' '}
          <a className="handout__url" href={content.pageUrl} data-testid="handout-page-url">
            {content.pageUrl}
          </a>{' '}
          and press “Start the lesson”
          {content.mode === 'molecules'
            ? ' in Molecules. Boxed tokens are the hidden ones: click them in the editor to hide them.'
            : '. Boxed words are the hidden ones: click them in the editor to hide them.'}{' '}
          Step {content.steps[0]?.number ?? 1} as a link:{' '}
          <a className="handout__url" href={content.link} data-testid="handout-link">
            {content.link}
          </a>
        </p>
      </header>
      <ol className="handout__steps">
        {content.steps.map((step) => (
          <StepItem key={step.id} step={step} />
        ))}
      </ol>
    </article>
  );
}

/** The open handout, over the page (which it makes inert), with Print and Close. */
function HandoutOverlay({ onClose }: { onClose: () => void }) {
  const model = usePlayground((s) => hashStateOf(s).model);
  // The handout of the part of the lesson the page is in: its English or its molecule steps.
  const mode = usePlayground((s) => s.mode);
  const content = useMemo(() => buildLessonHandout(window.location, model, mode), [model, mode]);
  const titleId = useId();
  const overlayRef = useRef<HTMLDivElement>(null);
  const printRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const overlay = overlayRef.current;
    // Everything else on the page is out of reach while the handout is open: not focusable, not
    // clickable, not read out.
    const others = [...document.body.children].filter(
      (el): el is HTMLElement => el instanceof HTMLElement && el !== overlay && !el.inert,
    );
    for (const el of others) el.inert = true;
    document.body.classList.add(OPEN_CLASS);
    printRef.current?.focus();
    return () => {
      for (const el of others) el.inert = false;
      document.body.classList.remove(OPEN_CLASS);
    };
  }, []);

  // Keys stay in the handout: the lesson panel around it in React's tree would take ←, → and Esc.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return createPortal(
    <div
      ref={overlayRef}
      className="handout"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      data-testid="handout"
    >
      <div className="handout__bar">
        <p className="handout__bar-note">The lesson on one page, for the class.</p>
        <button type="button" ref={printRef} onClick={() => window.print()}>
          Print
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <HandoutSheet content={content} titleId={titleId} />
    </div>,
    document.body,
  );
}

/** "Handout" in the lesson panel: opens the printable handout; Close brings the focus back. */
export function HandoutButton() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // Back to the button once the handout has closed: the overlay's cleanup, which makes the page
  // reachable again, runs before this effect.
  useEffect(() => {
    if (wasOpen.current && !open) buttonRef.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <>
      <button
        type="button"
        ref={buttonRef}
        className="lesson__handout"
        aria-haspopup="dialog"
        title="The lesson's steps and prompts on one printable page, for the class"
        onClick={() => setOpen(true)}
        data-testid="lesson-handout"
      >
        Handout
      </button>
      {open ? <HandoutOverlay onClose={() => setOpen(false)} /> : null}
    </>
  );
}
