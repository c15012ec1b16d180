// Classroom state that a shared link carries: the guided lesson's step and presentation mode.
// The lesson and the projector layout read these; the link (urlHash.ts) writes and restores them.
import type { StateCreator } from 'zustand';

import type { PlaygroundState } from '../store';

export interface TeachingSlice {
  /** The guided lesson's step (0-based); null while the lesson is closed. */
  lessonStep: number | null;
  /** Large type, controls hidden, high contrast: for a projector. */
  presentation: boolean;
  setLessonStep: (step: number | null) => void;
  setPresentation: (on: boolean) => void;
}

export const createTeachingSlice: StateCreator<PlaygroundState, [], [], TeachingSlice> = (set) => ({
  lessonStep: null,
  presentation: false,
  setLessonStep: (step) =>
    set({ lessonStep: step === null ? null : Math.max(0, Math.round(step)) }),
  setPresentation: (presentation) => set({ presentation }),
});
