// The text in the editor and which of its words are masked.
import type { StateCreator } from 'zustand';

import { DEFAULT_MASKS, DEFAULT_TEXT } from '../../core/defaults';
import { remapMasks, splitWords } from '../../core/words';
import type { PlaygroundState } from '../store';

export interface DocumentSlice {
  text: string;
  /** Indices (into splitWords(text)) of the words the user masked; literal [MASK]s come on top. */
  masks: number[];
  /** Replaces the text, keeping masks on the words that survived the edit. */
  setText: (text: string) => void;
  toggleMask: (wordIndex: number) => void;
  /** Text and masks together (gallery, URL hash); masks outside the text are dropped. */
  setDocument: (text: string, masks: readonly number[]) => void;
}

export const createDocumentSlice: StateCreator<PlaygroundState, [], [], DocumentSlice> = (set) => ({
  text: DEFAULT_TEXT,
  masks: [...DEFAULT_MASKS],
  setText: (text) => set((s) => ({ text, masks: remapMasks(s.text, text, s.masks) })),
  toggleMask: (wordIndex) =>
    set((s) => {
      const word = splitWords(s.text)[wordIndex];
      // A typed [MASK] is masked by its text; unmasking it means deleting it in the editor. A word
      // the model does not see (only invisible characters) cannot be masked.
      if (word === undefined || word.literalMask || word.ignored) return {};
      const masks = s.masks.includes(wordIndex)
        ? s.masks.filter((m) => m !== wordIndex)
        : [...s.masks, wordIndex].sort((a, b) => a - b);
      return { masks };
    }),
  setDocument: (text, masks) => {
    const wordCount = splitWords(text).length;
    const valid = [...new Set(masks)].filter((m) => m >= 0 && m < wordCount).sort((a, b) => a - b);
    set({ text, masks: valid });
  },
});
