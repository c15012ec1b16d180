// Presentation mode's keys, kept apart from the component so they can be tested alone: Alt+P turns
// it on and off anywhere on the page, Escape leaves it unless something nearer takes the Escape
// (an open tooltip or menu, the attention map's cursor, the lesson panel).

/** The parts of a keyboard event the shortcuts look at. */
export interface PresentationKeyEvent {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** True once a handler nearer the target used the key (the lesson panel's Escape). */
  defaultPrevented: boolean;
}

/** Shown on the button's title and in aria-keyshortcuts. */
export const PRESENTATION_SHORTCUT = 'Alt+P';

export type PresentationKeyAction = 'toggle' | 'leave' | null;

/**
 * What a key press does to presentation mode. Alt+P is matched by the key's position (code), so
 * it works on any layout and where Alt+P types a character (macOS). `escapeTaken`: something on
 * the page closes or clears on this Escape, which then leaves presentation mode alone.
 */
export function presentationKeyAction(
  event: PresentationKeyEvent,
  presenting: boolean,
  escapeTaken: boolean,
): PresentationKeyAction {
  if (event.defaultPrevented) return null;
  const noOtherModifier = !event.ctrlKey && !event.metaKey && !event.shiftKey;
  if (event.altKey && noOtherModifier && event.code === 'KeyP') return 'toggle';
  if (presenting && !escapeTaken && event.key === 'Escape' && !event.altKey && noOtherModifier) {
    return 'leave';
  }
  return null;
}
