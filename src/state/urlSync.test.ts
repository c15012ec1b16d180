// URL sync against a fake window: what the page writes to the address bar, and when it refuses to.
import { beforeEach, describe, expect, it } from 'vitest';

import { answerQuiz } from './quizAnswer.testdata';
import { type PlaygroundStore, createPlaygroundStore } from './store';
import { HASH_DEFAULTS, MAX_HASH_TEXT_CHARS, decodeHash } from './urlHash';
import { selectShareProblem, startUrlSync } from './urlSync';

/** Just what startUrlSync uses of a window: location.hash, history.replaceState, hashchange. */
class FakeWindow {
  readonly location = { hash: '' };
  readonly writes: string[] = [];
  private listeners: (() => void)[] = [];
  readonly history = {
    replaceState: (_data: unknown, _unused: string, url: string) => {
      this.writes.push(url);
      this.location.hash = url;
    },
  };
  addEventListener(_type: 'hashchange', listener: () => void): void {
    this.listeners.push(listener);
  }
  removeEventListener(_type: 'hashchange', listener: () => void): void {
    this.listeners = this.listeners.filter((l) => l !== listener);
  }
  /** The user edits the address by hand. */
  typeHash(hash: string): void {
    this.location.hash = hash;
    for (const listener of this.listeners) listener();
  }
  asWindow(): Window {
    return this as unknown as Window;
  }
}

let store: PlaygroundStore;
let win: FakeWindow;
let stop: () => void;
const state = () => store.getState();

beforeEach(() => {
  store = createPlaygroundStore();
  win = new FakeWindow();
  stop = startUrlSync(store, win.asWindow());
  return () => stop();
});

describe('startUrlSync', () => {
  it('writes the page state as a link the reader opens as it is', () => {
    state().setDocument('the cat & the hat = 100% + #1', [1]);
    const written = win.writes.at(-1) ?? '';
    expect(decodeHash(written)).toEqual({
      state: {
        text: 'the cat & the hat = 100% + #1',
        masks: [1],
        views: state().openViews,
      },
      problems: [],
    });
  });

  it('does not write a link over the limit: it keeps the last one and warns once per crossing', () => {
    state().setDocument('a short text', [1]);
    const lastValid = win.location.hash;
    const writes = win.writes.length;

    const long = 'word '.repeat(1000);
    state().setText(long);
    expect(long.length).toBe(5000);
    expect(win.location.hash).toBe(lastValid);
    expect(win.writes).toHaveLength(writes);
    expect(state().notices.map((n) => n.text)).toEqual([
      'This text is 5,000 characters long; links hold at most 2,000, so the address no longer follows the page. Shorten the text to share it.',
    ]);

    // Still over the limit: no second notice, no write.
    state().setText(long + 'more');
    state().toggleMask(0);
    expect(state().notices).toHaveLength(1);
    expect(win.writes).toHaveLength(writes);

    // Back under the limit: the link follows the page again and the notice goes.
    state().setText('short again');
    expect(decodeHash(win.location.hash).state.text).toBe('short again');
    expect(state().notices).toEqual([]);

    // A second crossing warns again.
    state().setText('x'.repeat(MAX_HASH_TEXT_CHARS + 1));
    expect(state().notices).toHaveLength(1);
    expect(state().notices[0]?.text).toContain('2,001 characters');
  });

  it('writes nothing the reader would refuse, starting with a text of exactly the limit', () => {
    state().setText('y'.repeat(MAX_HASH_TEXT_CHARS));
    expect(decodeHash(win.location.hash)).toMatchObject({ problems: [] });
    expect(state().notices).toEqual([]);
  });

  it('keeps no link at all when none could ever be written', () => {
    stop();
    const fresh = new FakeWindow();
    store = createPlaygroundStore();
    state().setText('z'.repeat(MAX_HASH_TEXT_CHARS + 10));
    stop = startUrlSync(store, fresh.asWindow());
    expect(fresh.writes).toEqual([]);
    expect(fresh.location.hash).toBe('');
    expect(state().notices).toHaveLength(1);
  });

  it('applies a link edited by hand, then shows the page state in the address', () => {
    win.typeHash('#text=one%20two%20three&mask=2&views=dag&zz=1');
    expect(state().text).toBe('one two three');
    expect(state().masks).toEqual([2]);
    expect(state().notices[0]?.text).toMatch(/"zz"/);
    // The unknown field is gone from the address: it now says what the page shows.
    expect(win.location.hash).not.toContain('zz');
    expect(decodeHash(win.location.hash)).toEqual({
      state: { text: 'one two three', masks: [2], views: ['dag'] },
      problems: [],
    });
  });

  it('writes every view option the link holds as it changes, and leaves out the defaults', () => {
    state().setDocument('the cat sat', [1]);
    const plain = win.location.hash;
    expect(plain).toBe(`#text=the%20cat%20sat&mask=1&views=${state().openViews.join('%2C')}`);
    const steps: [() => void, string][] = [
      [() => state().setTopK(3), 'k=3'],
      [() => state().setDagThreshold(0.25), 'edges=0.25'],
      [() => state().setAttentionLayer(1), 'layer=2'],
      [() => state().setAttentionHead(0), 'head=1'],
      [() => state().setLessonStep(2), 'step=3'],
      [() => state().setPresentation(true), 'present=1'],
      [() => state().setBarScale('relative'), 'scale=relative'],
    ];
    for (const [change, field] of steps) {
      const writes = win.writes.length;
      change();
      expect(win.writes, field).toHaveLength(writes + 1);
      expect(win.location.hash.endsWith(`&${field}`), win.location.hash).toBe(true);
    }
    expect(decodeHash(win.location.hash)).toEqual({
      state: {
        text: 'the cat sat',
        masks: [1],
        views: state().openViews,
        topK: 3,
        dagThreshold: 0.25,
        attentionLayer: 1,
        attentionHead: 0,
        lessonStep: 2,
        presentation: true,
        barScale: 'relative',
      },
      problems: [],
    });
    // Back to the defaults: back to the short link.
    state().setTopK(HASH_DEFAULTS.topK);
    state().setDagThreshold(HASH_DEFAULTS.dagThreshold);
    state().setAttentionLayer(0);
    state().setAttentionHead('mean');
    state().setLessonStep(null);
    state().setPresentation(false);
    state().setBarScale('absolute');
    expect(win.location.hash).toBe(plain);
  });

  it('applies the view options of a link edited by hand; one it leaves out is its default', () => {
    win.typeHash(
      '#text=a%20b&mask=1&views=attention&k=2&edges=0.5&layer=2&head=2&step=4&present=1',
    );
    expect(state()).toMatchObject({
      topK: 2,
      dagThreshold: 0.5,
      attentionLayer: 1,
      attentionHead: 1,
      lessonStep: 3,
      presentation: true,
      barScale: 'absolute',
    });
    expect(state().notices).toEqual([]);
    win.typeHash('#text=a%20b&mask=1&views=attention&scale=relative&k=99');
    expect(state()).toMatchObject({ ...HASH_DEFAULTS, barScale: 'relative' });
    expect(state().notices.map((n) => n.text)).toEqual([
      'The link\'s "k" field ("99") is not a number of candidates from 1 to 10; the default top-k (5) is used.',
    ]);
    // The address now says what the page shows: the malformed field is gone.
    expect(win.location.hash).toBe('#text=a%20b&mask=1&views=attention&scale=relative');
  });

  it('says whether the address holds the page state, for a copy-link control', () => {
    state().setDocument('a short text', [1]);
    expect(selectShareProblem(state())).toBeNull();
    state().setText('word '.repeat(1000));
    expect(selectShareProblem(state())).toMatch(/links hold at most 2,000/);
  });

  it('leaves the hidden words out of the link while a quiz round is open, and back at the reveal', () => {
    state().setDocument('the old man sat by the river', [1, 6]);
    state().setOpenViews(['quiz']);
    expect(decodeHash(win.location.hash)).toEqual({
      state: { text: 'the [MASK] man sat by the [MASK]', masks: [], views: ['quiz'] },
      problems: [],
    });
    expect(win.location.hash).not.toMatch(/old|river/);
    expect(selectShareProblem(state())).toBeNull();
    // Masking another word in the round covers it in the link at once.
    state().toggleMask(3);
    expect(decodeHash(win.location.hash).state.text).toBe('the [MASK] man [MASK] by the [MASK]');

    answerQuiz(store, [['young'], ['lay'], ['sea']], null);
    expect(state().reveal()).toBe(true);
    expect(decodeHash(win.location.hash).state).toMatchObject({
      text: 'the old man sat by the river',
      masks: [1, 3, 6],
    });
    state().nextRound();
    expect(decodeHash(win.location.hash).state.text).toBe('the [MASK] man [MASK] by the [MASK]');
    // Leaving the quiz: the link holds the text again.
    state().setOpenViews(['predictions']);
    expect(decodeHash(win.location.hash).state).toMatchObject({
      text: 'the old man sat by the river',
      masks: [1, 3, 6],
    });
  });

  it('stops writing once stopped', () => {
    stop();
    const writes = win.writes.length;
    state().setText('after stop');
    win.typeHash('#text=ignored');
    expect(win.writes).toHaveLength(writes);
    expect(state().text).toBe('after stop');
  });
});
