// The inside views (expanded states, transition DAG, attention) on the real page with the tiny
// random fixture models: drawn from the analysis in the store (checked by content), hover synced
// across the three, DAG threshold and details panel, attention selectors and read-out, and the MLM
// twin's note. Expected counts come from the analysis itself (the store, through the playground's
// page object), never from numbers written here. Screenshots are attached as test artifacts.
import { readFile } from 'node:fs/promises';

import type { PlaygroundPage } from './pages/playground-page';
import { expect, test } from './support/fixtures';
import { SLOW_MS } from './support/timeouts';

const TEXT = 'the cat sat on the mat';
const MASKED_WORDS = '1,5';

/** The tiny random fixtures: the views are checked on any analysis, and the fixtures keep the
 *  SwiftShader runs short (the shipped models, the page's default once they exist, are larger). */
function url(views: string, model = 'tiny-random'): string {
  return `/#text=${encodeURIComponent(TEXT)}&mask=${MASKED_WORDS}&model=${model}&views=${views}`;
}

/** Sizes of the analysis the page is showing, read from the store's current result. */
async function shownAnalysis(
  playground: PlaygroundPage,
): Promise<{ states: number; masks: number; layers: number; path: number[] }> {
  const { exlm } = await playground.store.result();
  return {
    states: exlm.states.length,
    masks: exlm.masks.length,
    layers: exlm.attentionLayers,
    path: exlm.fill.path,
  };
}

test('states, DAG and attention draw the analysis and share the hovered state', async ({
  page,
  playground,
}, testInfo) => {
  await page.goto(url('states,dag,attention'));
  await expect(page.locator('.states-card').first()).toBeVisible({ timeout: 120_000 });
  const analysis = await shownAnalysis(playground);

  // One card and one node per state; the path's states are marked in both drawings.
  await expect(page.locator('.states-card')).toHaveCount(analysis.states);
  await expect(page.locator('.dag-node')).toHaveCount(analysis.states);
  await expect(page.locator('.states-card.is-on-path')).toHaveCount(new Set(analysis.path).size);
  await expect(page.locator('.dag-node.is-on-path')).toHaveCount(new Set(analysis.path).size);
  await expect(page.locator('.states-card').first()).toHaveAttribute(
    'aria-label',
    /^State \[CLS\] · copy 1 at position \(0, 1\)/,
  );

  // Hovering a state card highlights the same state in the DAG and its row in the attention map.
  const state = analysis.path[1] ?? 1;
  await page.locator(`.states-card[data-state="${state}"]`).hover();
  await expect(page.locator(`.states-card[data-state="${state}"]`)).toHaveClass(/is-hovered/);
  await expect(page.locator(`.dag-node[data-state="${state}"]`)).toHaveClass(/is-hovered/);
  await expect(page.locator('.attention-mark--state-row')).toHaveAttribute('visibility', 'visible');
  await testInfo.attach('inside-views-hover', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
  await page.mouse.move(0, 0);
  await expect(page.locator('.dag-node.is-hovered')).toHaveCount(0);
  await expect(page.locator('.attention-mark--state-row')).toHaveAttribute('visibility', 'hidden');
});

test('DAG threshold hides weak edges but keeps the path; a click shows the full top-k', async ({
  page,
  playground,
}, testInfo) => {
  await page.goto(url('dag'));
  await expect(page.locator('.dag-node').first()).toBeVisible({ timeout: 120_000 });
  const analysis = await shownAnalysis(playground);
  const L = analysis.states;
  const slider = page.getByLabel('Hide edges below p =');

  // Threshold 0: every edge of the DAG (each state links to every later state).
  await slider.fill('0');
  const all = (L * (L - 1)) / 2;
  await expect(page.getByText(`${all} of ${all} edges shown`)).toBeVisible();
  await expect(page.locator('path.dag-edge')).toHaveCount(all);

  // Threshold 1: only the path's M + 1 edges are left, all marked as path edges.
  await slider.fill('1');
  await expect(page.locator('path.dag-edge')).toHaveCount(analysis.masks + 1);
  await expect(page.locator('path.dag-edge:not(.is-on-path)')).toHaveCount(0);
  // Each edge's tooltip names its ends as the nodes are named, never by state index.
  const name = String.raw`(?:\[CLS\]|\[SEP\]|mask \d+)(?: · copy \d+)?`;
  const titles = await page.locator('path.dag-edge > title').allTextContents();
  expect(titles).toHaveLength(analysis.masks + 1);
  for (const title of titles) {
    expect(title).toMatch(new RegExp(`^${name} → ${name} \\(p = [01]\\.\\d{3}\\)$`));
  }
  expect(titles.filter((t) => t.startsWith('[CLS] · copy 1 → '))).toHaveLength(1);

  await page.locator('.dag-node[data-state="0"]').click();
  const details = page.getByRole('complementary', { name: 'Details of [CLS] · copy 1' });
  await expect(details).toContainText('[CLS] · copy 1');
  await expect(details).toContainText('path start');
  await expect(details.locator('tbody tr')).toHaveCount(
    (await playground.store.result()).exlm.stateTop[0]?.length ?? -1,
  );
  await testInfo.attach('dag-details', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
  // A new analysis of the same input (here: another top-k; on a slow start also the twin
  // finishing its load) keeps the details open, now with the new numbers.
  const resultsBefore = await playground.store.requestSeq();
  await page.getByLabel('top-k').fill('3');
  await expect
    .poll(async () => (await playground.store.result()).seq, { timeout: SLOW_MS })
    .toBeGreaterThan(resultsBefore);
  await expect(details.locator('tbody tr')).toHaveCount(3);
  await details.getByRole('button', { name: 'Close the state details' }).click();
  await expect(details).toHaveCount(0);
});

test('attention: layer and head selectors, read-out under the pointer', async ({
  page,
  playground,
}, testInfo) => {
  await page.goto(url('attention'));
  const canvas = page.locator('.attention-view__canvas');
  await expect(canvas).toBeVisible({ timeout: 120_000 });
  const analysis = await shownAnalysis(playground);

  const layerOptions = page.getByLabel('Layer', { exact: true }).locator('option');
  await expect(layerOptions).toHaveCount(analysis.layers);
  await page.getByLabel('Head', { exact: true }).selectOption({ label: 'head 2' });
  await expect(canvas).toHaveAttribute('aria-label', /layer 1, head 2,/);

  const box = await canvas.boundingBox();
  if (!box) throw new Error('the heatmap has no box');
  await page.mouse.move(box.x + 2, box.y + 2);
  await expect(page.locator('.attention-view__readout')).toHaveText(
    /^\[CLS\] · copy 1 \(0, 1\) attends to \[CLS\] · copy 1 \(0, 1\) with weight \d\.\d{3}$/,
  );
  await testInfo.attach('attention', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

test('the MLM twin: one state per mask and a note instead of a DAG', async ({
  page,
  playground,
}) => {
  await page.goto(url('states,dag', 'tiny-random-mlm'));
  await expect(page.locator('.states-card').first()).toBeVisible({ timeout: 120_000 });
  const analysis = await shownAnalysis(playground);
  expect(analysis.states).toBe(analysis.masks + 2);
  await expect(page.locator('.states-card')).toHaveCount(analysis.states);
  await expect(page.getByRole('note')).toContainText('The MLM twin has no transition head');
  await expect(page.locator('.dag-node')).toHaveCount(0);
});

test('a fill that differs from the top guess says why in visible text, and its export says what it shows', async ({
  page,
  playground,
}, testInfo) => {
  // The shipped ExLM's best path fills this mask with its second guess, "are" (23%), which the first
  // and the fourth copy of the [MASK] put first, not with its first guess, "were" (24%).
  const text = 'the boys are running .';
  await page.goto(
    `/?backend=wasm#text=${encodeURIComponent(text)}&mask=2&model=exlm-en-small&views=predictions`,
  );
  const predictions = page.getByTestId('view-predictions');
  await expect(predictions.getByTestId('fill')).toBeVisible({ timeout: 120_000 });
  const { exlm } = await playground.store.result();
  const fill = exlm.fill.tokens[0] ?? '';
  const top = exlm.masks[0]?.top[0]?.token ?? '';
  expect(fill, 'the example needs a fill that is not the top guess').not.toBe(top);
  const note = predictions.getByTestId('fill-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('the best joint path through the DAG');
  await expect(note).toContainText(`Mask 1: the fill has “${fill}”, not the top guess “${top}”`);
  await expect(note).toContainText(
    /The path takes it from (mask 1|\[CLS\]|\[SEP\]) · copy \d \(state \d+\)/,
  );

  const menu = page.getByTestId('export-predictions');
  await menu.locator('summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('button', { name: 'SVG', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^exlm-predictions-the-boys-mask-running-\d{4}-\d{2}-\d{2}-\d{4}\.svg$/,
  );
  const svg = await readFile(await download.path(), 'utf8');
  expect(svg).toContain('Sentence: the boys [MASK] running .');
  expect(svg).toContain('Model: exlm-en-small');
  expect(svg).toContain(`Mask 1: the fill has “${fill}”`);

  for (const [width, height] of [
    [1366, 768],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width, height });
    // Below 1,100 px the page changes to one column once the new width has held for a moment,
    // building its body (and the note) anew: wait for that before scrolling to the note, which
    // would otherwise be taken from the page while it is scrolled to.
    await expect(page.locator('.app__body--wide')).toHaveCount(width >= 1100 ? 1 : 0);
    await note.scrollIntoViewIfNeeded();
    await testInfo.attach(`fill-note-${width}x${height}.png`, {
      body: await page.screenshot(),
      contentType: 'image/png',
    });
  }
});
