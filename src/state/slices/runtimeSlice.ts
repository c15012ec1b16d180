// The tfjs backend: the one the user asked for (an intent the controller follows), the one really
// in use, and runtime failures (the worker could not start or switch), kept apart from model
// load errors so the page can say which of the two went wrong.
import type { StateCreator } from 'zustand';

import type { BackendName } from '../../core/backends';
import type { PlaygroundState } from '../store';

export interface RuntimeSlice {
  /** The user's choice; null means "best available" (BACKEND_ORDER). */
  preferredBackend: BackendName | null;
  /** The backend tfjs really runs on in the worker; null while starting or switching. */
  activeBackend: BackendName | null;
  /** Why the active backend is not the preferred one (fallback, device lost), in words. */
  backendNotice: string | null;
  /** The runtime could not start or switch backend; null when it works. */
  runtimeError: string | null;
  requestBackend: (name: BackendName | null) => void;
  setActiveBackend: (name: BackendName | null, notice: string | null) => void;
  setRuntimeError: (message: string | null) => void;
}

export const createRuntimeSlice: StateCreator<PlaygroundState, [], [], RuntimeSlice> = (set) => ({
  preferredBackend: null,
  activeBackend: null,
  backendNotice: null,
  runtimeError: null,
  requestBackend: (preferredBackend) => set({ preferredBackend }),
  setActiveBackend: (activeBackend, backendNotice) => set({ activeBackend, backendNotice }),
  setRuntimeError: (runtimeError) => set({ runtimeError }),
});
