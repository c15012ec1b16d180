// The playground's one store, made of slices (zustand slices pattern): actions live beside the
// state they change. The vanilla store works without React (unit tests, the runtime controller);
// usePlayground is the React hook over it.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

import { type DocumentSlice, createDocumentSlice } from './slices/documentSlice';
import { type ExperimentSlice, createExperimentSlice } from './slices/experimentSlice';
import { type ModelSlice, createModelSlice } from './slices/modelSlice';
import { type NoticeSlice, createNoticeSlice } from './slices/noticeSlice';
import { type QuizSlice, createQuizSlice } from './slices/quizSlice';
import { type ResultsSlice, createResultsSlice } from './slices/resultsSlice';
import { type RuntimeSlice, createRuntimeSlice } from './slices/runtimeSlice';
import { type TeachingSlice, createTeachingSlice } from './slices/teachingSlice';
import { type ViewSlice, createViewSlice } from './slices/viewSlice';

export type PlaygroundState = DocumentSlice &
  ModelSlice &
  RuntimeSlice &
  ResultsSlice &
  ViewSlice &
  NoticeSlice &
  QuizSlice &
  TeachingSlice &
  ExperimentSlice;

export function createPlaygroundStore() {
  return createStore<PlaygroundState>()((...a) => ({
    ...createDocumentSlice(...a),
    ...createModelSlice(...a),
    ...createRuntimeSlice(...a),
    ...createResultsSlice(...a),
    ...createViewSlice(...a),
    ...createNoticeSlice(...a),
    ...createQuizSlice(...a),
    ...createTeachingSlice(...a),
    ...createExperimentSlice(...a),
  }));
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;

export const playgroundStore: PlaygroundStore = createPlaygroundStore();

const initialState = playgroundStore.getInitialState();

/** Puts the shared store back to its first state (tests). */
export function resetPlaygroundStore(): void {
  playgroundStore.setState(initialState, true);
}

export function usePlayground<T>(selector: (state: PlaygroundState) => T): T {
  return useStore(playgroundStore, selector);
}
