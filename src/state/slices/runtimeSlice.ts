// The tfjs backend: the one the user asked for and the one really in use.
import type { StateCreator } from 'zustand';

import type { BackendName } from '../../runtime/backends';
import type { PlaygroundState } from '../store';

export interface RuntimeSlice {
  /** The user's choice; null means "best available" (BACKEND_ORDER). */
  preferredBackend: BackendName | null;
  /** The backend tfjs really runs on in the worker; null while starting. */
  activeBackend: BackendName | null;
  /** Why the active backend is not the preferred one (fallback, device lost), in words. */
  backendNotice: string | null;
  setPreferredBackend: (name: BackendName | null) => void;
  setActiveBackend: (name: BackendName | null, notice: string | null) => void;
}

export const createRuntimeSlice: StateCreator<PlaygroundState, [], [], RuntimeSlice> = (set) => ({
  preferredBackend: null,
  activeBackend: null,
  backendNotice: null,
  setPreferredBackend: (preferredBackend) => set({ preferredBackend }),
  setActiveBackend: (activeBackend, backendNotice) => set({ activeBackend, backendNotice }),
});
