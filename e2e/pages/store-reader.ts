// What the playground's store holds, read through the test hook (e2e/support/testHook.ts): the
// tests compare what the page shows with the exact numbers behind it, and take expected counts
// from the analysis rather than from numbers written in a spec. Everything comes back as plain
// data (typed arrays as arrays).
import { type Page, expect } from '@playwright/test';

import type { ExlmTestHook } from '../../src/app/testHook';
import type { Analysis } from '../../src/model/types';
import type { PlaygroundState } from '../../src/state/store';
import { evaluateHook } from '../support/testHook';
import { SLOW_MS } from '../support/timeouts';

/** One model's analysis as the store holds it, copied out of the page: the typed arrays as plain
 *  arrays, the attention maps by their number of layers only (no test reads their weights here). */
export type AnalysisCopy = Pick<
  Analysis,
  'model' | 'architecture' | 'text' | 'tokens' | 'stateTop' | 'masks'
> & {
  /** Expanded indices of the states. */
  states: number[];
  /** L*L row-major log transition probabilities; -Infinity where there is no edge. */
  links: number[];
  fill: { path: number[]; tokens: string[]; text: string };
  attentionLayers: number;
};

/** The store's current result: the ExLM's analysis and its twin's (null without a twin). */
export interface ResultCopy {
  seq: number;
  /** The masked text the models read. */
  input: string;
  exlm: AnalysisCopy;
  mlm: AnalysisCopy | null;
}

/** What a link restores (text, masks, view options, lesson step, presentation), and the notices
 *  the page shows. */
export type LinkState = Pick<
  PlaygroundState,
  | 'topK'
  | 'dagThreshold'
  | 'attentionLayer'
  | 'attentionHead'
  | 'lessonStep'
  | 'presentation'
  | 'text'
  | 'masks'
> & { notices: string[] };

export class StoreReader {
  constructor(private readonly page: Page) {}

  /** True when the views show the final result for exactly the editor's current content. */
  settled(): Promise<boolean> {
    return evaluateHook(this.page, (hook) => hook.settled());
  }

  /** The current result, once the store holds one (waiting for it if need be). */
  async result(): Promise<ResultCopy> {
    let result: ResultCopy | null = null;
    await expect
      .poll(
        async () => {
          result = await evaluateHook(this.page, copyResult);
          return result !== null && result.exlm.text !== '';
        },
        { message: 'no analysis in the store', timeout: SLOW_MS },
      )
      .toBe(true);
    if (result === null) throw new Error('no analysis in the store');
    return result;
  }

  /** The number of the latest analysis asked for: a result with a higher seq is a newer one. */
  requestSeq(): Promise<number> {
    return evaluateHook(this.page, (hook) => hook.getState().requestSeq);
  }

  linkState(): Promise<LinkState> {
    return evaluateHook(this.page, (hook) => {
      const s = hook.getState();
      return {
        topK: s.topK,
        dagThreshold: s.dagThreshold,
        attentionLayer: s.attentionLayer,
        attentionHead: s.attentionHead,
        lessonStep: s.lessonStep,
        presentation: s.presentation,
        text: s.text,
        masks: s.masks,
        notices: s.notices.map((n) => n.text),
      };
    });
  }

  /** How "best available" stands (timing, or what it chose and why); null while another backend
   *  is asked for. */
  autoBackend(): Promise<PlaygroundState['autoBackend']> {
    return evaluateHook(this.page, (hook) => hook.getState().autoBackend);
  }

  /** The names of the models the server lists, the hidden test models included; empty before the
   *  catalog has loaded. */
  catalogNames(): Promise<string[]> {
    return evaluateHook(
      this.page,
      (hook) => hook.getState().catalog?.map((entry) => entry.name) ?? [],
    );
  }

  /** The quiz's scores over the rounds revealed so far. */
  quizTotals(): Promise<PlaygroundState['quiz']['totals']> {
    return evaluateHook(this.page, (hook) => hook.getState().quiz.totals);
  }
}

/** Runs in the page: the store's result as plain data, null while there is none. */
function copyResult(hook: ExlmTestHook): ResultCopy | null {
  const result = hook.getState().results;
  if (result === null) return null;
  // Declared inside: a function that runs in the page sees only what it defines itself.
  const copy = (a: Analysis): AnalysisCopy => ({
    model: a.model,
    architecture: a.architecture,
    text: a.text,
    tokens: a.tokens,
    stateTop: a.stateTop,
    masks: a.masks,
    states: Array.from(a.states),
    links: Array.from(a.links),
    fill: { path: Array.from(a.fill.path), tokens: a.fill.tokens, text: a.fill.text },
    attentionLayers: a.attention.length,
  });
  return {
    seq: result.seq,
    input: result.input,
    exlm: copy(result.exlm),
    mlm: result.mlm === null ? null : copy(result.mlm),
  };
}
