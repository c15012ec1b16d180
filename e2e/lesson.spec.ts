// The guided lesson on the built page, with the tiny random fixture models on WASM: started from
// the "Start the lesson" button and walked with the keyboard, every step puts its sentence, masks
// and views on the page (read back from the editor, the views and the store) and the model of the
// link stays; Back, Page Up and the Back button go back, Escape closes. A step's sentence buttons
// switch the sentence, an edit keeps the step open and "Reset this step" puts it back. The steps'
// text is written for the shipped models; here only what the steps drive is checked. A presenter
// view opened from the panel shows the notes, the next step and a timer, and moves the lesson from
// its own window as the panel does. The molecule steps at the end switch the page to Molecules and
// its own pair (the uncommitted molecule models) and back; in molecule mode "Start the lesson"
// opens them. Screenshots of every step and of the presenter view are attached to the tests.
import { firstStepOf } from '../src/views/lesson/applyLessonStep';
import { LESSON_STEPS, stepMode } from '../src/views/lesson/lessonSteps';
import { VIEW_IDS } from '../src/state/viewIds';
import type { LessonPanelPage } from './pages/lesson-page';
import { SMILES_MODEL } from './pages/molecules-page';
import { E2E_MODEL, type PlaygroundPage } from './pages/playground-page';
import { expect, test } from './support/fixtures';
import { SLOW_MS } from './support/timeouts';

/** The ExLM a step shows: the link's model on English steps, molecule mode's own on the others. */
const modelOf = (i: number): string =>
  LESSON_STEPS[i] !== undefined && stepMode(LESSON_STEPS[i]) === 'molecules'
    ? SMILES_MODEL
    : E2E_MODEL;

/** Checks that step `i` is on the page: panel, focus, mode, editor, store, model and its open
 *  views. */
async function expectStep(
  playground: PlaygroundPage,
  lesson: LessonPanelPage,
  i: number,
): Promise<void> {
  const { page } = playground;
  const step = LESSON_STEPS[i];
  if (step === undefined) throw new Error(`no step ${i}`);
  const { panel } = lesson;
  await expect(panel).toHaveAttribute('data-step', step.id);
  await expect(page.getByTestId('lesson-counter')).toContainText(
    `Step ${i + 1} of ${LESSON_STEPS.length}`,
  );
  await expect(panel.getByRole('heading', { level: 2, name: step.title })).toBeFocused();
  await expect(panel.locator('[aria-current="step"]')).toHaveText(String(i + 1));
  await expect(
    page.locator(`[data-testid="mode-switch"] button[data-mode="${stepMode(step)}"]`),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(playground.editor).toHaveValue(step.variants[0].text);
  const summary = await playground.summary();
  expect(summary.masks).toEqual(step.variants[0].masks);
  expect(summary.openViews).toEqual(VIEW_IDS.filter((v) => step.openViews.includes(v)));
  expect(await lesson.step()).toBe(i);
  await playground.waitForResultOf(modelOf(i));
  for (const view of step.openViews) {
    await expect(page.getByTestId(`view-${view}`)).toBeVisible();
  }
  // Predictions appear: one slot card per mask in the first view that lists them.
  const slots = page
    .getByTestId(step.openViews.includes('predictions') ? 'view-predictions' : 'compare-exlm')
    .getByTestId('slot');
  await expect(slots).toHaveCount(step.variants[0].masks.length);
  await expect(slots.first().locator('.slot__row').first()).toBeVisible();
}

test('the lesson walks every step by keyboard, drives the views, goes back and closes', async ({
  page,
  playground,
  lesson,
}, testInfo) => {
  test.setTimeout(480_000);
  await playground.open('', 'wasm');
  await expect(lesson.panel).toHaveCount(0);

  const start = page.getByRole('button', { name: 'Start the lesson' });
  await expect(start).toBeVisible();
  await start.focus();
  await page.keyboard.press('Enter');

  for (let i = 0; i < LESSON_STEPS.length; i += 1) {
    await expectStep(playground, lesson, i);
    await playground.screenshot(testInfo, `lesson-step-${i + 1}-${LESSON_STEPS[i]?.id ?? ''}`);
    if (i < LESSON_STEPS.length - 1)
      await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'PageDown');
  }
  // No step after the last: the key does nothing.
  await page.keyboard.press('ArrowRight');
  expect(await lesson.step()).toBe(LESSON_STEPS.length - 1);

  // Back: ArrowLeft, Page Up, then the Back button.
  const last = LESSON_STEPS.length - 1;
  await page.keyboard.press('ArrowLeft');
  await expectStep(playground, lesson, last - 1);
  await page.keyboard.press('PageUp');
  await expectStep(playground, lesson, last - 2);
  await lesson.panel.getByRole('button', { name: '← Back' }).click();
  await expectStep(playground, lesson, last - 3);
  // That is an English step: the page is in Text with the link's model again (expectStep).

  // Escape closes the lesson; the focus goes back to "Start the lesson"; the link's model stays.
  await page.keyboard.press('Escape');
  await expect(lesson.panel).toHaveCount(0);
  expect(await lesson.step()).toBeNull();
  await expect(start).toBeFocused();
  expect(page.url()).toContain(`model=${E2E_MODEL}`);
  expect((await playground.summary()).exlmModel).toBe(E2E_MODEL);
});

test('a step switches its sentence, stays open through an edit and resets', async ({
  page,
  playground,
  lesson,
}, testInfo) => {
  await playground.open('', 'wasm');
  await page.getByRole('button', { name: 'Start the lesson' }).click();
  const { panel } = lesson;

  // The dots go straight to a step: "Hide more words" with its 1, 2 and 4 masks.
  const index = LESSON_STEPS.findIndex((s) => s.id === 'corrupted');
  const step = LESSON_STEPS[index];
  if (step === undefined) throw new Error('no step "corrupted"');
  await panel.getByRole('button', { name: `Step ${index + 1}: ${step.title}` }).click();
  await expectStep(playground, lesson, index);
  // The shown models are not the shipped ones: the panel says its numbers come from those.
  await expect(page.getByTestId('lesson-model-note')).toBeVisible();
  const readout = page.getByTestId('lesson-readout');
  await expect(readout.locator('li')).toHaveCount(1);
  await expect(readout).toContainText(/as unsure as a pick among|nearly certain/);

  for (const [v, variant] of step.variants.entries()) {
    const button = panel.getByRole('button', { name: variant.label, exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await playground.summary()).masks).toEqual(variant.masks);
    await playground.waitSettled();
    await expect(playground.predictions.getByTestId('slot')).toHaveCount(variant.masks.length);
    await expect(readout.locator('li')).toHaveCount(variant.masks.length);
    if (v === step.variants.length - 1)
      await playground.screenshot(testInfo, 'lesson-step-4-four-masks');
  }

  // An edit keeps the step open and says how to get its sentence back.
  await playground.setText('the river bank was covered in mud .');
  await expect(panel).toHaveAttribute('data-step', step.id);
  await expect(page.getByTestId('lesson-edited')).toBeVisible();
  expect(await lesson.step()).toBe(index);
  await playground.screenshot(testInfo, 'lesson-edited');

  await panel.getByRole('button', { name: 'Reset this step' }).click();
  await expect(playground.editor).toHaveValue(step.variants[0].text);
  await expect(page.getByTestId('lesson-edited')).toHaveCount(0);
  expect((await playground.summary()).masks).toEqual(step.variants[0].masks);
  await playground.waitSettled();
  await expect(playground.predictions.getByTestId('slot')).toHaveCount(
    step.variants[0].masks.length,
    { timeout: SLOW_MS },
  );

  // "Finish" on the last step closes the lesson.
  await panel.getByRole('button', { name: `Step ${LESSON_STEPS.length}: ` }).click();
  await panel.getByRole('button', { name: 'Finish' }).click();
  await expect(panel).toHaveCount(0);
});

test('a presenter view in a second window shows the notes, the next step and a timer, and moves the lesson', async ({
  playground,
  lesson,
}, testInfo) => {
  await playground.open('', 'wasm');
  await lesson.start();
  await lesson.expectStep(0);
  // Without a presenter view, the panel keeps the notes folded under its short text.
  await expect(lesson.notes).toBeVisible();
  await expect(lesson.notes).not.toHaveAttribute('open');

  const presenter = await lesson.openPresenter();
  await presenter.page.setViewportSize({ width: 1000, height: 760 });
  await presenter.expectStep(0);
  await expect(presenter.timer).toContainText(/Lesson \d+:\d\d/);
  await expect(presenter.timer).toContainText(/This step \d+:\d\d/);
  // The projected window now shows only the step's short text and its view.
  await expect(lesson.notes).toHaveCount(0);
  await expect(lesson.short).toBeVisible();

  // Next and Back from either window move both.
  await presenter.next();
  await lesson.expectStep(1);
  await presenter.expectStep(1);
  await lesson.next();
  await presenter.expectStep(2);
  // A presentation clicker sends Page Down and Page Up.
  await presenter.page.keyboard.press('PageDown');
  await lesson.expectStep(3);
  await presenter.expectStep(3);
  // The step's sentence buttons in the presenter view switch the projected sentence.
  const step = LESSON_STEPS[3];
  const last = step?.variants.at(-1);
  if (step === undefined || last === undefined) throw new Error('no step 4');
  await presenter.page.getByRole('button', { name: last.label, exact: true }).click();
  await expect.poll(async () => (await playground.summary()).masks).toEqual(last.masks);
  await expect(
    presenter.page.getByRole('button', { name: last.label, exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  await playground.waitSettled();
  const shot = testInfo.outputPath('presenter-view.png');
  await presenter.page.screenshot({ path: shot });
  await testInfo.attach('presenter-view', { path: shot, contentType: 'image/png' });
  await presenter.back();
  await lesson.expectStep(2);
  await presenter.expectStep(2);
  expect(await lesson.step()).toBe(2);

  // Closing the presenter view gives the panel its notes back.
  await presenter.page.close();
  await expect(lesson.notes).toBeVisible();
});

test('in molecule mode the lesson starts at its molecule steps, and a switch to Text closes it', async ({
  page,
  playground,
  lesson,
}, testInfo) => {
  test.setTimeout(240_000);
  await playground.open('#mode=molecules', 'wasm', null);
  await page.getByRole('button', { name: 'Start the lesson' }).click();
  const first = firstStepOf('molecules');
  await expectStep(playground, lesson, first);
  await playground.screenshot(testInfo, 'lesson-molecules-start');
  await page.locator('[data-testid="mode-switch"] button[data-mode="text"]').click();
  await expect(lesson.panel).toHaveCount(0);
  expect(await lesson.step()).toBeNull();
});
