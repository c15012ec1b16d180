// The sentence editor: a free text box, and below it the words as chips that mask and unmask on
// click or Enter/Space (they are buttons). The chip row is one Tab stop (roving tabindex): Left,
// Right, Home and End move between chips. Everything typed is rendered as text by React, never as
// markup; invisible and control characters are shown as markers ("⟨U+200B⟩") that name them.
// While a class quiz round hides words, the text box (which would show them) gives way to a line
// and a "New sentence" button, and masked chips show only [MASK]; all comes back at Reveal.
// In molecule mode the box holds a SMILES and the chips are its tokens (atoms, bonds, branches,
// ring closures), set in a monospace face; a chip a check is about (an unclosed ring, a bracket
// atom that names no element) is marked, and its tooltip says why.
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';

import { smilesTokenRole } from '../../core/smilesTokens';
import { type ChipPart, type Word, chipParts, findHiddenChars, showHidden } from '../../core/words';
import { selectQuizCover } from '../../state/quizCover';
import { selectEffectiveMasks, selectSmilesChecks, selectWords } from '../../state/selectors';
import { usePlayground } from '../../state/store';
import { InputMessages } from './InputMessages';
import './Editor.css';

/** What a hidden character is, for its marker's tooltip: the text models' tokenizer drops it, the
 *  SMILES tokenizer reads it as [UNK]. */
const hiddenTitle = (part: ChipPart, molecules: boolean): string =>
  part.hidden === null
    ? ''
    : `${part.hidden.label} ${part.hidden.name}: an invisible or control character; ${molecules ? 'the model reads it as [UNK]' : 'the model ignores it'}`;

/** A molecule chip's tooltip: what the token is, the action, and what a check says of it. */
function tokenTitle(token: Word, masked: boolean, problems: readonly string[]): string {
  if (token.literalMask) return 'A typed [MASK]: delete it in the text to unmask';
  const role = smilesTokenRole(token.text);
  const shown = showHidden(token.text);
  return [`${masked ? 'Unmask' : 'Mask'} this ${role} (${shown})`, ...problems].join('. ');
}

function chipTitle(word: Word, masked: boolean, parts: readonly ChipPart[]): string {
  if (word.literalMask) return 'A typed [MASK]: delete it in the text to unmask';
  if (word.ignored) {
    const hidden = parts.flatMap((p) => (p.hidden === null ? [] : [p.hidden.name]));
    const what =
      hidden.length > 0 ? [...new Set(hidden)].join(', ') : 'a combining mark on its own';
    return `The model does not see this (${what}), so it cannot be masked`;
  }
  return masked ? 'Unmask this word' : 'Mask this word';
}

function ChipLabel({ parts, molecules }: { parts: readonly ChipPart[]; molecules: boolean }) {
  return (
    <span className="chip__word">
      {/* A label that starts with a combining mark gets a dotted circle to sit on. */}
      {/^\p{M}/u.test(parts[0]?.text ?? '') ? '\u25cc' : null}
      {parts.map((part, i) =>
        part.hidden === null ? (
          part.text
        ) : (
          <span key={i} className="chip__hidden" title={hiddenTitle(part, molecules)}>
            {part.hidden.marker}
          </span>
        ),
      )}
    </span>
  );
}

export function Editor() {
  const text = usePlayground((s) => s.text);
  const setText = usePlayground((s) => s.setText);
  const toggleMask = usePlayground((s) => s.toggleMask);
  const setDocument = usePlayground((s) => s.setDocument);
  const words = usePlayground(selectWords);
  const masks = usePlayground(selectEffectiveMasks);
  const cover = usePlayground(selectQuizCover);
  const molecules = usePlayground((s) => s.mode === 'molecules');
  const checks = usePlayground(selectSmilesChecks);
  /** Per token index, the messages of the checks about it (molecule mode). */
  const problems = useMemo(() => {
    const byToken = new Map<number, string[]>();
    for (const check of checks) {
      for (const i of check.tokens) byToken.set(i, [...(byToken.get(i) ?? []), check.message]);
    }
    return byToken;
  }, [checks]);
  const textCovered = cover.hiddenIndices.length > 0;
  const parts = useMemo(() => chipParts(words, findHiddenChars(text)), [words, text]);
  const textId = useId();
  const chipsRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  /** "New sentence" was pressed: the text box gets the focus once it is back. */
  const focusText = useRef(false);
  useEffect(() => {
    if (textCovered || !focusText.current) return;
    focusText.current = false;
    textRef.current?.focus();
  }, [textCovered]);
  // The one chip in the Tab order: the last one focused, kept inside the row as the text changes.
  const [active, setActive] = useState(0);
  const tabStop = Math.min(active, words.length - 1);

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
    <section
      className={`panel editor${molecules ? ' editor--molecules' : ''}`}
      aria-label={molecules ? 'Molecule editor' : 'Sentence editor'}
    >
      {textCovered ? (
        <div className="editor__covered" data-testid="editor-covered">
          <p className="editor__covered-note">
            Quiz round: the text box is back at Reveal. Click a word to mask or unmask it.
          </p>
          <button
            type="button"
            className="editor__new"
            onClick={() => {
              focusText.current = true;
              setDocument('', []);
            }}
            data-testid="editor-new-sentence"
          >
            New sentence
          </button>
        </div>
      ) : (
        <>
          <label htmlFor={textId} className="editor__label">
            {molecules ? (
              <>
                Type or paste a molecule as SMILES, then click an atom to mask it (or type{' '}
                <code>[MASK]</code>)
              </>
            ) : (
              <>
                Type a sentence, then click a word to mask it (or type <code>[MASK]</code>)
              </>
            )}
          </label>
          <textarea
            id={textId}
            ref={textRef}
            className="editor__text"
            value={text}
            onChange={(event) => setText(event.target.value)}
            rows={2}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            data-testid="editor-text"
          />
        </>
      )}
      <div
        className="editor__chips"
        ref={chipsRef}
        role="group"
        aria-label={`${molecules ? 'SMILES tokens' : 'Words'}: press Enter or Space to mask or unmask`}
      >
        {words.map((word, index) => {
          const masked = masks.includes(index);
          const label = parts[index] ?? [];
          const fixed = word.literalMask || word.ignored;
          const flagged = problems.get(index) ?? [];
          return (
            <button
              key={`${index}:${word.text}`}
              type="button"
              className={`chip${masked ? ' chip--masked' : ''}${word.literalMask ? ' chip--literal' : ''}${word.ignored ? ' chip--ignored' : ''}${flagged.length > 0 ? ' chip--problem' : ''}`}
              aria-pressed={masked}
              aria-disabled={fixed}
              aria-invalid={flagged.length > 0 || undefined}
              tabIndex={index === tabStop ? 0 : -1}
              title={molecules ? tokenTitle(word, masked, flagged) : chipTitle(word, masked, label)}
              data-word-index={index}
              onFocus={() => setActive(index)}
              onClick={() => {
                if (!fixed) toggleMask(index);
              }}
              onKeyDown={(event) => onChipKeyDown(event, index)}
            >
              {masked ? <span className="chip__mask">[MASK]</span> : null}
              {word.literalMask || (masked && cover.active) ? null : (
                <ChipLabel parts={label} molecules={molecules} />
              )}
            </button>
          );
        })}
      </div>
      <InputMessages />
    </section>
  );
}
