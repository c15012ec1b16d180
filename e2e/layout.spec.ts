// The page on a classroom projector, on the built page with the tiny random fixture models (WASM):
// at 800, 1024, 1366 and 1920 px, in the normal page and in presentation mode, with every view
// open, the page never scrolls sideways and no view is wider than its panel (drawings wrap or
// tighten to fit, the experiment's table turns into cards); in presentation mode no text in a view
// is under 20 px; each lesson step's short text and its view share the first screen at 800x600,
// 1024x768 and 1366x768; presentation mode (larger type, controls folded into a menu, the way out
// in the header, Alt+P and Escape), calm updates (an edit keeps the previous views on screen,
// marked stale, until the new result arrives) and the sticky editor; the DAG of three or four masks
// keeps its 20-px type in presentation mode at 800 and 1024 px (its columns too wide, it runs
// down) and is never shrunk. Screenshots at each size, of each lesson step, in presentation mode
// and of the crowded DAGs are attached as test artifacts.
import type { Page } from '@playwright/test';

import { CHROMIUM_PATH, WEBGPU_CHROMIUM_ARGS } from '../scripts/chromium';
import { LESSON_STEPS } from '../src/views/lesson/lessonSteps';
import type { PlaygroundPage } from './pages/playground-page';
import { expect, test } from './support/fixtures';
import { onScreen, smallestText, viewFits } from './support/layoutChecks';

// Real scrollbars (headless Chromium hides them by default): the screenshots show what a
// projector shows, and the widths measured are those a page with a scrollbar has.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: WEBGPU_CHROMIUM_ARGS,
    ignoreDefaultArgs: ['--hide-scrollbars'],
  },
});

const TEXT = 'the cat sat on the mat';
const ALL_VIEWS = 'predictions,states,dag,attention,compare,quiz,experiment';
const HASH = `#text=${encodeURIComponent(TEXT)}&mask=1,5&views=${ALL_VIEWS}`;

const SIZES = [
  { width: 800, height: 600 },
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** The sizes at which a lesson step's text and view must share the first screen. */
const LESSON_SIZES = [
  { width: 800, height: 600 },
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
] as const;

/** The sizes of the lesson's screenshots. */
const LESSON_SHOTS = ['800x600', '1366x768'];

/** In presentation mode, the smallest text allowed in a view or in the lesson. */
const PRESENTATION_MIN_PX = 20;

const MODES = [
  { name: 'normal page', hash: '', presenting: false },
  { name: 'presentation mode', hash: '&present=1', presenting: true },
] as const;

/** Opens the page with every view and waits until the drawings are there. */
async function openAllViews(playground: PlaygroundPage, hash = HASH): Promise<void> {
  const { page } = playground;
  await playground.open(hash, 'wasm');
  await playground.waitSettled();
  // The quiz keeps the guess views closed until its round is revealed: reveal it.
  const reveal = page.getByTestId('quiz-reveal');
  await expect(reveal).toHaveAttribute('aria-disabled', 'false', { timeout: 150_000 });
  await reveal.click();
  await expect(page.getByTestId('quiz-next')).toBeFocused();
  // The reveal moves the focus (and the page) to "Next round": back to the top, as opened.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.locator('.states-card').first()).toBeVisible();
  await expect(page.locator('.dag-node').first()).toBeVisible();
  await expect(page.locator('.attention-view__canvas')).toBeVisible();
  await expect(page.getByTestId('view-quiz')).toBeVisible();
}

/** How far the page scrolls sideways, and the panels that stick out of the page. */
async function overflow(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    outside: [...document.querySelectorAll('.panel, .inside-view__scroll, .app__header')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((el) => el.className),
  }));
}

for (const mode of MODES) {
  test(`${mode.name}: every view fits its width at 800, 1024, 1366 and 1920 px`, async ({
    page,
    playground,
    experiment,
  }, testInfo) => {
    test.setTimeout(300_000);
    await page.setViewportSize(SIZES[0]);
    await openAllViews(playground, `${HASH}${mode.hash}`);
    // The mask-ratio experiment on a five-sentence sample, so that its charts and table show.
    await experiment.runSample('5');
    await experiment.waitDone();
    await expect(experiment.table.locator('tbody tr').first()).toBeVisible();
    const views = ALL_VIEWS.split(',').map((id) => `view-${id}`);

    for (const size of SIZES) {
      await page.setViewportSize(size);
      // Editor and views side by side only where there is room (and never while presenting);
      // the page changes its layout once the new width has held for a moment.
      const wide = size.width >= 1100 && !mode.presenting;
      await expect(page.locator('.app__body--wide')).toHaveCount(wide ? 1 : 0);
      const shape = await overflow(page);
      expect(shape.outside, `${size.width} px`).toEqual([]);
      expect(shape.scrollWidth, `${size.width} px`).toBeLessThanOrEqual(shape.innerWidth);

      // Each view's scroll width is its client width, nothing inside it scrolls sideways or runs
      // past its edge (the drawings fit again once they have measured their panel).
      await expect
        .poll(
          async () => {
            const fits = await viewFits(page);
            return fits.filter(
              (f) =>
                f.scrollWidth !== f.clientWidth || f.scrollers.length > 0 || f.outside.length > 0,
            );
          },
          { message: `views wider than their panel at ${size.width} px` },
        )
        .toEqual([]);
      expect((await viewFits(page)).map((f) => f.view).sort()).toEqual([...views].sort());
      // The expanded states show the [SEP] column, the DAG its right edge, on screen.
      const sep = page.locator('.states-card', { hasText: '[SEP]' }).last();
      const statesBox = await page.getByTestId('view-states').boundingBox();
      const sepBox = await sep.boundingBox();
      expect((sepBox?.x ?? 0) + (sepBox?.width ?? 0)).toBeLessThanOrEqual(
        (statesBox?.x ?? 0) + (statesBox?.width ?? 0),
      );

      await page.evaluate(() => window.scrollTo(0, 0));
      const editor = await page.locator('.editor').boundingBox();
      const main = await page.locator('.app__main').boundingBox();
      if (editor === null || main === null) throw new Error('editor or views not laid out');
      if (wide) {
        expect(editor.x + editor.width).toBeLessThanOrEqual(main.x);
      } else {
        expect(editor.y + editor.height).toBeLessThanOrEqual(main.y);
      }

      if (mode.presenting) {
        for (const view of views) {
          const smallest = await smallestText(page.getByTestId(view));
          expect(
            smallest.size,
            `${view} at ${size.width} px: ${smallest.text}`,
          ).toBeGreaterThanOrEqual(PRESENTATION_MIN_PX - 0.05);
        }
      }
      const name = `${mode.presenting ? 'presentation' : 'layout'}-${size.width}x${size.height}`;
      await playground.screenshot(testInfo, name);
    }
  });

  test(`${mode.name}: each lesson step's text and view share the first screen`, async ({
    page,
    playground,
    lesson,
  }, testInfo) => {
    test.setTimeout(480_000);
    for (const size of LESSON_SIZES) {
      await page.setViewportSize(size);
      await playground.open(mode.hash === '' ? '' : `#${mode.hash.slice(1)}`, 'wasm');
      await lesson.start();
      for (const [i, step] of LESSON_STEPS.entries()) {
        if (i > 0) await lesson.next();
        await lesson.expectStep(i);
        await playground.waitSettled();
        const view = page.getByTestId(`view-${step.view}`);
        await expect(view).toBeVisible();
        const where = `step ${i + 1} (${step.id}) at ${size.width}x${size.height}`;
        // The short text whole on screen; the step's view right under it, with at least a
        // quarter of the screen for it.
        const text = await onScreen(lesson.short);
        expect(text.top, where).toBeGreaterThanOrEqual(0);
        expect(text.bottom, where).toBeLessThanOrEqual(size.height);
        const shown = await onScreen(view);
        expect(shown.top, where).toBeGreaterThan(text.bottom);
        expect(shown.top, where).toBeLessThanOrEqual(0.75 * size.height);
        if (mode.presenting) {
          const smallest = await smallestText(lesson.panel);
          expect(smallest.size, `${where}: ${smallest.text}`).toBeGreaterThanOrEqual(
            PRESENTATION_MIN_PX - 0.05,
          );
        }
        const shot = `${size.width}x${size.height}`;
        if (LESSON_SHOTS.includes(shot)) {
          const name = `lesson-${mode.presenting ? 'presenting' : 'page'}-${shot}-step-${i + 1}-${step.id}`;
          const path = testInfo.outputPath(`${name}.png`);
          await page.screenshot({ path });
          await testInfo.attach(name, { path, contentType: 'image/png' });
        }
      }
    }
  });
}

/** Sentences whose DAG has too many columns for an 800-px projector at 20 px: three masks (five
 *  columns) and four (six), "cat" and "the" between them as the ordinary words. */
const CROWDED_DAGS = [
  { masks: '1,3,5', name: '3-masks' },
  { masks: '0,2,3,5', name: '4-masks' },
] as const;

/** The legend's words for the DAG's lines, by the way it runs. */
const LEGEND_LINES: Record<string, string> = {
  across: 'A column per [CLS], mask and [SEP]',
  down: 'A row per [CLS], mask and [SEP]',
};

/** What the DAG shows now: which way it runs, the scale it is drawn at, its smallest text, whether
 *  it or anything in it is wider than its panel, and whether the legend's first item names its lines as they run. */
async function dagShown(playground: PlaygroundPage) {
  const view = playground.view('dag');
  const svg = view.locator('svg.dag-view__svg');
  const flow = await svg.getAttribute('data-flow');
  // Shown at its own size (1) or shrunk to its panel (under 1).
  const scale = await svg.evaluate(
    (el: SVGSVGElement) => el.getBoundingClientRect().width / el.viewBox.baseVal.width,
  );
  const smallest = await smallestText(view);
  const fit = (await viewFits(playground.page)).find((f) => f.view === 'view-dag');
  const legend = (await view.getByTestId('dag-legend').locator('li').first().textContent()) ?? '';
  const lines = LEGEND_LINES[flow ?? ''];
  return {
    flow,
    scale,
    smallest: smallest.size,
    smallestText: smallest.text,
    overflows:
      fit === undefined ||
      fit.scrollWidth !== fit.clientWidth ||
      fit.scrollers.length > 0 ||
      fit.outside.length > 0,
    legendMatches: lines !== undefined && legend.includes(lines),
  };
}

for (const dag of CROWDED_DAGS) {
  test(`the DAG of ${dag.name.replace('-', ' ')} keeps 20-px text in presentation mode at 800 and 1024 px, and fits the normal page`, async ({
    page,
    playground,
  }, testInfo) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 800, height: 600 });
    await playground.open(
      `#text=${encodeURIComponent(TEXT)}&mask=${dag.masks}&views=dag&present=1`,
      'wasm',
    );
    await playground.waitSettled();
    await expect(page.locator('.dag-node').first()).toBeVisible();
    const masks = dag.masks.split(',').length;
    await expect(page.locator('.dag-token__label', { hasText: `mask ${masks} @` })).toHaveCount(1);

    for (const size of [
      { width: 800, height: 600 },
      { width: 1024, height: 768 },
    ]) {
      await page.setViewportSize(size);
      const where = `${dag.name} at ${size.width} px`;
      // The DAG lays itself out again once it has measured its panel: no text under 20 px, none of
      // it past its panel's edge.
      await expect
        .poll(
          async () => {
            const shown = await dagShown(playground);
            // The legend follows the DAG's flow a render later: wait for both to settle.
            return (
              shown.smallest >= PRESENTATION_MIN_PX - 0.05 &&
              !shown.overflows &&
              shown.legendMatches
            );
          },
          { message: where },
        )
        .toBe(true);
      const shown = await dagShown(playground);
      expect(shown.smallest, `${where}: ${shown.smallestText}`).toBeGreaterThanOrEqual(
        PRESENTATION_MIN_PX - 0.05,
      );
      expect(shown.scale, `${where}: drawn at its own size`).toBeCloseTo(1, 2);
      expect(shown.legendMatches, `${where}: the legend names the DAG's lines`).toBe(true);
      // The page itself never scrolls sideways.
      const shape = await overflow(page);
      expect(shape.scrollWidth, where).toBeLessThanOrEqual(shape.innerWidth);
      await playground.screenshot(
        testInfo,
        `dag-${dag.name}-presentation-${size.width}x${size.height}`,
        playground.view('dag'),
      );
    }
    // Five or six columns of 20-px type are wider than an 800-px projector: the DAG runs down.
    await page.setViewportSize({ width: 800, height: 600 });
    await expect.poll(async () => (await dagShown(playground)).flow).toBe('down');

    // The normal page at 1366 px: editor and views side by side, the DAG within its panel, its
    // legend in the words of the way it runs.
    await page.keyboard.press('Alt+KeyP');
    await expect(page.locator('.app')).not.toHaveClass(/app--presenting/);
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect(page.locator('.app__body--wide')).toHaveCount(1);
    await expect
      .poll(async () => {
        const shown = await dagShown(playground);
        return !shown.overflows && shown.legendMatches;
      })
      .toBe(true);
    const normal = await dagShown(playground);
    expect(normal.legendMatches).toBe(true);
    // Nor is it shrunk on the normal page: a DAG too wide for its columns runs down there too.
    expect(normal.scale).toBeCloseTo(1, 2);
    await playground.screenshot(testInfo, `dag-${dag.name}-page-1366x768`, playground.view('dag'));
  });
}

test('presentation mode: larger type, fewer controls, and three ways out', async ({
  page,
  playground,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openAllViews(playground);
  const app = page.locator('.app');
  const toggle = page.getByTestId('presentation-toggle');
  const rootFont = () =>
    page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const editorFont = () =>
    playground.editor.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const normal = { root: await rootFont(), editor: await editorFont() };
  await expect(toggle).toHaveAttribute('title', /Alt\+P/);
  await expect(page.getByTestId('backend-select')).toBeVisible();

  await toggle.click();
  await expect(app).toHaveClass(/app--presenting/);
  expect(await rootFont()).toBeGreaterThanOrEqual(1.35 * normal.root);
  expect(await editorFont()).toBeGreaterThanOrEqual(1.35 * normal.editor);
  // The editor stays; the status, backend picker, view checkboxes and examples fold into a menu.
  await expect(playground.editor).toBeVisible();
  await expect(playground.chip(1)).toBeVisible();
  await expect(page.getByTestId('backend-select')).toBeHidden();
  await expect(page.locator('[data-view-toggle]').first()).toBeHidden();
  await expect(page.locator('.gallery')).toBeHidden();
  await expect(page.locator('.app__tagline')).toBeHidden();
  await expect(toggle).toBeVisible();
  await expect(toggle).toHaveText(/Leave presentation mode/);
  // The way out sits in the header's flow: it floats over nothing.
  expect(await toggle.evaluate((el) => getComputedStyle(el).position)).toBe('static');
  expect(await toggle.evaluate((el) => el.closest('.app__header') !== null)).toBe(true);
  // Lines in the drawings are thicker.
  const frame = page.locator('.dag-node__frame').first();
  expect(
    await frame.evaluate((el) => parseFloat(getComputedStyle(el).strokeWidth)),
  ).toBeGreaterThan(2);
  let shape = await overflow(page);
  expect(shape.scrollWidth).toBeLessThanOrEqual(shape.innerWidth);
  await playground.screenshot(testInfo, 'presentation-1280x720');

  // The menu holds the controls; Escape inside it closes the menu only.
  const menu = page.getByTestId('presentation-menu');
  await menu.locator('summary').click();
  await expect(page.getByTestId('backend-select')).toBeVisible();
  await expect(page.locator('[data-view-toggle]').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('backend-select')).toBeHidden();
  await expect(app).toHaveClass(/app--presenting/);

  // Scrolled down to a view, Escape leaves.
  await page.getByTestId('view-attention').scrollIntoViewIfNeeded();
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Escape');
  await expect(app).not.toHaveClass(/app--presenting/);
  await expect(page.getByTestId('backend-select')).toBeVisible();
  expect(await rootFont()).toBe(normal.root);

  // Alt+P turns it on and off; so does the toggle.
  await page.keyboard.press('Alt+KeyP');
  await expect(app).toHaveClass(/app--presenting/);
  await page.setViewportSize({ width: 800, height: 600 });
  shape = await overflow(page);
  expect(shape.scrollWidth).toBeLessThanOrEqual(shape.innerWidth);
  await playground.screenshot(testInfo, 'presentation-800x600');
  await page.keyboard.press('Alt+KeyP');
  await expect(app).not.toHaveClass(/app--presenting/);
  await toggle.click();
  await expect(app).toHaveClass(/app--presenting/);
  await toggle.click();
  await expect(app).not.toHaveClass(/app--presenting/);
});

test('calm updates: an edit keeps the previous views on screen, marked stale, until the new result', async ({
  page,
  playground,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await playground.open(
    `#text=${encodeURIComponent(TEXT)}&mask=1,5&views=predictions,states,dag`,
    'wasm',
  );
  await playground.waitSettled();
  const views = page.locator('.result-views');
  await expect(views).not.toHaveAttribute('data-stale');
  await expect(page.getByTestId('views-updating')).toBeHidden();
  const before = await page.getByTestId('view-dag').boundingBox();

  // Watch every change from now on: whether the views ever left the page or the waiting message
  // came, whether they were marked stale and busy, and where the DAG was while they were.
  await page.evaluate(() => {
    const record = {
      stale: false,
      busy: false,
      badge: '',
      gone: false,
      waiting: false,
      dagTop: [] as number[],
    };
    (window as unknown as { __calm: typeof record }).__calm = record;
    const check = () => {
      const root = document.querySelector('.result-views');
      if (document.querySelector('[data-testid="view-predictions"]') === null) record.gone = true;
      if (document.querySelector('[data-testid="views-waiting"]') !== null) record.waiting = true;
      if (root?.hasAttribute('data-stale')) {
        record.stale = true;
        if (root.getAttribute('aria-busy') === 'true') record.busy = true;
        const badge = document.querySelector<HTMLElement>('[data-testid="views-updating"]');
        if (badge !== null && !badge.hidden) record.badge = badge.textContent ?? '';
        const dag = document.querySelector('[data-testid="view-dag"]');
        if (dag !== null) record.dagTop.push(dag.getBoundingClientRect().top);
      }
    };
    new MutationObserver(check).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
    });
  });

  await playground.setText('the cat sat on the old mat');
  await playground.waitSettled();
  const record = await page.evaluate(
    () =>
      (
        window as unknown as {
          __calm: {
            stale: boolean;
            busy: boolean;
            badge: string;
            gone: boolean;
            waiting: boolean;
            dagTop: number[];
          };
        }
      ).__calm,
  );
  expect(record.gone).toBe(false);
  expect(record.waiting).toBe(false);
  expect(record.stale).toBe(true);
  expect(record.busy).toBe(true);
  // The badge names the text the dimmed views belong to.
  expect(record.badge).toContain('Updating');
  expect(record.badge).toContain('the [MASK] sat on the [MASK]');
  // Nothing moved while they were stale.
  for (const top of record.dagTop) expect(top).toBeCloseTo(before?.y ?? Number.NaN, 0);

  // The new result arrived: unmarked, the badge gone, the views fully opaque again.
  await expect(views).not.toHaveAttribute('data-stale');
  await expect(views).not.toHaveAttribute('aria-busy');
  await expect(page.getByTestId('views-updating')).toBeHidden();
  await expect(playground.predictions).toHaveCSS('opacity', '1');

  // Hold a stale state (the store keeps a result for other text, with no analysis due) to see it:
  // the views dimmed, the badge on screen with that text, and nothing moved.
  const dagBefore = await page.getByTestId('view-dag').boundingBox();
  await playground.holdStaleResult('the [MASK] sat on a [MASK]');
  await expect(views).toHaveAttribute('data-stale', 'true');
  await expect(views).toHaveAttribute('aria-busy', 'true');
  await expect(playground.predictions).toHaveCSS('opacity', '0.55');
  const badge = page.getByTestId('views-updating');
  await expect(badge).toBeInViewport();
  await expect(badge).toContainText('the [MASK] sat on a [MASK]');
  await expect(badge).toHaveCSS('opacity', '1');
  expect(await page.getByTestId('view-dag').boundingBox()).toEqual(dagBefore);
  const stalePath = testInfo.outputPath('calm-stale.png');
  await page.screenshot({ path: stalePath });
  await testInfo.attach('calm-stale', { path: stalePath, contentType: 'image/png' });

  // The next edit brings a fresh result: unmarked again.
  await playground.setText('the cat sat on the red mat');
  await playground.waitSettled();
  await expect(views).not.toHaveAttribute('data-stale');
  await expect(playground.predictions).toHaveCSS('opacity', '1');
});

test('the editor stays on screen while a view is looked at, on screens tall enough', async ({
  page,
  playground,
}, testInfo) => {
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await openAllViews(playground);
    await page.getByTestId('view-attention').evaluate((el) => el.scrollIntoView());
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(200);
    await expect(page.getByTestId('view-attention')).toBeInViewport();
    const editor = await page.locator('.editor').boundingBox();
    expect(editor?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect((editor?.y ?? 0) + (editor?.height ?? 0)).toBeLessThanOrEqual(size.height);
    await expect(playground.chip(2)).toBeInViewport();
    // Scrolled to, the view's title shows below the editor when the editor is above the views.
    const title = await page.getByTestId('view-attention').locator('h2').boundingBox();
    const below = (editor?.y ?? 0) + (editor?.height ?? 0) - 1;
    if (size.width < 1100) expect(title?.y ?? -1).toBeGreaterThanOrEqual(below);
    await playground.screenshot(testInfo, `sticky-editor-${size.width}x${size.height}`);
    await page.screenshot({ path: testInfo.outputPath(`sticky-viewport-${size.width}.png`) });
    await testInfo.attach(`sticky-viewport-${size.width}x${size.height}`, {
      path: testInfo.outputPath(`sticky-viewport-${size.width}.png`),
      contentType: 'image/png',
    });

    // A teacher masks another word from there, and the view stays in sight. (The full-page
    // screenshot laid the page out without its scrollbar, wider, and the drawings refitted: the
    // view is brought back into sight first.)
    await page.getByTestId('view-attention').evaluate((el) => el.scrollIntoView());
    await expect(page.getByTestId('view-attention')).toBeInViewport();
    await playground.chip(2).click();
    await playground.waitSettled();
    expect((await playground.summary()).masks).toContain(2);
    await expect(page.getByTestId('view-attention')).toBeInViewport();
  }

  // On a short screen the editor scrolls away with the page and covers nothing.
  await page.setViewportSize({ width: 1280, height: 600 });
  await openAllViews(playground);
  await page.getByTestId('view-attention').evaluate((el) => el.scrollIntoView());
  const editor = await page.locator('.editor').boundingBox();
  expect((editor?.y ?? 0) + (editor?.height ?? 0)).toBeLessThan(0);
});
