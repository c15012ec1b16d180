// What is wrong with the input, in words: empty, no mask, everything masked, too long.
import { selectCurrentResult, selectInputProblem } from '../../state/selectors';
import { usePlayground } from '../../state/store';

export function InputMessages() {
  const problem = usePlayground(selectInputProblem);
  const truncation = usePlayground((s) => selectCurrentResult(s)?.truncation ?? null);
  return (
    <div className="input-messages" aria-live="polite">
      {problem === 'empty' ? (
        <p className="message message--info" data-testid="message-empty">
          The text is empty. Type a sentence above, or pick an example from the gallery.
        </p>
      ) : null}
      {problem === 'no-mask' ? (
        <p className="message message--info" data-testid="message-no-mask">
          No word is masked, so there is nothing to predict. Click a word chip (or focus it with Tab
          and press Enter or Space) to mask it, or type <code>[MASK]</code> in the text.
        </p>
      ) : null}
      {problem === 'all-masked' ? (
        <p className="message message--warning" data-testid="message-all-masked">
          Every word is masked: the model sees no context at all, so its guesses only reflect which
          words are common. Unmask a few words to give it something to go on.
        </p>
      ) : null}
      {truncation !== null ? (
        <p className="message message--warning" data-testid="message-truncated">
          The text is longer than the model reads ({truncation.limitTokens} tokens, [CLS] and [SEP]
          included), so only the beginning was analysed. Cut off:{' '}
          <q className="message__cut">{truncation.cutText}</q>
        </p>
      ) : null}
    </div>
  );
}
