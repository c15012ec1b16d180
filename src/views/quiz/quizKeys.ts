// The class quiz's keyboard shortcut, kept apart from the component so it can be tested alone.

/** The keys of a keyboard event that the shortcut looks at. */
export interface ShortcutKeys {
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  code: string;
}

/** True for "Next round", Alt+N. Matched by the key's position (code), not the character it
 *  types, so it works on any keyboard layout and where Alt+N types a dead key (macOS). */
export function isNextRoundKey(event: ShortcutKeys): boolean {
  return (
    event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyN'
  );
}
