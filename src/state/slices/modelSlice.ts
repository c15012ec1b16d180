// Which models are shown (the ExLM and its MLM twin for Compare), how loading them went, and what
// the user asked for. The views and the link only state intents (requestModel, retryModels); the
// controller follows them and reports back through the setters.
import type { StateCreator } from 'zustand';

import type { CatalogEntry, ModelPair } from '../../core/catalog';
import type { LoadState, ModelRole } from '../types';
import type { PlaygroundState } from '../store';

export interface ModelSlice {
  /** The model folder asked for (by a link or the picker); null: the default model. */
  requestedModel: string | null;
  /** Bumped by retryModels: the controller loads the models again when it changes. */
  modelLoadAttempt: number;
  /** Model folders under /models/, as the catalog lists them; null until it has been read. */
  catalog: CatalogEntry[] | null;
  /** Model folder names per role, as resolved from the request; null until then. */
  modelNames: Record<ModelRole, string | null>;
  modelLoad: Record<ModelRole, LoadState>;
  requestModel: (name: string | null) => void;
  retryModels: () => void;
  setCatalog: (catalog: CatalogEntry[]) => void;
  setModelNames: (pair: ModelPair) => void;
  setModelLoad: (role: ModelRole, state: LoadState) => void;
}

export const createModelSlice: StateCreator<PlaygroundState, [], [], ModelSlice> = (set) => ({
  requestedModel: null,
  modelLoadAttempt: 0,
  catalog: null,
  modelNames: { exlm: null, mlm: null },
  modelLoad: { exlm: { phase: 'idle' }, mlm: { phase: 'idle' } },
  requestModel: (requestedModel) => set({ requestedModel }),
  retryModels: () => set((s) => ({ modelLoadAttempt: s.modelLoadAttempt + 1 })),
  setCatalog: (catalog) => set({ catalog }),
  setModelNames: (pair) => set({ modelNames: { exlm: pair.exlm, mlm: pair.mlm } }),
  setModelLoad: (role, state) => set((s) => ({ modelLoad: { ...s.modelLoad, [role]: state } })),
});
