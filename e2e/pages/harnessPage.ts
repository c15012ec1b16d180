// Page object for the e2e harness (e2e/harness/index.html): open it, then run analyses in the page.
import { expect, type Page } from '@playwright/test';
import type { HarnessRun } from '../harness/protocol';

export class HarnessPage {
  constructor(private readonly page: Page) {}

  /** Opens the harness and waits until its script has installed window.exlmHarness. */
  async open(): Promise<void> {
    await this.page.goto('/e2e/harness/index.html');
    await expect(this.page.locator('#status')).toHaveText('ready');
  }

  /** Whether the browser exposes WebGPU at all (it needs a secure context and the flags). */
  hasWebGpu(): Promise<boolean> {
    return this.page.evaluate(() => 'gpu' in navigator && navigator.gpu !== undefined);
  }

  run(model: string, backend: string, texts: string[], topK: number): Promise<HarnessRun> {
    return this.page.evaluate(
      ({ model, backend, texts, topK }) => {
        const harness = window.exlmHarness;
        if (harness === undefined) throw new Error('the harness script did not load');
        return harness.run(model, backend, texts, topK);
      },
      { model, backend, texts, topK },
    );
  }
}
