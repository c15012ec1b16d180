import { beforeEach, describe, expect, it } from 'vitest';

import { isValidModelName } from '../core/catalog';
import { decodeHash } from './urlHash';
import { localModelName } from './slices/modelSlice';
import { createPlaygroundStore, type PlaygroundStore } from './store';
import { startUrlSync } from './urlSync';

const blob = (text: string) => new Blob([text]);
const folder = (name: string, files: string[]) => ({
  folderName: name,
  files: files.map((file) => ({ path: `${name}/${file}`, file: blob(file) })),
});
const MODEL_FILES = ['config.json', 'tokenizer.json', 'weights.json', 'group1-shard1of1.bin'];

/** Just enough of a window for startUrlSync: the hash it writes is kept in `hash`. */
function fakeWindow(initial = '') {
  const win = {
    hash: initial,
    location: {
      get hash() {
        return win.hash;
      },
    },
    history: {
      replaceState: (_data: unknown, _unused: string, url: string) => {
        win.hash = url;
      },
    },
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  return win;
}

let store: PlaygroundStore;
const state = () => store.getState();

beforeEach(() => {
  store = createPlaygroundStore();
});

describe('openLocalModel', () => {
  it('keeps the files by name and requests the folder under a name no link can hold', () => {
    state().openLocalModel(folder('my-model', [...MODEL_FILES, '.DS_Store']));
    const local = state().localModel;
    expect(local?.name).toBe('my-model (from disk)');
    expect(local?.folderName).toBe('my-model');
    expect([...(local?.files.keys() ?? [])].sort()).toEqual([...MODEL_FILES].sort());
    expect(state().requestedModel).toBe('my-model (from disk)');
    expect(isValidModelName(localModelName('my-model'))).toBe(false);
    expect(state().notices).toEqual([]);
  });

  it('turns the problems of a folder into an error notice and changes nothing else', () => {
    state().requestModel('tiny-random');
    state().openLocalModel(folder('good', MODEL_FILES));
    const before = state().localModel;
    state().requestModel('tiny-random');
    state().openLocalModel(folder('no-weights', ['config.json', 'tokenizer.json']));
    expect(state().localModel).toBe(before);
    expect(state().requestedModel).toBe('tiny-random');
    expect(state().notices).toHaveLength(1);
    expect(state().notices[0]?.kind).toBe('error');
    expect(state().notices[0]?.text).toContain('"no-weights" is not a model folder');
    expect(state().notices[0]?.text).toContain('weights.json');
  });

  it('replaces the folder kept when another one is opened', () => {
    state().openLocalModel(folder('first', MODEL_FILES));
    state().openLocalModel(folder('second', MODEL_FILES));
    expect(state().localModel?.name).toBe('second (from disk)');
    expect(state().requestedModel).toBe('second (from disk)');
  });
});

describe('the link with a model from disk', () => {
  it('names no model while a folder from disk is asked for or shown, and names served ones', () => {
    const win = fakeWindow();
    const stop = startUrlSync(store, win as unknown as Window);
    state().requestModel('tiny-random');
    expect(decodeHash(win.hash).state.model).toBe('tiny-random');

    state().openLocalModel(folder('my-model', MODEL_FILES));
    expect(win.hash).not.toContain('model=');
    expect(win.hash).not.toContain('from%20disk');
    state().setModelNames({ exlm: 'my-model (from disk)', mlm: null });
    state().setText('a changed text');
    expect(win.hash).not.toContain('model=');
    expect(decodeHash(win.hash)).toEqual({
      state: { text: 'a changed text', masks: expect.any(Array), views: expect.any(Array) },
      problems: [],
    });

    state().requestModel('tiny-random');
    state().setModelNames({ exlm: 'tiny-random', mlm: 'tiny-random-mlm' });
    expect(decodeHash(win.hash).state.model).toBe('tiny-random');
    stop();
  });

  it('refuses a local model name that arrives in a link', () => {
    const { state: decoded, problems } = decodeHash(
      `#model=${encodeURIComponent('my-model (from disk)')}`,
    );
    expect(decoded.model).toBeUndefined();
    expect(problems[0]).toMatch(/not a model folder name/);
  });
});
