// The sentence editor: a free text box, and below it the words as chips that mask and unmask on
// click or Enter/Space (they are buttons), with arrow keys moving between them. Everything typed is
// rendered as text by React, never as markup.
import { type KeyboardEvent, useId, useRef } from 'react';

import { selectEffectiveMasks, selectWords } from '../../state/selectors';
import { usePlayground } from '../../state/store';
import { InputMessages } from './InputMessages';
import './Editor.css';

export function Editor() {
  const text = usePlayground((s) => s.text);
  const setText = usePlayground((s) => s.setText);
  const toggleMask = usePlayground((s) => s.toggleMask);
  const words = usePlayground(selectWords);
  const masks = usePlayground(selectEffectiveMasks);
  const textId = useId();
  const chipsRef = useRef<HTMLDivElement>(null);

  // Left/Right (and Home/End) move focus along the chips, so a keyboard user can walk the
  // sentence without tabbing through every word.
  const onChipKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const keys: Record<string, number> = {
      ArrowLeft: index - 1,
      ArrowRight: index + 1,
      Home: 0,
      End: words.length - 1,
    };
    const target = keys[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const chips = chipsRef.current?.querySelectorAll<HTMLButtonElement>('button.chip');
    chips?.[Math.max(0, Math.min(words.length - 1, target))]?.focus();
  };

  return (
    <section className="panel editor" aria-label="Sentence editor">
      <label htmlFor={textId} className="editor__label">
        Type a sentence, then click a word to mask it (or type <code>[MASK]</code>)
      </label>
      <textarea
        id={textId}
        className="editor__text"
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={2}
        spellCheck={false}
        data-testid="editor-text"
      />
      <div
        className="editor__chips"
        ref={chipsRef}
        role="group"
        aria-label="Words: press Enter or Space to mask or unmask"
      >
        {words.map((word, index) => {
          const masked = masks.includes(index);
          return (
            <button
              key={`${index}:${word.text}`}
              type="button"
              className={`chip${masked ? ' chip--masked' : ''}${word.literalMask ? ' chip--literal' : ''}`}
              aria-pressed={masked}
              aria-disabled={word.literalMask}
              title={
                word.literalMask
                  ? 'A typed [MASK]: delete it in the text to unmask'
                  : masked
                    ? 'Unmask this word'
                    : 'Mask this word'
              }
              data-word-index={index}
              onClick={() => toggleMask(index)}
              onKeyDown={(event) => onChipKeyDown(event, index)}
            >
              {masked ? <span className="chip__mask">[MASK]</span> : null}
              {word.literalMask ? null : <span className="chip__word">{word.text}</span>}
            </button>
          );
        })}
      </div>
      <InputMessages />
    </section>
  );
}
