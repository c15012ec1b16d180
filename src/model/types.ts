// Plain data that crosses from the model to everything else (worker messages, store, views, CLI).
// No tensors ever leave src/model: every field here is a number, string or typed array, so an
// Analysis can be posted from a Web Worker and kept in an immutable store.

import type { Architecture, ModelQuality } from '../core/catalog.ts';

/** Special token ids, the same in every model of this project (docs/design.md). */
export const SPECIAL_IDS = { pad: 0, unk: 1, cls: 2, sep: 3, mask: 4 } as const;

/** config.json of a model folder (docs/design.md), as parsed and validated. */
export interface ModelConfig {
  architecture: Architecture;
  vocab_size: number;
  hidden_size: number;
  num_layers: number;
  num_heads: number;
  ffn_size: number;
  /** k: copies per [CLS]/[SEP]/[MASK]; 1 for the MLM twin. */
  expansion: number;
  /** Longest source sequence, [CLS] and [SEP] included. */
  max_positions: number;
  /** Rows of the transition head's position table (expansion * max_positions). */
  max_expanded_positions: number;
  layer_norm_eps: number;
  rope_base: number;
  special_tokens: { pad: number; unk: number; cls: number; sep: number; mask: number };
  /** Free-form description of how the weights were produced (data, steps, hardware). */
  training?: Record<string, unknown>;
  /** Measured quality on held-out sentences (`npm run eval -- --write-config`), when scored. */
  evaluation?: ModelQuality;
}

/** Summary of a loaded model for status displays. */
export interface ModelInfo {
  name: string;
  config: ModelConfig;
  parameterCount: number;
  /** Bytes of the weight shards as stored (float16 or int8: docs/model-format.md). */
  weightBytes: number;
}

export interface TopToken {
  id: number;
  token: string;
  prob: number;
}

/** One masked slot, in left-to-right order. */
export interface SlotPrediction {
  /** Index of the [MASK] in `tokens` (source position, [CLS] = 0). */
  position: number;
  /** Top-k of the slot marginal p_i over the non-special vocabulary, renormalized. */
  top: TopToken[];
  /** Entropy of p_i in nats. */
  entropy: number;
}

/** The expanded sequence: T entries, one per encoder position. */
export interface ExpandedSequence {
  tokenIds: Int32Array;
  /** Source position of each expanded entry (pos1). */
  pos1: Int32Array;
  /** Copy index: 0 for ordinary tokens, 1..k for copies of [CLS]/[SEP]/[MASK] (pos2). */
  pos2: Int32Array;
}

export interface AnalyzeOptions {
  /** How many tokens to report per slot and per state (default DEFAULT_TOP_K, core/defaults.ts,
   *  as the page and the CLI). */
  topK?: number;
  /** Read back attention maps (default true); the CLI turns this off. */
  attention?: boolean;
  /** Work out each state's top-k (default true); the mask-ratio experiment, which scores only
   *  the slots, turns this off. */
  states?: boolean;
  /** List the N best joint fills (Analysis.bestFills; default false): the page's structure view
   *  and the molecule evaluation ask for them, to find the most likely fill that is a valid
   *  molecule. */
  bestFills?: boolean;
}

/** One of the N best joint fills (bestFills.ts): its token per slot and its joint score. */
export interface BestFill {
  tokenIds: Int32Array;
  tokens: string[];
  /** Log of the joint score the best fill maximizes: rank r's probability relative to the best
   *  fill's is exp(score_r - score_1). */
  score: number;
}

export interface Analysis {
  model: string;
  architecture: Architecture;
  text: string;
  /** Source tokens as strings, [CLS] first and [SEP] last (N entries). */
  tokens: string[];
  tokenIds: Int32Array;
  expanded: ExpandedSequence;
  /** Expanded indices of the states S (L = k(M+2) entries), in order. */
  states: Int32Array;
  /** Per state: top-k of its raw distribution P_u over the whole vocabulary; empty when not asked
   *  for (AnalyzeOptions.states). */
  stateTop: TopToken[][];
  /** Per state: entropy of P_u in nats. */
  stateEntropy: Float32Array;
  /** L*L row-major log transition probabilities links(s,t); -Infinity where there is no edge. All
   *  -Infinity (no transitions) for the MLM twin. */
  links: Float32Array;
  /** M*L row-major: gamma_i(u), the probability that slot i's path vertex is state u. */
  gamma: Float32Array;
  masks: SlotPrediction[];
  /** Best joint fill (Viterbi): state indices of the path (M+2 entries, into `states`), the chosen
   *  token per slot, and the sentence with the masks filled in. */
  fill: { path: Int32Array; tokenIds: Int32Array; tokens: string[]; text: string };
  /** The N best joint fills, best first (the first is `fill`), each fill once; absent when not
   *  asked for (AnalyzeOptions.bestFills). */
  bestFills?: BestFill[];
  /** attention[layer] holds H*T*T row-major weights; empty when not requested. */
  attention: Float32Array[];
  /** Wall-clock milliseconds spent in the analysis (tokenize + forward + decode + read back). */
  elapsedMs: number;
}
