// What the e2e harness page exposes on `window` and returns to the Playwright spec. Plain arrays
// only: page.evaluate serializes JSON-like values (and keeps -Infinity), not typed arrays.

export interface HarnessCaseResult {
  text: string;
  tokenIds: number[];
  expanded: { tokenIds: number[]; pos1: number[]; pos2: number[] };
  states: number[];
  /** L*L row-major log transition probabilities. */
  links: number[];
  /** M*L row-major gamma_i(u). */
  gamma: number[];
  /** Per state: top ids and probabilities of P_u. */
  stateTop: { id: number; prob: number }[][];
  /** Per slot, left to right. */
  masks: { position: number; top: { id: number; prob: number }[]; entropy: number }[];
  fill: { path: number[]; tokenIds: number[]; text: string };
  /** attention[layer]: H*T*T row-major. */
  attention: number[][];
}

export interface HarnessRun {
  /** The tfjs backend that really ran the analyses (tf.getBackend() afterwards). */
  backend: string;
  results: HarnessCaseResult[];
}

export interface ExlmHarness {
  /** Loads /models/<model>/ on `backend`, analyzes every text with attention and top-k `topK`. */
  run(model: string, backend: string, texts: string[], topK: number): Promise<HarnessRun>;
}

declare global {
  interface Window {
    exlmHarness?: ExlmHarness;
  }
}
