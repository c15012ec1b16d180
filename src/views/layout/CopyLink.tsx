// "Copy link": puts the page's address (the link urlSync keeps in step with the page) on the
// clipboard. While the page cannot be shared as it is (a text over the link limit), it says so and
// copies nothing: the address then holds an older state, and copying it would mislead. Where the
// clipboard cannot be written (no Clipboard API, permission refused), the link is shown selected in
// a read-only field, to copy by hand.
import { useEffect, useId, useRef, useState } from 'react';

import { playgroundStore } from '../../state/store';
import { selectShareProblem } from '../../state/urlSync';
import './CopyLink.css';

type Outcome =
  { kind: 'copied' } | { kind: 'refused'; message: string } | { kind: 'manual'; link: string };

export function CopyLink() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const fieldId = useId();
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (outcome?.kind !== 'manual') return;
    field.current?.focus();
    field.current?.select();
  }, [outcome]);

  const copy = async () => {
    const problem = selectShareProblem(playgroundStore.getState());
    if (problem !== null) {
      setOutcome({ kind: 'refused', message: problem });
      return;
    }
    const link = window.location.href;
    try {
      if (typeof navigator.clipboard?.writeText !== 'function') throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      setOutcome({ kind: 'copied' });
    } catch {
      setOutcome({ kind: 'manual', link });
    }
  };

  let message = '';
  if (outcome?.kind === 'copied') message = 'Link copied.';
  else if (outcome?.kind === 'refused') message = `No link copied. ${outcome.message}`;
  else if (outcome?.kind === 'manual')
    message = 'The clipboard cannot be written here: the link is selected below, copy it by hand.';

  return (
    <div className="copy-link">
      <button
        type="button"
        className="copy-link__button"
        data-testid="copy-link"
        onClick={() => void copy()}
      >
        Copy link
      </button>
      <span
        className={`copy-link__message${outcome?.kind === 'refused' ? ' copy-link__message--warning' : ''}`}
        role="status"
        aria-live="polite"
        data-testid="copy-link-message"
      >
        {message}
      </span>
      {outcome?.kind === 'manual' ? (
        <>
          <label htmlFor={fieldId} className="copy-link__label">
            Link
          </label>
          <input
            id={fieldId}
            ref={field}
            className="copy-link__field"
            data-testid="copy-link-field"
            type="text"
            readOnly
            value={outcome.link}
            onFocus={(event) => event.currentTarget.select()}
          />
        </>
      ) : null}
    </div>
  );
}
