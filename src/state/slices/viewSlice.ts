// Which views are open and their options; the hovered state is shared by every view. The
// attention view keeps its layer and head choice itself (src/views/attention).
import type { StateCreator } from 'zustand';

import { DEFAULT_DAG_THRESHOLD, DEFAULT_TOP_K, MAX_TOP_K } from '../../core/defaults';
import { DEFAULT_OPEN_VIEWS, VIEW_IDS, type ViewId } from '../viewIds';
import type { PlaygroundState } from '../store';

export interface ViewSlice {
  openViews: ViewId[];
  topK: number;
  dagThreshold: number;
  /** Index into analysis.states of the hovered state, or null. */
  hoveredState: number | null;
  toggleView: (id: ViewId) => void;
  setOpenViews: (ids: readonly ViewId[]) => void;
  setTopK: (k: number) => void;
  setDagThreshold: (p: number) => void;
  setHoveredState: (state: number | null) => void;
}

export const createViewSlice: StateCreator<PlaygroundState, [], [], ViewSlice> = (set) => ({
  openViews: [...DEFAULT_OPEN_VIEWS],
  topK: DEFAULT_TOP_K,
  dagThreshold: DEFAULT_DAG_THRESHOLD,
  hoveredState: null,
  toggleView: (id) =>
    set((s) => ({
      openViews: s.openViews.includes(id)
        ? s.openViews.filter((v) => v !== id)
        : VIEW_IDS.filter((v) => v === id || s.openViews.includes(v)),
    })),
  setOpenViews: (ids) => set({ openViews: VIEW_IDS.filter((v) => ids.includes(v)) }),
  setTopK: (k) => set({ topK: Math.min(MAX_TOP_K, Math.max(1, Math.round(k))) }),
  setDagThreshold: (p) => set({ dagThreshold: Math.min(1, Math.max(0, p)) }),
  setHoveredState: (hoveredState) => set({ hoveredState }),
});
