// Page objects for the guided lesson: its panel in the playground (the projected window), the
// printable handout it opens, and the presenter view (the same page opened with ?presenter=1 in a
// second window).
import { type Locator, type Page, type TestInfo, expect } from '@playwright/test';

import { LESSON_STEPS, LESSON_TITLE } from '../../src/views/lesson/lessonSteps';
import { evaluateHook } from '../support/testHook';

/** The lesson panel of the playground. */
export class LessonPanelPage {
  readonly panel: Locator;
  readonly short: Locator;
  readonly notes: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('lesson');
    this.short = page.getByTestId('lesson-short');
    this.notes = page.getByTestId('lesson-notes');
  }

  /** "Start the lesson", from the page's header. */
  async start(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start the lesson' }).click();
    await expect(this.panel).toBeVisible();
  }

  async next(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Next →' }).click();
  }

  /** The step the store holds (0-based), null while the lesson is closed. */
  step(): Promise<number | null> {
    return evaluateHook(this.page, (hook) => hook.getState().lessonStep);
  }

  /** Waits until step `index` is on the page. */
  async expectStep(index: number): Promise<void> {
    const step = LESSON_STEPS[index];
    if (step === undefined) throw new Error(`no step ${index}`);
    await expect(this.panel).toHaveAttribute('data-step', step.id);
    await expect(this.short).toHaveText(step.short);
  }

  /** "Handout" in the panel's footer. */
  get handoutButton(): Locator {
    return this.panel.getByRole('button', { name: 'Handout' });
  }

  /** Opens the handout and returns it, once its sheet is on screen. */
  async openHandout(): Promise<HandoutPage> {
    await this.handoutButton.click();
    const handout = new HandoutPage(this.page);
    await expect(handout.dialog).toBeVisible();
    await expect(handout.sheet).toBeVisible();
    return handout;
  }

  /** Opens the presenter view and returns it, once it has heard from this window. */
  async openPresenter(): Promise<PresenterPage> {
    const popup = this.page.waitForEvent('popup');
    await this.panel.getByRole('button', { name: 'Presenter view' }).click();
    const presenter = new PresenterPage(await popup);
    await expect(presenter.status).toContainText('Connected');
    return presenter;
  }
}

/** The presenter view: notes, next step and timer, in its own window. */
export class PresenterPage {
  readonly status: Locator;
  readonly counter: Locator;
  readonly notes: Locator;
  readonly nextStep: Locator;
  readonly timer: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('presenter-status');
    this.counter = page.getByTestId('presenter-counter');
    this.notes = page.getByTestId('presenter-notes');
    this.nextStep = page.getByTestId('presenter-next-step');
    this.timer = page.getByTestId('presenter-timer');
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next →' }).click();
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: '← Back' }).click();
  }

  /** Waits until the presenter view shows step `index`: its counter, notes and the step after. */
  async expectStep(index: number): Promise<void> {
    const step = LESSON_STEPS[index];
    if (step === undefined) throw new Error(`no step ${index}`);
    await expect(this.counter).toHaveText(`Step ${index + 1} of ${LESSON_STEPS.length}`);
    await expect(this.notes).toContainText(step.notes[0] ?? '');
    const after = LESSON_STEPS[index + 1];
    await expect(this.nextStep).toContainText(after === undefined ? 'last step' : after.title);
  }
}

/** Paper sizes the handout must fit on one page of. */
export type PaperFormat = 'A4' | 'Letter';

/** The lesson's printable handout, open over the page. */
export class HandoutPage {
  readonly dialog: Locator;
  readonly sheet: Locator;
  readonly title: Locator;
  readonly steps: Locator;
  readonly link: Locator;
  readonly pageUrl: Locator;
  readonly printButton: Locator;
  readonly closeButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: LESSON_TITLE });
    this.sheet = page.getByTestId('handout-sheet');
    this.title = this.sheet.getByRole('heading', { level: 1 });
    this.steps = this.sheet.getByTestId('handout-step');
    this.link = page.getByTestId('handout-link');
    this.pageUrl = page.getByTestId('handout-page-url');
    this.printButton = this.dialog.getByRole('button', { name: 'Print' });
    this.closeButton = this.dialog.getByRole('button', { name: 'Close' });
  }

  /** Step `index` (0-based) on the sheet. */
  step(index: number): Locator {
    return this.steps.nth(index);
  }

  /** The sheet printed to a PDF of `format`, and how many pages it has: a PDF names each page
   *  object "/Type /Page" (the page tree is "/Type /Pages"). */
  async printToPdf(format: PaperFormat): Promise<{ pdf: Buffer; pages: number }> {
    const pdf = await this.page.pdf({ format });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    return { pdf, pages };
  }

  /** Replaces window.print with a counter (a headless browser prints nothing) and returns a
   *  function that reads how often the page called it. */
  async countPrints(): Promise<() => Promise<number>> {
    await this.page.evaluate(() => {
      const counted = window as Window & { handoutPrints?: number };
      counted.handoutPrints = 0;
      window.print = () => {
        counted.handoutPrints = (counted.handoutPrints ?? 0) + 1;
      };
    });
    return () =>
      this.page.evaluate(() => (window as Window & { handoutPrints?: number }).handoutPrints ?? 0);
  }

  /** Saves a PNG of what the window shows now and attaches it to the test. */
  async screenshot(testInfo: TestInfo, name: string): Promise<void> {
    const path = testInfo.outputPath(`${name}.png`);
    await this.page.screenshot({ path });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  }
}
