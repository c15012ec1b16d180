// Analysis results with sequence numbers: every request gets the next number, and only the
// answer to the newest request is kept, so a slow answer to old text never overwrites a newer one.
import type { StateCreator } from 'zustand';

import type { AnalysisResult } from '../types';
import type { PlaygroundState } from '../store';

export interface ResultsSlice {
  /** Number of the newest analysis request. */
  requestSeq: number;
  results: AnalysisResult | null;
  /** True while the newest request has no answer yet. */
  analyzing: boolean;
  analysisError: string | null;
  /** Starts a request and returns its sequence number. */
  beginAnalysis: () => number;
  /** Stores a result if it answers the newest request; returns whether it was kept. */
  acceptResult: (result: AnalysisResult) => boolean;
  failAnalysis: (seq: number, message: string) => void;
  /** Nothing to analyse (empty text, model not ready): drop results and any pending request. */
  clearResults: () => void;
}

export const createResultsSlice: StateCreator<PlaygroundState, [], [], ResultsSlice> = (
  set,
  get,
) => ({
  requestSeq: 0,
  results: null,
  analyzing: false,
  analysisError: null,
  beginAnalysis: () => {
    const seq = get().requestSeq + 1;
    set({ requestSeq: seq, analyzing: true, analysisError: null });
    return seq;
  },
  acceptResult: (result) => {
    if (result.seq !== get().requestSeq) return false;
    set({ results: result, analyzing: false, analysisError: null });
    return true;
  },
  failAnalysis: (seq, message) => {
    if (seq !== get().requestSeq) return;
    set({ analyzing: false, analysisError: message });
  },
  clearResults: () =>
    set((s) => ({
      requestSeq: s.requestSeq + 1,
      results: null,
      analyzing: false,
      analysisError: null,
    })),
});
