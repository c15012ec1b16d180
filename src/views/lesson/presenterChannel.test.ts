// What the two windows of a lesson accept from each other, and how the presenter view is opened.
import { describe, expect, it } from 'vitest';

import { isPresenterWindow, presenterUrl, readPresenterMessage } from './presenterChannel';

describe('readPresenterMessage', () => {
  it('reads the four kinds of message', () => {
    expect(readPresenterMessage({ kind: 'hello' })).toEqual({ kind: 'hello' });
    expect(readPresenterMessage({ kind: 'bye', extra: 1 })).toEqual({ kind: 'bye' });
    expect(readPresenterMessage({ kind: 'go', step: 3, variant: 1 })).toEqual({
      kind: 'go',
      step: 3,
      variant: 1,
    });
    expect(readPresenterMessage({ kind: 'go', step: null, variant: 0 })).toEqual({
      kind: 'go',
      step: null,
      variant: 0,
    });
    expect(readPresenterMessage({ kind: 'state', step: 0, variant: null })).toEqual({
      kind: 'state',
      step: 0,
      variant: null,
    });
  });

  it('refuses anything else', () => {
    for (const data of [
      null,
      'hello',
      42,
      {},
      { kind: 'jump' },
      { kind: 'go', step: -1, variant: 0 },
      { kind: 'go', step: 1.5, variant: 0 },
      { kind: 'go', step: '2', variant: 0 },
      { kind: 'go', step: 2 },
      { kind: 'state', step: 2 },
      { kind: 'state', step: 1e9, variant: 0 },
    ]) {
      expect(readPresenterMessage(data), JSON.stringify(data)).toBeNull();
    }
  });
});

describe('the presenter window', () => {
  it('is the page opened with ?presenter', () => {
    expect(isPresenterWindow('?presenter=1')).toBe(true);
    expect(isPresenterWindow('?backend=wasm&presenter')).toBe(true);
    expect(isPresenterWindow('?presenter=0')).toBe(false);
    expect(isPresenterWindow('?backend=wasm')).toBe(false);
    expect(isPresenterWindow('')).toBe(false);
  });

  it('opens at the same origin and path, without the link', () => {
    expect(presenterUrl({ origin: 'https://example.org', pathname: '/exlm/' })).toBe(
      'https://example.org/exlm/?presenter=1',
    );
  });
});
