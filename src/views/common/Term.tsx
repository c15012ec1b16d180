// A word from the glossary, explained where a view uses it: a button with a dotted underline whose
// definition shows in a tooltip on hover and on focus, stays while the pointer is over it, is kept
// open by a click (Enter, Space, a tap) until the next one or a click elsewhere, and closes with
// Escape wherever the focus is. The definition is also the button's accessible description
// (aria-describedby), which screen readers read even while the tooltip is hidden.
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

import { usePlayground } from '../../state/store';
import { definitionOf, GLOSSARY, type GlossaryId } from './glossary';
import './Term.css';

export interface TermProps {
  id: GlossaryId;
  /** The words shown; the glossary's own name for the term when absent. */
  children?: ReactNode;
}

export function Term({ id, children }: TermProps) {
  const tipId = useId();
  const wrapper = useRef<HTMLSpanElement>(null);
  const entry = GLOSSARY[id];
  // Molecule mode shows only molecule models: its definitions speak of molecules and SMILES tokens.
  const definition = usePlayground((s) => definitionOf(id, s.mode));
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [pinned, setPinned] = useState(false);
  // Set by Escape or a click on an open tip; cleared by the next hover, focus or click.
  const [dismissed, setDismissed] = useState(false);
  const open = !dismissed && (hovered || focused || pinned);

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setDismissed(true);
      setPinned(false);
    };
    const onPointerDown = (event: PointerEvent) => {
      if (wrapper.current?.contains(event.target as Node)) return;
      setPinned(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open]);

  return (
    <span
      ref={wrapper}
      className="term"
      onMouseEnter={() => {
        setHovered(true);
        setDismissed(false);
      }}
      onMouseLeave={() => setHovered(false)}
    >
      <button
        type="button"
        className="term__button"
        aria-describedby={tipId}
        data-term={id}
        onFocus={() => {
          setFocused(true);
          setDismissed(false);
        }}
        onBlur={() => {
          setFocused(false);
          setPinned(false);
        }}
        onClick={() => {
          // A click (or Enter, Space, a tap) keeps the definition open; the next one closes it.
          setDismissed(pinned);
          setPinned(!pinned);
        }}
      >
        {children ?? entry.term}
      </button>
      <span role="tooltip" id={tipId} className="term__tip" hidden={!open}>
        <strong className="term__name">{entry.term}:</strong> {definition}
      </span>
    </span>
  );
}
