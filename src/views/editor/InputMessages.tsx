// What is wrong with the input, in words: empty, no mask, everything masked, too long, invisible
// characters (with a button that removes them); in molecule mode the SMILES checks
// (src/core/smilesChecks.ts) instead of the text's empty and invisible-character messages: the
// SMILES tokenizer reads an invisible character as [UNK] rather than dropping it.
import { useMemo } from 'react';

import { type HiddenChar, findHiddenChars, removeHiddenChars } from '../../core/words';
import { selectCurrentResult, selectInputProblem, selectSmilesChecks } from '../../state/selectors';
import { usePlayground } from '../../state/store';

/** "U+200B ZERO WIDTH SPACE ×2, U+202E RIGHT-TO-LEFT OVERRIDE": each kind once, the first few. */
function summarize(hidden: readonly HiddenChar[]): string {
  const kinds = new Map<string, number>();
  for (const h of hidden) {
    const kind = `${h.label} ${h.name}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const listed = [...kinds].slice(0, 4).map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind));
  if (kinds.size > 4) listed.push(`and ${kinds.size - 4} more kinds`);
  return listed.join(', ');
}

function HiddenCharsMessage() {
  const text = usePlayground((s) => s.text);
  const masks = usePlayground((s) => s.masks);
  const setDocument = usePlayground((s) => s.setDocument);
  const hidden = useMemo(() => findHiddenChars(text), [text]);
  if (hidden.length === 0) return null;
  const remove = () => {
    const cleaned = removeHiddenChars(text, masks);
    setDocument(cleaned.text, cleaned.masks);
  };
  const many = hidden.length > 1;
  return (
    <p className="message message--warning" data-testid="message-hidden-chars">
      The text holds {hidden.length} invisible or control character{many ? 's' : ''} (
      {summarize(hidden)}), shown as <code>⟨U+…⟩</code> in the words above. The model ignores{' '}
      {many ? 'them' : 'it'}, but such characters can hide or reorder what the text shows.{' '}
      <button
        type="button"
        className="message__action"
        onClick={remove}
        data-testid="remove-hidden"
      >
        Remove {many ? 'them' : 'it'}
      </button>
    </p>
  );
}

/** The SMILES checks, each its own line; those that keep the SMILES from the model as errors. */
function SmilesMessages() {
  const checks = usePlayground(selectSmilesChecks);
  return checks.map((check) => (
    <p
      key={`${check.id}:${check.tokens.join(',')}`}
      className={`message ${check.blocking ? 'message--error' : 'message--warning'}`}
      data-testid={`message-smiles-${check.id}`}
    >
      {check.message}
    </p>
  ));
}

export function InputMessages() {
  const problem = usePlayground(selectInputProblem);
  const molecules = usePlayground((s) => s.mode === 'molecules');
  const blocked = usePlayground((s) => selectSmilesChecks(s).some((check) => check.blocking));
  const truncation = usePlayground((s) => selectCurrentResult(s)?.truncation ?? null);
  const [unit, units] = molecules ? ['token', 'tokens'] : ['word', 'words'];
  return (
    <div className="input-messages" aria-live="polite">
      {molecules ? <SmilesMessages /> : <HiddenCharsMessage />}
      {problem === 'empty' && !molecules ? (
        <p className="message message--info" data-testid="message-empty">
          The text is empty. Type a sentence above, or pick an example from the gallery.
        </p>
      ) : null}
      {problem === 'no-mask' && !blocked ? (
        <p className="message message--info" data-testid="message-no-mask">
          No {unit} is masked, so there is nothing to predict. Click a{' '}
          {molecules ? 'token' : 'word'} chip (or Tab to the {units} and press Enter or Space) to
          mask it, or type <code>[MASK]</code> in the {molecules ? 'SMILES' : 'text'}.
        </p>
      ) : null}
      {problem === 'all-masked' && !blocked ? (
        <p className="message message--warning" data-testid="message-all-masked">
          Every {unit} is masked: the model sees no context at all, so its guesses only reflect
          which {units} are common. Unmask a few {units} to give it something to go on.
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
