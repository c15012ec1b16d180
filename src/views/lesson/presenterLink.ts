// The projected window's end of the presenter channel (presenterChannel.ts): it tells the
// presenter view which step and sentence are shown whenever they change and when a presenter view
// says hello, opens the step the presenter asks for (through applyLessonStep, as the panel's own
// buttons do), and keeps the store's presenterOpen up to date so that the lesson panel here drops
// its notes while the presenter view shows them.
import type { PlaygroundState, PlaygroundStore } from '../../state/store';
import { applyLessonStep, clampStep, shownVariant } from './applyLessonStep';
import { LESSON_STEPS } from './lessonSteps';
import {
  type PresenterMessage,
  openPresenterChannel,
  readPresenterMessage,
} from './presenterChannel';

/** The part of a BroadcastChannel the link uses (a fake in the unit tests). */
export interface MessageChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** The lesson as the projected window shows it: step and sentence. */
export function lessonStateOf(
  state: Pick<PlaygroundState, 'lessonStep' | 'text' | 'masks' | 'mode'>,
): Extract<PresenterMessage, { kind: 'state' }> {
  if (state.lessonStep === null) return { kind: 'state', step: null, variant: null };
  const step = clampStep(state.lessonStep);
  const shown = LESSON_STEPS[step];
  const variant =
    shown === undefined ? null : shownVariant(shown, state.text, state.masks, state.mode);
  return { kind: 'state', step, variant };
}

/** Starts answering presenter views; returns the function that stops it. */
export function startPresenterLink(
  store: PlaygroundStore,
  channel: MessageChannelLike | null = openPresenterChannel(),
): () => void {
  if (channel === null) return () => undefined;
  let lastSent = '';
  const report = (always: boolean) => {
    const message = lessonStateOf(store.getState());
    const key = JSON.stringify(message);
    if (!always && key === lastSent) return;
    lastSent = key;
    channel.postMessage(message);
  };
  const onMessage = (event: MessageEvent) => {
    const message = readPresenterMessage(event.data);
    if (message === null) return;
    const state = store.getState();
    if (message.kind === 'hello') {
      state.setPresenterOpen(true);
      report(true);
    } else if (message.kind === 'bye') {
      state.setPresenterOpen(false);
    } else if (message.kind === 'go') {
      state.setPresenterOpen(true);
      if (message.step === null) state.setLessonStep(null);
      else applyLessonStep(state, message.step, message.variant);
    }
  };
  channel.addEventListener('message', onMessage);
  const unsubscribe = store.subscribe(() => report(false));
  // A presenter view that is already open (this window was reloaded) catches up.
  report(true);
  return () => {
    unsubscribe();
    channel.removeEventListener('message', onMessage);
    channel.close();
  };
}
