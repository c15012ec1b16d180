// Node-only (fs): the golden outputs training/make_fixture.py writes with the PyTorch reference for
// the tiny random fixtures, as read by the runtime's golden test and by the e2e golden spec. Never
// import this from browser code.
import { readFileSync } from 'node:fs';

/** One case of src/model/testdata/<model>.golden.json. */
export interface GoldenCase {
  name: string;
  text: string;
  token_ids: number[];
  expanded: { tokens: number[]; pos1: number[]; pos2: number[] };
  states: number[];
  hidden: number[];
  /** L*V log P_u, row per state. */
  state_logprobs: number[];
  /** L*L; null where there is no edge (-inf in PyTorch). */
  links: (number | null)[];
  attention_layer: number;
  attention: number[];
  gamma: number[];
  /** M*V slot marginals over the whole vocabulary (0 on special tokens). */
  marginals: number[];
  entropy: number[];
  viterbi_path: number[];
  fill_ids: number[];
  fill_text: string;
}

export interface GoldenFile {
  model: string;
  cases: GoldenCase[];
}

/** src/model/testdata/<model>.golden.json, for a fixture model name such as 'tiny-random'. */
export function readGolden(model: string): GoldenFile {
  const url = new URL(`../model/testdata/${model}.golden.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as GoldenFile;
}
