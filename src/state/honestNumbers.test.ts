// The view options behind honest numbers: the bar scale (absolute unless asked otherwise), the
// development option that lets the picker offer random-weight models, and the models shown so far.
import { describe, expect, it } from 'vitest';

import { createPlaygroundStore } from './store';

describe('bar scale', () => {
  it('starts absolute and switches to relative and back', () => {
    const store = createPlaygroundStore();
    expect(store.getState().barScale).toBe('absolute');
    store.getState().setBarScale('relative');
    expect(store.getState().barScale).toBe('relative');
    store.getState().setBarScale('absolute');
    expect(store.getState().barScale).toBe('absolute');
  });
});

describe('development option and shown models', () => {
  it('keeps the development option off unless set', () => {
    const store = createPlaygroundStore();
    expect(store.getState().devMode).toBe(false);
    store.getState().setDevMode(true);
    expect(store.getState().devMode).toBe(true);
  });

  it('remembers every model shown, once, oldest first', () => {
    const store = createPlaygroundStore();
    expect(store.getState().shownModels).toEqual([]);
    store.getState().setModelNames({ exlm: 'tiny-random', mlm: 'tiny-random-mlm' });
    store.getState().setModelNames({ exlm: 'exlm-en-small', mlm: 'mlm-en-small' });
    store.getState().setModelNames({ exlm: 'tiny-random', mlm: 'tiny-random-mlm' });
    expect(store.getState().shownModels).toEqual(['tiny-random', 'exlm-en-small']);
    expect(store.getState().modelNames).toEqual({ exlm: 'tiny-random', mlm: 'tiny-random-mlm' });
  });
});
