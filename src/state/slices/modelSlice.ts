// Which models are selected (the ExLM and its MLM twin for Compare) and how loading them went.
import type { StateCreator } from 'zustand';

import type { LoadState, ModelRole } from '../types';
import type { PlaygroundState } from '../store';

export interface ModelSlice {
  /** Model folder names under /models/, per role; null until the catalog has been read. */
  modelNames: Record<ModelRole, string | null>;
  modelLoad: Record<ModelRole, LoadState>;
  /** Models found under /models/ (for the model picker). */
  availableModels: string[];
  setModelNames: (names: Record<ModelRole, string | null>) => void;
  setAvailableModels: (names: string[]) => void;
  setModelLoad: (role: ModelRole, state: LoadState) => void;
}

export const createModelSlice: StateCreator<PlaygroundState, [], [], ModelSlice> = (set) => ({
  modelNames: { exlm: null, mlm: null },
  modelLoad: { exlm: { phase: 'idle' }, mlm: { phase: 'idle' } },
  availableModels: [],
  setModelNames: (modelNames) => set({ modelNames }),
  setAvailableModels: (availableModels) => set({ availableModels }),
  setModelLoad: (role, state) => set((s) => ({ modelLoad: { ...s.modelLoad, [role]: state } })),
});
