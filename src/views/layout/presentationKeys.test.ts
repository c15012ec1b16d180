import { describe, expect, it } from 'vitest';

import { type PresentationKeyEvent, presentationKeyAction } from './presentationKeys';

const press = (over: Partial<PresentationKeyEvent>): PresentationKeyEvent => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  defaultPrevented: false,
  ...over,
});

describe('presentationKeyAction', () => {
  it('toggles on Alt+P by key position, whatever character it types', () => {
    expect(
      presentationKeyAction(press({ altKey: true, code: 'KeyP', key: 'π' }), false, false),
    ).toBe('toggle');
    expect(
      presentationKeyAction(press({ altKey: true, code: 'KeyP', key: 'p' }), true, false),
    ).toBe('toggle');
  });

  it('ignores P without Alt, and Alt+P with another modifier', () => {
    expect(presentationKeyAction(press({ code: 'KeyP', key: 'p' }), false, false)).toBeNull();
    for (const mod of ['ctrlKey', 'metaKey', 'shiftKey'] as const) {
      expect(
        presentationKeyAction(press({ altKey: true, code: 'KeyP', [mod]: true }), false, false),
      ).toBeNull();
    }
  });

  it('leaves on Escape only while presenting and when nothing nearer takes the Escape', () => {
    const escape = press({ key: 'Escape', code: 'Escape' });
    expect(presentationKeyAction(escape, true, false)).toBe('leave');
    expect(presentationKeyAction(escape, false, false)).toBeNull();
    expect(presentationKeyAction(escape, true, true)).toBeNull();
    expect(presentationKeyAction({ ...escape, defaultPrevented: true }, true, false)).toBeNull();
    expect(presentationKeyAction({ ...escape, shiftKey: true }, true, false)).toBeNull();
  });
});
