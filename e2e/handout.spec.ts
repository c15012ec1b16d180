// The lesson's printable handout on the built page (tiny random fixture model, WASM): "Handout" in
// the lesson panel opens the sheet over the page, with every English step's title, short text,
// sentences and "Try this" prompt, the page's address and the link to the first step; printed it is
// on one A4 page and one Letter page, with nothing of the page under it; Print prints, Close and Esc
// close it (the lesson stays open) and the link opens the lesson's first step. The same in
// presentation mode, where the page's type is large but the sheet's is not. Screenshots of the
// sheet at 800x600 and the A4 PDFs are attached to the tests.
import type { TestInfo } from '@playwright/test';

import { lessonLink } from '../src/views/lesson/lessonHandout';
import { LESSON_STEPS, LESSON_TITLE, stepMode } from '../src/views/lesson/lessonSteps';
import type { HandoutPage } from './pages/lesson-page';
import { E2E_MODEL } from './pages/playground-page';
import { expect, test } from './support/fixtures';

/** The sheet's body type, 10 pt, as the browser computes it in CSS pixels (96 per inch), whatever
 *  the page's own root size. */
const SHEET_FONT = '13.3333px';

/** Checks that the sheet prints on one page of A4 and of Letter and attaches the A4 PDF. */
async function expectOnePage(
  handout: HandoutPage,
  testInfo: TestInfo,
  name: string,
): Promise<void> {
  for (const format of ['A4', 'Letter'] as const) {
    const { pdf, pages } = await handout.printToPdf(format);
    expect(pages, `${format} pages`).toBe(1);
    if (format === 'A4') {
      await testInfo.attach(`${name}.pdf`, { body: pdf, contentType: 'application/pdf' });
    }
  }
}

/** The steps of the English handout, the lesson's first (the molecule steps have their own). */
const ENGLISH_STEPS = LESSON_STEPS.filter((step) => stepMode(step) === 'text');

test('the handout holds every step and the link, prints on one page and closes', async ({
  page,
  playground,
  lesson,
}, testInfo) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await playground.open('', 'wasm');
  await lesson.start();
  await lesson.expectStep(0);
  const handout = await lesson.openHandout();
  await expect(handout.printButton).toBeFocused();

  // Opened on an English step: the handout of the English steps (the molecule steps have their
  // own, lessonHandout.test.ts).
  await expect(handout.title).toHaveText(LESSON_TITLE);
  await expect(handout.steps).toHaveCount(ENGLISH_STEPS.length);
  for (const [i, step] of ENGLISH_STEPS.entries()) {
    const shown = handout.step(i);
    await expect(shown.getByRole('heading', { level: 2 })).toHaveText(`${i + 1} ${step.title}`);
    await expect(shown).toContainText(step.short);
    await expect(shown).toContainText(`Try this: ${step.tryThis}`);
    for (const variant of step.variants) await expect(shown).toContainText(variant.text);
    // The hidden words are marked, one mark per hidden word of every sentence.
    const hidden = step.variants.reduce((n, v) => n + v.masks.length, 0);
    await expect(shown.locator('mark')).toHaveCount(hidden);
  }
  const origin = new URL(page.url()).origin;
  const link = lessonLink({ origin, pathname: '/' }, E2E_MODEL);
  await expect(handout.pageUrl).toHaveText(`${origin}/`);
  await expect(handout.link).toHaveText(link);
  await expect(handout.link).toHaveAttribute('href', link);
  await expect(handout.sheet).toHaveCSS('font-size', SHEET_FONT);
  await handout.screenshot(testInfo, 'handout-800x600');

  await expectOnePage(handout, testInfo, 'handout');
  // Printed, the sheet is all there is: the page under it and the sheet's own buttons are not.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#root')).toBeHidden();
  await expect(handout.printButton).toBeHidden();
  await expect(handout.sheet).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // Print prints; Esc and Close close the sheet and leave the lesson where it was.
  const prints = await handout.countPrints();
  await handout.printButton.click();
  expect(await prints()).toBe(1);
  await page.keyboard.press('Escape');
  await expect(handout.dialog).toHaveCount(0);
  await expect(lesson.handoutButton).toBeFocused();
  await lesson.expectStep(0);
  expect(await lesson.step()).toBe(0);
  await lesson.next();
  await lesson.expectStep(1);
  const again = await lesson.openHandout();
  // ← and → inside the handout do not move the lesson behind it.
  await page.keyboard.press('ArrowRight');
  expect(await lesson.step()).toBe(1);
  await again.closeButton.click();
  await expect(again.dialog).toHaveCount(0);
  await expect(lesson.handoutButton).toBeFocused();
  await expect(lesson.panel).toBeVisible();

  // The link opens the lesson's first step with its sentence.
  await page.goto('about:blank');
  await page.goto(link);
  await lesson.expectStep(0);
  const first = LESSON_STEPS[0]?.variants[0];
  if (first === undefined) throw new Error('the lesson has no first step');
  await expect(playground.editor).toHaveValue(first.text);
  for (const mask of first.masks)
    await expect(playground.chip(mask)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('button.chip[aria-pressed="true"]')).toHaveCount(first.masks.length);
});

test('in presentation mode the handout keeps its paper-sized type and one page', async ({
  page,
  playground,
  lesson,
}, testInfo) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await playground.open('#present=1', 'wasm');
  await lesson.start();
  const handout = await lesson.openHandout();
  await expect(handout.steps).toHaveCount(ENGLISH_STEPS.length);
  await expect(handout.sheet).toHaveCSS('font-size', SHEET_FONT);
  await handout.screenshot(testInfo, 'handout-presenting-800x600');
  await expectOnePage(handout, testInfo, 'handout-presenting');
  await handout.closeButton.click();
  await expect(handout.dialog).toHaveCount(0);
  // Presentation mode is still on.
  await expect(page.locator('.app--presenting')).toHaveCount(1);
});
