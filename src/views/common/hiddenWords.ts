// The masked words, left to right, as the views may show them: the word that was masked, or null
// for a typed [MASK] and while a quiz round is open (the class is guessing). One place, so the
// views and the exported results agree on what is shown.
import { selectQuizCover } from '../../state/quizCover';
import { selectEffectiveMasks, selectWords } from '../../state/selectors';
import type { PlaygroundState } from '../../state/store';

export function hiddenWordsOf(s: PlaygroundState): (string | null)[] {
  const words = selectWords(s);
  const hide = selectQuizCover(s).active;
  return selectEffectiveMasks(s).map((i) => {
    const word = words[i];
    return hide || word === undefined || word.literalMask ? null : word.text;
  });
}
