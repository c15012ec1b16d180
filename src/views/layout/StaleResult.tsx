// Calm updates: while a new analysis runs, the views keep the last result on screen, dimmed and
// marked busy, with a small "Updating…" badge that names the text that result belongs to. The
// badge floats at the bottom of the viewport inside a zero-height holder, so nothing on the page
// moves when a result goes stale or fresh again.
import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { selectQuizCover } from '../../state/quizCover';
import { type ShownResult, selectShownResult } from '../../state/selectors';
import { usePlayground } from '../../state/store';
import { hiddenWordsOf } from '../common/hiddenWords';
import './StaleResult.css';

export interface ShownViews {
  shown: ShownResult | null;
  /** Per mask of the shown result, the word that was masked (null: a typed [MASK], a quiz round
   *  hides it, or the result is stale and its words are no longer known). */
  hiddenWords: (string | null)[];
}

/** The last result and the masked words to show with it: the editor's while the result is fresh,
 *  the ones it had when the result was fresh while it is stale (the editor may hold other words). */
export function useShownViews(): ShownViews {
  const shown = usePlayground(selectShownResult);
  const hiddenNow = usePlayground(useShallow(hiddenWordsOf));
  const hideAnswers = usePlayground((s) => selectQuizCover(s).active);
  const lastFresh = useRef<{ input: string; words: (string | null)[] } | null>(null);
  if (shown === null) return { shown, hiddenWords: hiddenNow };
  if (!shown.stale) {
    lastFresh.current = { input: shown.result.input, words: hiddenNow };
    return { shown, hiddenWords: hiddenNow };
  }
  const kept = lastFresh.current;
  const hiddenWords =
    !hideAnswers && kept !== null && kept.input === shown.result.input
      ? kept.words
      : shown.result.exlm.masks.map(() => null);
  return { shown, hiddenWords };
}

/** The floating "Updating…" badge; always in the DOM (hidden while fresh), taking no space. */
export function UpdatingBadge({ shown }: { shown: ShownResult }) {
  const failed = usePlayground((s) => s.analysisError !== null && !s.analyzing);
  // In a quiz round the older text may hold a word masked since: the badge does not quote it.
  const covered = usePlayground((s) => selectQuizCover(s).active);
  return (
    <div className="updating-holder">
      <p
        className={`updating-badge${failed ? ' updating-badge--failed' : ''}`}
        role="status"
        hidden={!shown.stale}
        data-testid="views-updating"
      >
        <span className="updating-badge__state">
          {failed ? 'Not updated: the analysis failed (see the status)' : 'Updating…'}
        </span>
        {covered ? null : (
          <>
            {' '}
            <span className="updating-badge__text">
              showing the result for “
              <span className="updating-badge__input">{shown.result.input}</span>”
            </span>
          </>
        )}
      </p>
    </div>
  );
}
