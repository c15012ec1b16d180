// The reveal of one quiz round, per masked word: the hidden word, the class's guess and whether it
// was right, and for ExLM and its MLM twin the hidden word's rank and probability among the
// candidates the analysis listed, and the model's own first guess.
import type { ModelOutcome, QuizSlotResult } from '../../state/quizScoring';
import type { QuizRound } from '../../state/slices/quizSlice';
import { formatPercent } from '../common/format';

/** Where the hidden word stands for one model, in words ("rank 3 of 10, 12.3%"). */
export function rankText(outcome: ModelOutcome): string {
  if (outcome.rank === null || outcome.prob === null) return `not in the top ${outcome.listed}`;
  return `rank ${outcome.rank} of ${outcome.listed}, ${formatPercent(outcome.prob)}`;
}

function Mark({ right }: { right: boolean }) {
  return (
    <span className={`quiz-mark quiz-mark--${right ? 'right' : 'wrong'}`}>
      {right ? '✓ right' : '✗ wrong'}
    </span>
  );
}

function ModelLine({
  name,
  outcome,
  testId,
}: {
  name: string;
  outcome: ModelOutcome | null;
  testId: string;
}) {
  if (outcome === null) {
    return (
      <p className="quiz-result__model" data-testid={testId}>
        <span className="quiz-result__who">{name}:</span> not loaded, not scored
      </p>
    );
  }
  return (
    <p
      className="quiz-result__model"
      data-testid={testId}
      data-rank={outcome.rank ?? ''}
      data-prob={outcome.prob ?? ''}
      data-right={outcome.right}
    >
      <span className="quiz-result__who">{name}:</span>{' '}
      <span className="quiz-result__rank">{rankText(outcome)}</span>
      {outcome.top !== null ? (
        <span className="quiz-result__top">
          {' '}
          · top guess <q>{outcome.top.token}</q> {formatPercent(outcome.top.prob)}
        </span>
      ) : null}{' '}
      <Mark right={outcome.right} />
    </p>
  );
}

function ClassLine({ slot }: { slot: QuizSlotResult }) {
  const first = slot.guesses[0];
  return (
    <p
      className="quiz-result__class"
      data-testid="quiz-class"
      data-right={slot.classRight ?? false}
    >
      <span className="quiz-result__who">Class:</span>{' '}
      {first === undefined ? 'no guess' : <q>{first}</q>} <Mark right={slot.classRight === true} />
      {slot.rightGuess !== null && slot.rightGuess > 1 ? (
        <span className="quiz-result__later">
          {' '}
          (guess {slot.rightGuess} was right; only the first counts)
        </span>
      ) : null}
    </p>
  );
}

export function QuizReveal({ round }: { round: QuizRound }) {
  return (
    <ol className="quiz-results" data-testid="quiz-reveal-list">
      {round.slots.map((slot, i) => (
        <li
          key={slot.wordIndex}
          className="quiz-result"
          data-testid="quiz-slot"
          data-hidden={slot.hidden ?? ''}
        >
          {slot.hidden === null ? (
            <p className="quiz-result__word">
              Mask {i + 1}: a typed [MASK], nothing was hidden (not scored)
            </p>
          ) : (
            <>
              <p className="quiz-result__word">
                Mask {i + 1} was <strong className="quiz-result__hidden">{slot.hidden}</strong>
              </p>
              <ClassLine slot={slot} />
              <ModelLine name="ExLM" outcome={slot.exlm} testId="quiz-exlm" />
              <ModelLine name="MLM twin" outcome={slot.mlm} testId="quiz-mlm" />
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
