// Presentation mode, for a projector: the header's toggle (and Alt+P, Escape to leave), and the
// small menu that holds what a class does not need on screen (the views' checkboxes, the examples,
// the status with the model and backend pickers) while the mode is on. The mode itself is the
// store's `presentation` (a link carries it); the page applies it as a class on its root.
import { type ReactNode, useEffect } from 'react';

import { playgroundStore, usePlayground } from '../../state/store';
import { PRESENTATION_SHORTCUT, presentationKeyAction } from './presentationKeys';
import './Presentation.css';

/** True when this Escape belongs to something nearer than the page: an open tooltip, an open
 *  menu (which it then closes), or the attention map's cursor. */
function escapeTakenBy(target: EventTarget | null): boolean {
  if (document.querySelector('.term__tip:not([hidden])') !== null) return true;
  if (!(target instanceof Element)) return false;
  const menu = target.closest('details[open]');
  if (menu instanceof HTMLDetailsElement) {
    menu.open = false;
    menu.querySelector('summary')?.focus();
    return true;
  }
  return target.closest('.attention-view__canvas') !== null;
}

/** "Presentation mode" in the header; while the mode is on it reads "Leave presentation mode" and
 *  stays in the header's flow, where it covers nothing (Escape and Alt+P leave from anywhere). */
export function PresentationToggle() {
  const presenting = usePlayground((s) => s.presentation);
  const setPresentation = usePlayground((s) => s.setPresentation);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' && event.code !== 'KeyP') return;
      const now = playgroundStore.getState().presentation;
      const taken = event.key === 'Escape' && now && escapeTakenBy(event.target);
      const action = presentationKeyAction(event, now, taken);
      if (action === null) return;
      event.preventDefault();
      setPresentation(action === 'toggle' ? !now : false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setPresentation]);

  return (
    <button
      type="button"
      className={`presentation-toggle${presenting ? ' presentation-toggle--on' : ''}`}
      onClick={() => setPresentation(!presenting)}
      title={
        presenting
          ? `Back to the full page (${PRESENTATION_SHORTCUT} or Esc)`
          : `Large type and fewer controls, for a projector (${PRESENTATION_SHORTCUT}; Esc leaves)`
      }
      aria-keyshortcuts={presenting ? `${PRESENTATION_SHORTCUT} Escape` : PRESENTATION_SHORTCUT}
      data-testid="presentation-toggle"
    >
      {presenting ? '× Leave presentation mode' : 'Presentation mode'}
    </button>
  );
}

/** While presenting: the page's controls, folded into one menu under the header. */
export function PresentationMenu({ children }: { children: ReactNode }) {
  return (
    <details className="presentation-menu" data-testid="presentation-menu">
      <summary className="presentation-menu__summary">Views, examples and status</summary>
      <div className="presentation-menu__body">{children}</div>
    </details>
  );
}
