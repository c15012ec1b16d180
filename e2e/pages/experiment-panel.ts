// Page object for the mask-ratio experiment panel: its controls, what a run draws (points, bands,
// the difference chart), the estimate beside Run, and the run's state from the store (the test
// hook), so that expected counts come from the run rather than from numbers written in the spec.
import { type Locator, type Page, expect } from '@playwright/test';

import { evaluateHook } from '../support/testHook';
import { SLOW_MS } from '../support/timeouts';

/** What a finished run covered, from the store. */
export interface RunSize {
  models: string[];
  ratios: number[];
  sentences: number;
  /** Per model, the maskings scored at each ratio. */
  scored: number[][];
  /** A run on "my sentence": its words, and the maskings drawn per ratio. */
  words: string[];
  repeats: number;
}

export class ExperimentPanel {
  readonly root: Locator;
  readonly status: Locator;
  readonly estimate: Locator;
  readonly readout: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('view-experiment');
    this.status = this.root.getByTestId('experiment-status');
    this.estimate = this.root.getByTestId('experiment-estimate');
    this.readout = this.root.getByTestId('experiment-readout');
    this.table = this.root.getByTestId('experiment-table');
  }

  chart(name: 'accuracy' | 'entropy' | 'difference'): Locator {
    return this.root.getByTestId(`experiment-chart-${name}`);
  }

  /** The point of `model`'s `series` at `ratio` (the difference chart's model is "difference"). */
  point(model: string, series: string, ratio: number): Locator {
    return this.root.locator(
      `.experiment-point[data-model="${model}"][data-series="${series}"][data-ratio="${ratio}"]`,
    );
  }

  async runSample(size: '5' | '25' | '50' | ''): Promise<void> {
    await this.root.getByTestId('experiment-size').selectOption(size);
    await this.root.getByRole('button', { name: 'Run on the sample' }).click();
  }

  async runSentence(): Promise<void> {
    await this.root.getByRole('button', { name: 'Run on my sentence' }).click();
  }

  async waitDone(): Promise<void> {
    await expect(this.status).toHaveAttribute('data-status', 'done', { timeout: SLOW_MS });
  }

  size(): Promise<RunSize> {
    return evaluateHook(this.page, (hook) => {
      const e = hook.getState().experiment;
      return {
        models: e.results.map((r) => r.model),
        ratios: e.results[0]?.points.map((p) => p.ratio) ?? [],
        sentences: e.sentences,
        scored: e.results.map((r) => r.points.map((p) => p.sentences)),
        words: e.words,
        repeats: e.repeats,
      };
    });
  }

  /** Maskings done so far in the run, over all ratios. */
  progressDone(): Promise<number> {
    return evaluateHook(this.page, (hook) => {
      const p = hook.getState().experiment.progress;
      return p === null ? 0 : p.ratioIndex * p.perRatio + p.done;
    });
  }

  /** Where the store's estimate came from ('timing' or 'run'), null while there is none. */
  estimateSource(): Promise<string | null> {
    return evaluateHook(this.page, (hook) => {
      const estimate = hook.getState().experimentEstimate;
      return estimate?.phase === 'ready' ? estimate.source : null;
    });
  }
}
