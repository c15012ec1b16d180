// Plain data held by the store. Results are immutable: a new analysis replaces the old object.
import type { Truncation } from '../core/truncation';
import type { Analysis, ModelInfo } from '../model/types';

export type ModelRole = 'exlm' | 'mlm';

export type LoadState =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'ready'; info: ModelInfo; loadMs: number }
  | { phase: 'error'; message: string };

export interface AnalysisResult {
  /** Sequence number of the request that produced it (see results slice). */
  seq: number;
  /** The masked text the model read; the views show a result only while it equals the editor's. */
  input: string;
  exlm: Analysis;
  /** The MLM twin on the same input; null when no twin is loaded. */
  mlm: Analysis | null;
  truncation: Truncation | null;
  /** From the request to the answer arriving on the page, in ms (the model's own time is in
   *  Analysis.elapsedMs). */
  roundTripMs: number;
}

/** A model folder the user opened from disk or dropped on the page: its files stay in the page
 *  (never in the link) and load from there. */
export interface LocalModel {
  /** The name it is shown and loaded under: "<folder> (from disk)", never a valid catalog name. */
  name: string;
  folderName: string;
  /** The folder's own files by file name (see src/model/folderFiles.ts). */
  files: ReadonlyMap<string, Blob>;
}

export type NoticeKind = 'info' | 'warning' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}
