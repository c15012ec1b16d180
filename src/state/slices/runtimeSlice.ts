// The tfjs backend: the one the user asked for (an intent the controller follows), the one really
// in use, and runtime failures (the worker could not start or switch), kept apart from model
// load errors so the page can say which of the two went wrong; and, for "best available", what it
// chose by and the timings behind it.
import type { StateCreator } from 'zustand';

import type { AutoBackendState } from '../../core/autoBackend';
import type { BackendName } from '../../core/backends';
import type { PlaygroundState } from '../store';

export interface RuntimeSlice {
  /** The user's choice; null means "best available" (core/autoBackend.ts). */
  preferredBackend: BackendName | null;
  /** The backend tfjs really runs on in the worker; null while starting or switching. */
  activeBackend: BackendName | null;
  /** Why the active backend is not the preferred one (fallback, device lost), in words. */
  backendNotice: string | null;
  /** How "best available" chose the backend (by the adapter or by timing), or that its timing
   *  is due or running; null while the user's own choice holds. */
  autoBackend: AutoBackendState | null;
  /** The runtime could not start or switch backend; null when it works. */
  runtimeError: string | null;
  requestBackend: (name: BackendName | null) => void;
  setActiveBackend: (name: BackendName | null, notice: string | null) => void;
  setAutoBackend: (state: AutoBackendState | null) => void;
  setRuntimeError: (message: string | null) => void;
}

export const createRuntimeSlice: StateCreator<PlaygroundState, [], [], RuntimeSlice> = (set) => ({
  preferredBackend: null,
  activeBackend: null,
  backendNotice: null,
  autoBackend: null,
  runtimeError: null,
  requestBackend: (preferredBackend) => set({ preferredBackend }),
  setActiveBackend: (activeBackend, backendNotice) => set({ activeBackend, backendNotice }),
  setAutoBackend: (autoBackend) => set({ autoBackend }),
  setRuntimeError: (runtimeError) => set({ runtimeError }),
});
