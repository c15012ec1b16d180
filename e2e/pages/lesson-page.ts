// Page objects for the guided lesson: its panel in the playground (the projected window) and the
// presenter view (the same page opened with ?presenter=1 in a second window).
import { type Locator, type Page, expect } from '@playwright/test';

import { LESSON_STEPS } from '../../src/views/lesson/lessonSteps';
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
