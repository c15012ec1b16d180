// Which views are open and their options; the hovered state is shared by every view. The options
// are part of the shareable link (urlHash.ts), the attention view's layer and head among them.
import type { StateCreator } from 'zustand';

import {
  type AttentionHead,
  type BarScale,
  DEFAULT_ATTENTION_HEAD,
  DEFAULT_ATTENTION_LAYER,
  DEFAULT_BAR_SCALE,
  DEFAULT_DAG_THRESHOLD,
  DEFAULT_TOP_K,
  MAX_TOP_K,
} from '../../core/defaults';
import { DEFAULT_OPEN_VIEWS, TEXT_ONLY_VIEWS, VIEW_IDS, type ViewId } from '../viewIds';
import type { PlaygroundState } from '../store';

export interface ViewSlice {
  openViews: ViewId[];
  topK: number;
  dagThreshold: number;
  /** Probability bars: 'absolute' (0-100% track, the default) or 'relative' (the top guess fills
   *  the track), for every view that draws them. */
  barScale: BarScale;
  /** The attention view's layer (0-based) and head, as chosen: the view clamps them to the sizes
   *  of the model it shows, so a link made on a larger model still opens. */
  attentionLayer: number;
  attentionHead: AttentionHead;
  /** Index into analysis.states of the hovered state, or null. */
  hoveredState: number | null;
  toggleView: (id: ViewId) => void;
  setOpenViews: (ids: readonly ViewId[]) => void;
  setTopK: (k: number) => void;
  setDagThreshold: (p: number) => void;
  setBarScale: (scale: BarScale) => void;
  setAttentionLayer: (layer: number) => void;
  setAttentionHead: (head: AttentionHead) => void;
  setHoveredState: (state: number | null) => void;
}

/** The views that can open in `s`'s mode: the text-only ones never in molecule mode. */
const openable = (s: PlaygroundState, ids: readonly ViewId[]): ViewId[] =>
  VIEW_IDS.filter((id) => ids.includes(id) && (s.mode === 'text' || !TEXT_ONLY_VIEWS.includes(id)));

/** A 0-based index from whatever a control gave: a whole number, 0 or more (NaN gives 0). */
const index = (n: number): number => (Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0);

export const createViewSlice: StateCreator<PlaygroundState, [], [], ViewSlice> = (set) => ({
  openViews: [...DEFAULT_OPEN_VIEWS],
  topK: DEFAULT_TOP_K,
  dagThreshold: DEFAULT_DAG_THRESHOLD,
  barScale: DEFAULT_BAR_SCALE,
  attentionLayer: DEFAULT_ATTENTION_LAYER,
  attentionHead: DEFAULT_ATTENTION_HEAD,
  hoveredState: null,
  toggleView: (id) =>
    set((s) => ({
      openViews: s.openViews.includes(id)
        ? s.openViews.filter((v) => v !== id)
        : openable(s, [...s.openViews, id]),
    })),
  setOpenViews: (ids) => set((s) => ({ openViews: openable(s, ids) })),
  setTopK: (k) => set({ topK: Math.min(MAX_TOP_K, Math.max(1, Math.round(k))) }),
  setDagThreshold: (p) => set({ dagThreshold: Math.min(1, Math.max(0, p)) }),
  setBarScale: (barScale) => set({ barScale }),
  setAttentionLayer: (layer) => set({ attentionLayer: index(layer) }),
  setAttentionHead: (head) => set({ attentionHead: head === 'mean' ? head : index(head) }),
  setHoveredState: (hoveredState) => set({ hoveredState }),
});
