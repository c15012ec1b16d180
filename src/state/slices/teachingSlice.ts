// Classroom state: the guided lesson's step and presentation mode, which a shared link carries
// (urlHash.ts writes and restores them), and whether a presenter view follows the lesson from a
// second window (never in a link: it lasts as long as that window).
import type { StateCreator } from 'zustand';

import type { InputMode } from '../../core/inputMode';
import type { PlaygroundState } from '../store';
import { modeChange } from './documentSlice';

export interface TeachingSlice {
  /** The guided lesson's step (0-based); null while the lesson is closed. */
  lessonStep: number | null;
  /** Large type, controls hidden, high contrast: for a projector. */
  presentation: boolean;
  /** A presenter view (the lesson's notes, next step and timer) is open in another window: the
   *  lesson panel here shows the short text only. */
  presenterOpen: boolean;
  /** Opens lesson step `step` (null closes the lesson) in `mode`, the mode the step is about:
   *  the page switches to it, each mode's input kept as a switch keeps it. */
  setLessonStep: (step: number | null, mode?: InputMode) => void;
  setPresentation: (on: boolean) => void;
  setPresenterOpen: (open: boolean) => void;
}

export const createTeachingSlice: StateCreator<PlaygroundState, [], [], TeachingSlice> = (set) => ({
  lessonStep: null,
  presentation: false,
  presenterOpen: false,
  // Most steps are about English sentences, the last ones about molecules: a step opened in the
  // other mode (by a presenter view's Next, say) brings the page to its own mode first, the input
  // left behind kept for later.
  setLessonStep: (step, mode = 'text') =>
    set((s) =>
      step === null
        ? { lessonStep: null }
        : { ...modeChange(s, mode), lessonStep: Math.max(0, Math.round(step)) },
    ),
  setPresentation: (presentation) => set({ presentation }),
  setPresenterOpen: (presenterOpen) => set({ presenterOpen }),
});
