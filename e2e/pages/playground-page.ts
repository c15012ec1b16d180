// Page object for the playground (index.html): open it, drive the editor and the backend switch,
// and read what the views show. Numbers are read from the DOM (data-prob on each row, the exact
// value behind the rounded percentage); the store is read through `store` (the test hook).
import { type Locator, type Page, type TestInfo, expect } from '@playwright/test';

import type { AutoChoice } from '../../src/core/autoBackend';
import { evaluateHook } from '../support/testHook';
import { SLOW_MS } from '../support/timeouts';
import { StoreReader } from './store-reader';

/** One slot as the Predictions view shows it. */
export interface ShownSlot {
  tokens: string[];
  probs: number[];
  entropy: number;
}

/** Everything the page shows or says, and where it is: for tests that a word appears nowhere. */
export interface ShownEverywhere {
  innerText: string;
  textContent: string;
  /** Every attribute of every element ("name=value"), head included. */
  attributes: string[];
  /** The current values of the form fields (which no attribute holds once edited). */
  values: string[];
  title: string;
  url: string;
}

export interface HookSummary {
  activeBackend: string | null;
  backendNotice: string | null;
  exlmModel: string | null;
  mlmModel: string | null;
  exlmPhase: string;
  text: string;
  masks: number[];
  openViews: string[];
  modelInput: string;
}

/** The model the page tests run on: the tiny random fixture, fast even on SwiftShader. */
export const E2E_MODEL = 'tiny-random';

export class PlaygroundPage {
  readonly editor: Locator;
  readonly predictions: Locator;
  readonly activeBackend: Locator;
  /** The status line on how "best available" chose (shown when it did not simply take a GPU). */
  readonly backendChoice: Locator;
  /** What the page's store holds. */
  readonly store: StoreReader;

  constructor(readonly page: Page) {
    this.store = new StoreReader(page);
    this.editor = page.getByTestId('editor-text');
    this.predictions = page.getByTestId('view-predictions');
    this.activeBackend = page.getByTestId('active-backend');
    this.backendChoice = page.getByTestId('backend-choice');
  }

  /**
   * Opens the page afresh (with an optional hash, "#text=..."; `backend` starts it on that tfjs
   * backend via ?backend=) and waits until the model has loaded or failed. The model is the tiny
   * random fixture unless `model` names another folder (null: the page's own default, the shipped
   * model): SwiftShader runs the shipped model's shaders far too slowly for every test.
   */
  async open(
    hash = '',
    backend: string | null = null,
    model: string | null = E2E_MODEL,
  ): Promise<void> {
    const withModel =
      model === null || hash.includes('model=')
        ? hash
        : `${hash === '' ? '#' : `${hash}&`}model=${model}`;
    // A goto that only changes the hash would not reload the page: start from a blank one.
    await this.page.goto('about:blank');
    await this.page.goto(`/${backend === null ? '' : `?backend=${backend}`}${withModel}`);
    await expect(this.page.getByTestId('status-model-exlm')).toHaveAttribute(
      'data-phase',
      /ready|error/,
      { timeout: SLOW_MS },
    );
  }

  chip(wordIndex: number): Locator {
    return this.page.locator(`button.chip[data-word-index="${wordIndex}"]`);
  }

  async setText(text: string): Promise<void> {
    await this.editor.fill(text);
  }

  /** During a quiz round, where the text box is covered: clears the sentence and brings the text
   *  box back, empty and focused. */
  async startNewSentence(): Promise<void> {
    await this.page.getByTestId('editor-new-sentence').click();
    await expect(this.editor).toBeFocused();
  }

  /** The page's text, attributes, form values, title and address, as they are now. */
  async everythingShown(): Promise<ShownEverywhere> {
    return this.page.evaluate(() => {
      const elements = [...document.querySelectorAll('*')];
      return {
        innerText: document.body.innerText,
        textContent: document.documentElement.textContent ?? '',
        attributes: elements.flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`)),
        values: [
          ...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
            'input, textarea, select',
          ),
        ].map((field) => field.value),
        title: document.title,
        url: window.location.href,
      };
    });
  }

  /** Waits until the views show the analysis of exactly the text now in the editor. */
  async waitSettled(): Promise<void> {
    await expect.poll(() => this.store.settled(), { timeout: SLOW_MS }).toBe(true);
  }

  /** Backend, models, text, masks, open views and the masked text the model reads. */
  summary(): Promise<HookSummary> {
    return evaluateHook(this.page, (hook) => {
      const s = hook.getState();
      return {
        activeBackend: s.activeBackend,
        backendNotice: s.backendNotice,
        exlmModel: s.modelNames.exlm,
        mlmModel: s.modelNames.mlm,
        exlmPhase: s.modelLoad.exlm.phase,
        text: s.text,
        masks: s.masks,
        openViews: s.openViews,
        modelInput: hook.modelInput(),
      };
    });
  }

  /** The slots shown in the Predictions view, top tokens with their exact probabilities. */
  async shownSlots(): Promise<ShownSlot[]> {
    await this.waitSettled();
    return this.predictions.getByTestId('slot').evaluateAll((slots) =>
      slots.map((slot) => {
        const rows = [...slot.querySelectorAll<HTMLElement>('.slot__row')];
        const entropy = slot.querySelector<HTMLElement>('[data-entropy]')?.dataset.entropy;
        return {
          tokens: rows.map((row) => row.dataset.token ?? ''),
          probs: rows.map((row) => Number(row.dataset.prob)),
          entropy: Number(entropy),
        };
      }),
    );
  }

  /** Chooses a backend in the status strip and waits until the model runs on it again. */
  async switchBackend(name: string): Promise<void> {
    await this.page.getByTestId('backend-select').selectOption(name);
    await expect(this.activeBackend).toHaveText(name, { timeout: SLOW_MS });
    await expect(this.page.getByTestId('status-model-exlm')).toHaveAttribute(
      'data-phase',
      'ready',
      {
        timeout: SLOW_MS,
      },
    );
    await this.waitSettled();
  }

  /** Waits until "best available" has settled (timing included) and returns what it chose, from
   *  the store: the exact timings behind the rounded ones the status line shows. */
  async settledBackendChoice(): Promise<AutoChoice> {
    await expect(this.backendChoice).toHaveAttribute('data-phase', 'chosen', { timeout: SLOW_MS });
    const auto = await this.store.autoBackend();
    if (auto?.phase !== 'chosen') throw new Error('"best available" has not chosen a backend');
    return auto.choice;
  }

  /** Sets the backend menu back to "best available" and waits until the model runs again. */
  async chooseBestAvailable(): Promise<void> {
    await this.page.getByTestId('backend-select').selectOption('auto');
    await expect(this.activeBackend).not.toHaveText('starting…', { timeout: SLOW_MS });
    await expect(this.page.getByTestId('status-model-exlm')).toHaveAttribute(
      'data-phase',
      'ready',
      { timeout: SLOW_MS },
    );
    await this.waitSettled();
  }

  /** Opens a model folder from disk through the status panel's folder input (what "Open a model
   *  folder…" leads to); `dir` is a path on this machine. */
  async openModelFolder(dir: string): Promise<void> {
    await this.page.getByTestId('model-folder-input').setInputFiles(dir);
  }

  /** The same through the keyboard: focus "Open a model folder…", press Enter, and choose `dir`
   *  in the file chooser that opens. */
  async openModelFolderByKeyboard(dir: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Open a model folder…' }).focus();
    await this.page.keyboard.press('Enter');
    await (await chooser).setFiles(dir);
  }

  /** Waits until `model` is ready and the views show its analysis of the editor's text (not one
   *  left over from the model before it). */
  async waitForResultOf(model: string): Promise<void> {
    const line = this.page.getByTestId('status-model-exlm');
    await expect(line).toContainText(model);
    await expect(line).toHaveAttribute('data-phase', 'ready', { timeout: SLOW_MS });
    await expect
      .poll(() => evaluateHook(this.page, (hook) => hook.getState().results?.exlm.model ?? null), {
        timeout: SLOW_MS,
      })
      .toBe(model);
    await this.waitSettled();
  }

  /** Makes the page lose its WebGPU device, as a driver reset would; false when it is not on
   *  WebGPU. */
  loseGpuDevice(): Promise<boolean> {
    return evaluateHook(this.page, (hook) => hook.controller.loseGpuDevice());
  }

  /** Puts the store in the state the views show while an analysis is on its way: the current
   *  result, relabelled as the answer for `input`, with no analysis due that would replace it. */
  async holdStaleResult(input: string): Promise<void> {
    await evaluateHook(
      this.page,
      (hook, staleInput) => {
        const s = hook.getState();
        if (s.results === null) throw new Error('no result in the store');
        s.acceptResult({ ...s.results, seq: s.requestSeq, input: staleInput });
      },
      input,
    );
  }

  view(id: 'predictions' | 'states' | 'dag' | 'attention' | 'compare' | 'status'): Locator {
    return this.page.getByTestId(`view-${id}`);
  }

  /** Saves a PNG of `target` (or the whole page) as a test artifact and attaches it. */
  async screenshot(testInfo: TestInfo, name: string, target?: Locator): Promise<void> {
    const path = testInfo.outputPath(`${name}.png`);
    if (target === undefined) await this.page.screenshot({ path, fullPage: true });
    else await target.screenshot({ path });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  }
}
