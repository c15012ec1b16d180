// The projected window's end of the presenter channel, on a real store and a fake channel: it
// reports the step and sentence, follows the presenter's Back/Next and sentence buttons, and keeps
// the store's presenterOpen as presenter views come and go.
import { describe, expect, it } from 'vitest';

import { createPlaygroundStore } from '../../state/store';
import { applyLessonStep } from './applyLessonStep';
import { LESSON_STEPS } from './lessonSteps';
import { type MessageChannelLike, lessonStateOf, startPresenterLink } from './presenterLink';

class FakeChannel implements MessageChannelLike {
  sent: unknown[] = [];
  closed = false;
  private listeners = new Set<(event: MessageEvent) => void>();
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.delete(listener);
  }
  close(): void {
    this.closed = true;
  }
  /** A message from the other window. */
  receive(data: unknown): void {
    for (const listener of this.listeners) listener({ data } as MessageEvent);
  }
}

const multiSentence = LESSON_STEPS.findIndex((s) => s.variants.length >= 3);

describe('lessonStateOf', () => {
  it('names the step and which of its sentences is shown', () => {
    const store = createPlaygroundStore();
    expect(lessonStateOf(store.getState())).toEqual({ kind: 'state', step: null, variant: null });
    applyLessonStep(store.getState(), multiSentence, 2);
    expect(lessonStateOf(store.getState())).toEqual({
      kind: 'state',
      step: multiSentence,
      variant: 2,
    });
    store.getState().setText('a sentence of my own');
    expect(lessonStateOf(store.getState())).toEqual({
      kind: 'state',
      step: multiSentence,
      variant: null,
    });
  });
});

describe('startPresenterLink', () => {
  it('reports the lesson on start, on hello and whenever it changes, once per change', () => {
    const store = createPlaygroundStore();
    const channel = new FakeChannel();
    startPresenterLink(store, channel);
    expect(channel.sent).toEqual([{ kind: 'state', step: null, variant: null }]);
    applyLessonStep(store.getState(), 1);
    expect(channel.sent.at(-1)).toEqual({ kind: 'state', step: 1, variant: 0 });
    const count = channel.sent.length;
    store.getState().setTopK(3);
    expect(channel.sent.length).toBe(count);
    channel.receive({ kind: 'hello' });
    expect(channel.sent.length).toBe(count + 1);
    expect(channel.sent.at(-1)).toEqual({ kind: 'state', step: 1, variant: 0 });
  });

  it('opens the step and sentence the presenter asks for, and closes the lesson', () => {
    const store = createPlaygroundStore();
    const channel = new FakeChannel();
    startPresenterLink(store, channel);
    channel.receive({ kind: 'go', step: multiSentence, variant: 1 });
    const step = LESSON_STEPS[multiSentence];
    expect(store.getState().lessonStep).toBe(multiSentence);
    expect(store.getState().masks).toEqual(step?.variants[1]?.masks);
    expect(channel.sent.at(-1)).toEqual({ kind: 'state', step: multiSentence, variant: 1 });
    channel.receive({ kind: 'go', step: null, variant: 0 });
    expect(store.getState().lessonStep).toBeNull();
    channel.receive({ kind: 'go', step: 99, variant: 0 });
    expect(store.getState().lessonStep).toBe(LESSON_STEPS.length - 1);
  });

  it('knows while a presenter view is open, and ignores what is not a message', () => {
    const store = createPlaygroundStore();
    const channel = new FakeChannel();
    const stop = startPresenterLink(store, channel);
    expect(store.getState().presenterOpen).toBe(false);
    channel.receive({ kind: 'hello' });
    expect(store.getState().presenterOpen).toBe(true);
    channel.receive({ kind: 'bye' });
    expect(store.getState().presenterOpen).toBe(false);
    channel.receive({ kind: 'go', step: 'next', variant: 0 });
    channel.receive('<script>');
    expect(store.getState().lessonStep).toBeNull();
    stop();
    expect(channel.closed).toBe(true);
    channel.receive({ kind: 'go', step: 0, variant: 0 });
    expect(store.getState().lessonStep).toBeNull();
  });
});
