// The class quiz: the teacher masks words in the editor, types what the class says for each one,
// and reveals the hidden words with how ExLM and its MLM twin did on them, then starts the next
// round. Large type for the back of a room; driven by the keyboard (Tab between the fields, Enter
// on the last one reveals, Alt+N starts the next round); what changes is announced (aria-live).
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

import { selectQuizBlocker, selectQuizSlots } from '../../state/quizSelectors';
import type { QuizTotals, Score } from '../../state/quizScoring';
import type { QuizRound } from '../../state/slices/quizSlice';
import { usePlayground } from '../../state/store';
import { useLatest } from '../common/useLatest';
import { QuizReveal } from './QuizReveal';
import { isNextRoundKey } from './quizKeys';
import './Quiz.css';

const scoreText = (score: Score): string => `${score.right} of ${score.of}`;

function revealedText(round: QuizRound, totals: QuizTotals): string {
  const twin = round.models.mlm === null ? 'no MLM twin' : `MLM twin ${scoreText(round.score.mlm)}`;
  return (
    `Round ${round.number} revealed. This round: class ${scoreText(round.score.class)}, ` +
    `ExLM ${scoreText(round.score.exlm)}, ${twin}. All rounds: class ${scoreText(totals.class)}, ` +
    `ExLM ${scoreText(totals.exlm)}, MLM twin ${scoreText(totals.mlm)}.`
  );
}

function Scoreboard({ round, totals }: { round: QuizRound | null; totals: QuizTotals }) {
  const rows: { key: keyof QuizTotals; label: string }[] = [
    { key: 'class', label: 'Class' },
    { key: 'exlm', label: 'ExLM' },
    { key: 'mlm', label: 'MLM twin' },
  ];
  return (
    <table className="quiz__scores" data-testid="quiz-scores">
      <caption className="quiz__scores-caption">Score: right answers (top-1 for a model)</caption>
      <thead>
        <tr>
          <th scope="col">Who</th>
          {round !== null ? <th scope="col">Round {round.number}</th> : null}
          <th scope="col">All rounds</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, label }) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            {round !== null ? <td>{scoreText(round.score[key])}</td> : null}
            <td
              data-testid={`quiz-total-${key}`}
              data-right={totals[key].right}
              data-of={totals[key].of}
            >
              {scoreText(totals[key])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function QuizView() {
  const quiz = usePlayground((s) => s.quiz);
  const slots = usePlayground(selectQuizSlots);
  const blocker = usePlayground(selectQuizBlocker);
  const setGuess = usePlayground((s) => s.setGuess);
  const reveal = usePlayground((s) => s.reveal);
  const nextRound = usePlayground((s) => s.nextRound);
  const resetQuiz = usePlayground((s) => s.resetQuiz);
  const baseId = useId();
  const fields = useRef<(HTMLInputElement | null)[]>([]);
  const nextButton = useRef<HTMLButtonElement>(null);
  /** Where the focus goes once the round's new state is on the page. */
  const focusNext = useRef<'next-round' | 'first-field' | null>(null);
  /** A reveal was asked for while it could not happen: the status line says why. */
  const [triedBlocked, setTriedBlocked] = useState(false);
  const [wasReset, setWasReset] = useState(false);
  const revealed = quiz.revealed;

  useEffect(() => {
    if (focusNext.current === 'next-round') nextButton.current?.focus();
    if (focusNext.current === 'first-field') fields.current.find((f) => f !== null)?.focus();
    focusNext.current = null;
  }, [revealed]);

  const doReveal = () => {
    focusNext.current = 'next-round';
    const done = reveal();
    if (!done) focusNext.current = null;
    setTriedBlocked(!done);
    setWasReset(false);
  };
  const doNextRound = () => {
    focusNext.current = 'first-field';
    nextRound();
    setTriedBlocked(false);
    setWasReset(false);
  };
  const doReset = () => {
    focusNext.current = 'first-field';
    resetQuiz();
    setTriedBlocked(false);
    setWasReset(true);
  };

  // Alt+N anywhere on the page starts the next round while the quiz is open.
  const nextRoundRef = useLatest(doNextRound);
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!isNextRoundKey(event)) return;
      event.preventDefault();
      nextRoundRef.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [nextRoundRef]);

  const guessable = slots.flatMap((slot, i) => (slot.hidden === null ? [] : [{ slot, i }]));
  const onFieldKeyDown = (event: KeyboardEvent<HTMLInputElement>, order: number) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (order < guessable.length - 1) fields.current[order + 1]?.focus();
    else doReveal();
  };

  const roundNumber = quiz.rounds.length + (revealed === null ? 1 : 0);
  let status: string;
  if (revealed !== null) status = revealedText(revealed, quiz.totals);
  else if (triedBlocked && blocker !== null) status = `Cannot reveal yet. ${blocker}`;
  else
    status = `${wasReset ? 'Scores reset. ' : ''}Round ${roundNumber}: type what the class says, then press Enter on the last field to reveal.`;

  const hintId = `${baseId}-hint`;
  const blockerId = `${baseId}-blocker`;
  return (
    <section className="panel quiz" aria-label="Class quiz" data-testid="view-quiz">
      <h2 className="panel__title quiz__title">
        Class quiz <span className="quiz__round">Round {roundNumber}</span>
      </h2>
      {revealed === null ? (
        <p className="quiz__note" data-testid="quiz-note">
          Until Reveal, the editor shows the sentence only as word chips, the page’s address leaves
          the masked words out, and the models’ guesses and the notes under Examples stay closed.
        </p>
      ) : null}
      <p className="quiz__status" role="status" aria-live="polite" data-testid="quiz-status">
        {status}
      </p>
      {revealed === null ? (
        <div className="quiz__guessing">
          {slots.length === 0 ? (
            <p className="quiz__empty">Mask a word in the editor (click it) to start the round.</p>
          ) : (
            <ol className="quiz__slots">
              {slots.map((slot, i) => {
                const order = guessable.findIndex((g) => g.i === i);
                const id = `${baseId}-guess-${i}`;
                return (
                  <li key={slot.wordIndex} className="quiz__slot">
                    {slot.hidden === null ? (
                      <span className="quiz__label">
                        Mask {i + 1}: a typed [MASK], nothing is hidden (not scored)
                      </span>
                    ) : (
                      <>
                        <label htmlFor={id} className="quiz__label">
                          Mask {i + 1}
                        </label>
                        <input
                          id={id}
                          ref={(el) => {
                            fields.current[order] = el;
                          }}
                          className="quiz__guess"
                          type="text"
                          autoComplete="off"
                          spellCheck={false}
                          aria-describedby={hintId}
                          value={quiz.guesses[slot.wordIndex] ?? ''}
                          onChange={(event) => setGuess(slot.wordIndex, event.target.value)}
                          onKeyDown={(event) => onFieldKeyDown(event, order)}
                          data-testid="quiz-guess"
                          data-word-index={slot.wordIndex}
                        />
                      </>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
          <p id={hintId} className="quiz__hint">
            Several guesses: separate them with commas; the first one counts.
          </p>
          <div className="quiz__actions">
            <button
              type="button"
              className="quiz__button quiz__button--main"
              aria-disabled={blocker !== null}
              aria-describedby={blocker !== null ? blockerId : undefined}
              onClick={doReveal}
              data-testid="quiz-reveal"
            >
              Reveal
            </button>
            {blocker !== null ? (
              <span id={blockerId} className="quiz__blocker">
                {blocker}
              </span>
            ) : null}
          </div>
        </div>
      ) : (
        <QuizReveal round={revealed} />
      )}
      <Scoreboard round={revealed} totals={quiz.totals} />
      <div className="quiz__actions">
        <button
          type="button"
          ref={nextButton}
          className={`quiz__button${revealed !== null ? ' quiz__button--main' : ''}`}
          aria-keyshortcuts="Alt+N"
          onClick={doNextRound}
          data-testid="quiz-next"
        >
          Next round
        </button>
        <button
          type="button"
          className="quiz__button"
          onClick={doReset}
          disabled={quiz.rounds.length === 0}
          data-testid="quiz-reset"
        >
          Reset scores
        </button>
      </div>
      <p className="quiz__keys">
        Keys: <kbd>Tab</kbd> or <kbd>Enter</kbd> next field, <kbd>Enter</kbd> on the last field
        reveals, <kbd>Alt</kbd>+<kbd>N</kbd> next round (clears the guesses; then mask other words
        or pick an example).
      </p>
    </section>
  );
}
