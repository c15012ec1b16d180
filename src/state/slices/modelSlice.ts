// Which models are shown (the ExLM and its MLM twin for Compare), how loading them went, and what
// the user asked for. The views and the link only state intents (requestModel, openLocalModel,
// retryModels); the controller follows them and reports back through the setters.
import type { StateCreator } from 'zustand';

import type { CatalogEntry, ModelPair } from '../../core/catalog';
import { checkModelFolder, type HandedOverFile } from '../../model/folderFiles';
import type { LoadState, LocalModel, ModelRole } from '../types';
import type { PlaygroundState } from '../store';

export interface ModelSlice {
  /** The model folder asked for (by a link or the picker); null: the default model. */
  requestedModel: string | null;
  /** The folder last opened from disk; it stays offered until another one is opened. */
  localModel: LocalModel | null;
  /** Bumped by retryModels: the controller loads the models again when it changes. */
  modelLoadAttempt: number;
  /** Model folders under /models/, as the catalog lists them; null until it has been read. */
  catalog: CatalogEntry[] | null;
  /** Model folder names per role, as resolved from the request; null until then. */
  modelNames: Record<ModelRole, string | null>;
  modelLoad: Record<ModelRole, LoadState>;
  /** Development options (`?dev=1`): the picker also offers the random-weight test models. */
  devMode: boolean;
  /** Every model shown so far (setModelNames), oldest first: the picker keeps offering them. */
  shownModels: string[];
  requestModel: (name: string | null) => void;
  /** Checks a folder handed over by the user and, if it can be a model folder, keeps its files
   *  and requests it (true); its problems otherwise become an error notice and nothing else
   *  changes (false). */
  openLocalModel: (folder: {
    folderName: string;
    files: readonly HandedOverFile<Blob>[];
  }) => boolean;
  retryModels: () => void;
  setCatalog: (catalog: CatalogEntry[]) => void;
  setModelNames: (pair: ModelPair) => void;
  setModelLoad: (role: ModelRole, state: LoadState) => void;
  setDevMode: (on: boolean) => void;
}

/** The name a folder from disk is shown and loaded under. The space and parentheses make it an
 *  invalid folder name (core/catalog.ts): it can never be fetched from /models/ nor put in a link. */
export function localModelName(folderName: string): string {
  return `${folderName} (from disk)`;
}

export const createModelSlice: StateCreator<PlaygroundState, [], [], ModelSlice> = (set, get) => ({
  requestedModel: null,
  localModel: null,
  modelLoadAttempt: 0,
  catalog: null,
  modelNames: { exlm: null, mlm: null },
  modelLoad: { exlm: { phase: 'idle' }, mlm: { phase: 'idle' } },
  devMode: false,
  shownModels: [],
  requestModel: (requestedModel) => set({ requestedModel }),
  openLocalModel: ({ folderName, files }) => {
    const checked = checkModelFolder(folderName, files);
    if (checked.problems.length > 0) {
      get().addNotice('error', checked.problems.join(' '));
      return false;
    }
    const name = localModelName(folderName);
    set({ localModel: { name, folderName, files: checked.files }, requestedModel: name });
    return true;
  },
  retryModels: () => set((s) => ({ modelLoadAttempt: s.modelLoadAttempt + 1 })),
  setCatalog: (catalog) => set({ catalog }),
  setModelNames: (pair) =>
    set((s) => ({
      modelNames: { exlm: pair.exlm, mlm: pair.mlm },
      shownModels: s.shownModels.includes(pair.exlm)
        ? s.shownModels
        : [...s.shownModels, pair.exlm],
    })),
  setModelLoad: (role, state) => set((s) => ({ modelLoad: { ...s.modelLoad, [role]: state } })),
  setDevMode: (devMode) => set({ devMode }),
});
