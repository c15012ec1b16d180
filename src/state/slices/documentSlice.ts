// The input mode (English text or molecules), the text in the editor and which of its units (words,
// or SMILES tokens in molecule mode) are masked. Each mode keeps its own input: switching away and
// back finds it as it was left.
import type { StateCreator } from 'zustand';

import {
  DEFAULT_DOCUMENTS,
  DEFAULT_MODE,
  type InputDocument,
  type InputMode,
  splitterFor,
} from '../../core/inputMode';
import { remapMasks } from '../../core/words';
import { TEXT_ONLY_VIEWS } from '../viewIds';
import type { PlaygroundState } from '../store';

export interface DocumentSlice {
  /** What the page works on: English text, or molecules written as SMILES. */
  mode: InputMode;
  text: string;
  /** Indices (into splitterFor(mode)(text): words, or SMILES tokens) of the units the user masked;
   *  literal [MASK]s come on top. */
  masks: number[];
  /** Each mode's text and masks as it was last left (the current mode's entry is stale until the
   *  page leaves it). */
  keptDocuments: Readonly<Record<InputMode, InputDocument>>;
  /** Each mode's model request as it was last left (null: the mode's default pair): a lesson that
   *  visits molecules and comes back finds the text model a link asked for. */
  keptModels: Readonly<Record<InputMode, string | null>>;
  /** Replaces the text, keeping masks on the units that survived the edit. */
  setText: (text: string) => void;
  toggleMask: (index: number) => void;
  /** Text and masks together (gallery, URL hash); masks outside the text are dropped. */
  setDocument: (text: string, masks: readonly number[]) => void;
  /** Switches modes: the current input and model request are kept for coming back, the other
   *  mode's input and request return (its default input and pair on the first visit), the lesson
   *  closes (its step is about the other mode's input), and what works on English text only (the
   *  quiz, the mask-ratio experiment) closes when leaving text. */
  setMode: (mode: InputMode) => void;
}

/** What switching `s` to `mode` changes (nothing when it is in that mode): the input and model
 *  request each mode keeps, the lesson's step (a lesson step opening in the other mode sets its
 *  own after this) and, leaving text, the text-only features. */
export function modeChange(s: PlaygroundState, mode: InputMode): Partial<PlaygroundState> {
  if (mode === s.mode) return {};
  const back = s.keptDocuments[mode];
  const leavingText = s.mode === 'text';
  return {
    mode,
    text: back.text,
    masks: [...back.masks],
    keptDocuments: { ...s.keptDocuments, [s.mode]: { text: s.text, masks: s.masks } },
    requestedModel: s.keptModels[mode],
    keptModels: { ...s.keptModels, [s.mode]: s.requestedModel },
    lessonStep: null,
    ...(leavingText
      ? { openViews: s.openViews.filter((id) => !TEXT_ONLY_VIEWS.includes(id)) }
      : {}),
  };
}

export const createDocumentSlice: StateCreator<PlaygroundState, [], [], DocumentSlice> = (set) => ({
  mode: DEFAULT_MODE,
  text: DEFAULT_DOCUMENTS[DEFAULT_MODE].text,
  masks: [...DEFAULT_DOCUMENTS[DEFAULT_MODE].masks],
  keptDocuments: DEFAULT_DOCUMENTS,
  keptModels: { text: null, molecules: null },
  setText: (text) =>
    set((s) => ({ text, masks: remapMasks(s.text, text, s.masks, splitterFor(s.mode)) })),
  toggleMask: (index) =>
    set((s) => {
      const unit = splitterFor(s.mode)(s.text)[index];
      // A typed [MASK] is masked by its text; unmasking it means deleting it in the editor. A word
      // the model does not see (only invisible characters) cannot be masked.
      if (unit === undefined || unit.literalMask || unit.ignored) return {};
      const masks = s.masks.includes(index)
        ? s.masks.filter((m) => m !== index)
        : [...s.masks, index].sort((a, b) => a - b);
      return { masks };
    }),
  setDocument: (text, masks) =>
    set((s) => {
      const count = splitterFor(s.mode)(text).length;
      const valid = [...new Set(masks)].filter((m) => m >= 0 && m < count).sort((a, b) => a - b);
      return { text, masks: valid };
    }),
  setMode: (mode) => set((s) => modeChange(s, mode)),
});
