// Classroom state: the guided lesson's step and presentation mode, which a shared link carries
// (urlHash.ts writes and restores them), and whether a presenter view follows the lesson from a
// second window (never in a link: it lasts as long as that window).
import type { StateCreator } from 'zustand';

import type { PlaygroundState } from '../store';
import { modeChange } from './documentSlice';

export interface TeachingSlice {
  /** The guided lesson's step (0-based); null while the lesson is closed (always in molecule
   *  mode). */
  lessonStep: number | null;
  /** Large type, controls hidden, high contrast: for a projector. */
  presentation: boolean;
  /** A presenter view (the lesson's notes, next step and timer) is open in another window: the
   *  lesson panel here shows the short text only. */
  presenterOpen: boolean;
  setLessonStep: (step: number | null) => void;
  setPresentation: (on: boolean) => void;
  setPresenterOpen: (open: boolean) => void;
}

export const createTeachingSlice: StateCreator<PlaygroundState, [], [], TeachingSlice> = (set) => ({
  lessonStep: null,
  presentation: false,
  presenterOpen: false,
  // The lesson is about English sentences: a step opened in molecule mode (by a presenter view,
  // say) brings the page back to Text first, the molecule kept for later.
  setLessonStep: (step) =>
    set((s) =>
      step === null
        ? { lessonStep: null }
        : { ...modeChange(s, 'text'), lessonStep: Math.max(0, Math.round(step)) },
    ),
  setPresentation: (presentation) => set({ presentation }),
  setPresenterOpen: (presenterOpen) => set({ presenterOpen }),
});
