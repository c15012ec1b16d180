// Page object for molecule mode: the header's Text | Molecules switch, the SMILES editor's token
// chips and its check messages, the mode's own model pair and the structures view. It is the
// playground page (PlaygroundPage) for everything the two modes share: the editor, the store, the
// views. The structures view's exports are saved as test artifacts, to be looked at.
import { readFile } from 'node:fs/promises';

import { type Locator, type Page, type TestInfo, expect } from '@playwright/test';

import { evaluateHook } from '../support/testHook';
import { SLOW_MS } from '../support/timeouts';
import { PlaygroundPage } from './playground-page';

/** Molecule mode's default ExLM (SHIPPED_SMILES_PAIR in src/core/catalog.ts). */
export const SMILES_MODEL = 'exlm-smiles-small';

export type Mode = 'text' | 'molecules';

/** An exported SVG as the browser reads it. */
export interface ParsedSvg {
  root: string;
  /** The parser's complaint; null when the file is well formed. */
  error: string | null;
  /** RDKit's drawings: the <svg> each sits in, inside the figure's, inside the file's. */
  drawings: number;
  /** Elements with a style attribute (RDKit's drawings must arrive without). */
  styles: number;
  /** Every line of text, in document order. */
  lines: string[];
}

export class MoleculesPage extends PlaygroundPage {
  readonly modeSwitch: Locator;
  /** The token chips of the editor. */
  readonly chips: Locator;
  /** The structures view. */
  readonly structures: Locator;

  constructor(page: Page) {
    super(page);
    this.modeSwitch = page.getByTestId('mode-switch');
    this.chips = page.locator('button.chip');
    this.structures = page.getByTestId('view-structure');
  }

  /** Opens the page with `hash`, on wasm and each mode's default pair unless told otherwise. */
  override async open(
    hash = '',
    backend: string | null = 'wasm',
    model: string | null = null,
  ): Promise<void> {
    await super.open(hash, backend, model);
  }

  modeButton(mode: Mode): Locator {
    return this.modeSwitch.locator(`button[data-mode="${mode}"]`);
  }

  /** Clicks the mode's button and waits until its default ExLM has analysed the editor's input. */
  async switchTo(mode: Mode, model: string): Promise<void> {
    await this.modeButton(mode).click();
    await expect(this.modeButton(mode)).toHaveAttribute('aria-pressed', 'true');
    await this.waitForResultOf(model);
  }

  async typeSmiles(smiles: string): Promise<void> {
    await this.setText(smiles);
  }

  /** The structures view's best valid fill: its figure, or the line under the best joint fill
   *  (data-kind "later", "best" or "none"). */
  bestValidFill(): Locator {
    return this.structures.getByTestId('structure-best-valid');
  }

  /** Exports the structures view in `format` through its menu, saves the file as the test
   *  artifact `name` (attached) and returns its suggested name and its bytes. */
  async exportStructures(
    format: 'SVG' | 'PNG',
    testInfo: TestInfo,
    name: string,
  ): Promise<{ fileName: string; bytes: Buffer }> {
    const menu = this.structures.getByTestId('export-structure');
    await menu.locator('summary').click();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      menu.getByRole('button', { name: format, exact: true }).click(),
    ]);
    const path = testInfo.outputPath(`${name}.${format.toLowerCase()}`);
    await download.saveAs(path);
    await testInfo.attach(name, {
      path,
      contentType: format === 'SVG' ? 'image/svg+xml' : 'image/png',
    });
    return { fileName: download.suggestedFilename(), bytes: await readFile(path) };
  }

  /** An exported SVG read by the browser's own parser. */
  parseSvg(markup: string): Promise<ParsedSvg> {
    return this.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        root: doc.documentElement.localName,
        error: doc.querySelector('parsererror')?.textContent ?? null,
        drawings: doc.querySelectorAll('svg svg svg').length,
        styles: doc.querySelectorAll('[style]').length,
        lines: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      };
    }, markup);
  }

  /** The message of one SMILES check under the editor ('open-branch', 'prose', ...). */
  message(check: string): Locator {
    return this.page.getByTestId(`message-smiles-${check}`);
  }

  /** The mode, the editor's text and masks, and the masked text the model reads, from the store. */
  state(): Promise<{ mode: string; text: string; masks: number[]; modelInput: string }> {
    return evaluateHook(this.page, (hook) => {
      const s = hook.getState();
      return { mode: s.mode, text: s.text, masks: s.masks, modelInput: hook.modelInput() };
    });
  }

  /** Reloads the page from its own address, as opening a shared link does, and waits for the
   *  model. */
  async reloadLink(): Promise<void> {
    const url = this.page.url();
    await this.page.goto('about:blank');
    await this.page.goto(url);
    await expect(this.page.getByTestId('status-model-exlm')).toHaveAttribute(
      'data-phase',
      /ready|error/,
      { timeout: SLOW_MS },
    );
  }
}
