// The mask-ratio experiment panel on the built page, with the tiny random fixture models (their
// numbers are noise; what is checked is the run itself): a small sample draws a point per ratio,
// model and series, the numbers download as CSV with a row per model and ratio, Cancel stops a run
// (and typing still gets predictions while one runs), and "my sentence" draws its spread.
// Expected counts come from the store (window.__exlm), not from numbers written here. The page runs
// on the WASM backend: the run is hundreds of analyses, and SwiftShader's WebGPU takes seconds for
// each one on a busy machine (the backends themselves are tested elsewhere).
import { readFileSync } from 'node:fs';

import { expect, type Page, test } from '@playwright/test';

import { PlaygroundPage } from './pages/playground-page';

const SLOW_MS = 150_000;
const HASH = `#text=${encodeURIComponent('the cat sat on the mat .')}&mask=1&views=experiment`;
const SERIES = 3; // top-1 and top-5 in one chart, mean entropy in the other

/** The page's Content-Security-Policy violations (the CSV download included), recorded from the
 *  first script on. */
interface ViolationLog {
  cspViolations: string[];
}

async function openPanel(page: Page) {
  await page.addInitScript(() => {
    const log = window as unknown as ViolationLog;
    log.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      log.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const playground = new PlaygroundPage(page);
  await playground.open(HASH, 'wasm');
  // The open panel loads the MLM twin.
  await expect(page.getByTestId('status-model-mlm')).toHaveAttribute('data-phase', 'ready', {
    timeout: SLOW_MS,
  });
  return { playground, panel: page.getByTestId('view-experiment') };
}

/** The finished run's size, from the store. */
function runSize(page: Page) {
  return page.evaluate(() => {
    const e = window.__exlm!.getState().experiment;
    return {
      models: e.results.map((r) => r.model),
      ratios: e.results[0]?.points.map((p) => p.ratio) ?? [],
      sentences: e.sentences,
    };
  });
}

function progressDone(page: Page): Promise<number> {
  return page.evaluate(() => {
    const p = window.__exlm!.getState().experiment.progress;
    return p === null ? 0 : p.ratioIndex * p.perRatio + p.done;
  });
}

test('a small sample draws every ratio for both models and downloads as CSV', async ({
  page,
}, testInfo) => {
  const { panel } = await openPanel(page);
  await panel.getByTestId('experiment-size').selectOption('5');
  await panel.getByRole('button', { name: 'Run on the sample' }).click();
  await expect(panel.getByTestId('experiment-status')).toHaveAttribute('data-status', 'done', {
    timeout: SLOW_MS,
  });
  const run = await runSize(page);
  expect(run.models).toEqual(['tiny-random', 'tiny-random-mlm']);
  expect(run.ratios).toEqual([0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
  expect(run.sentences).toBe(5);

  // A point per ratio, model and series: 2 series in the accuracy chart, 1 in the entropy chart.
  const points = run.ratios.length * run.models.length;
  await expect(panel.locator('.experiment-point')).toHaveCount(points * SERIES);
  await expect(
    panel.getByTestId('experiment-chart-accuracy').locator('.experiment-point'),
  ).toHaveCount(points * 2);
  await expect(
    panel.getByTestId('experiment-chart-entropy').locator('.experiment-point'),
  ).toHaveCount(points);
  await expect(panel.getByTestId('experiment-table').locator('tbody tr')).toHaveCount(points);

  // Values on hover (the twin's top-5 is drawn last, so on top of any point it covers), and the
  // same from the keyboard.
  await panel
    .locator(
      '.experiment-point[data-model="tiny-random-mlm"][data-series="top5"][data-ratio="0.3"]',
    )
    .hover();
  await expect(panel.getByTestId('experiment-readout')).toContainText(
    'MLM twin top-5 at 30% masked:',
  );
  await panel.locator('.experiment-point[data-series="entropy"]').last().focus();
  await expect(panel.getByTestId('experiment-readout')).toContainText(
    'MLM twin mean entropy at 80% masked:',
  );

  const screenshot = testInfo.outputPath('experiment-sample.png');
  await panel.screenshot({ path: screenshot });
  await testInfo.attach('experiment-sample', { path: screenshot, contentType: 'image/png' });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('mask-ratio-sample.csv');
  const lines = readFileSync(await download.path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  const header = lines[0]!.split(',');
  expect(header.slice(0, 4)).toEqual(['run', 'model', 'architecture', 'ratio']);
  const rows = lines.slice(1).map((line) => line.split(','));
  expect(rows).toHaveLength(points);
  for (const row of rows) expect(row).toHaveLength(header.length);
  const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
  expect(new Set(column('model'))).toEqual(new Set(run.models));
  expect(new Set(column('ratio').map(Number))).toEqual(new Set(run.ratios));
  for (const name of ['top1', 'top5', 'mean_entropy_nats']) {
    expect(column(name).every((v) => Number.isFinite(Number(v)))).toBe(true);
  }
  expect(
    await page.evaluate(() => (window as unknown as ViolationLog).cspViolations),
    'Content-Security-Policy violations',
  ).toEqual([]);
});

test('Cancel stops a run, and typing still gets predictions while it runs', async ({
  page,
}, testInfo) => {
  const { playground, panel } = await openPanel(page);
  await panel.getByTestId('experiment-size').selectOption('');
  await panel.getByRole('button', { name: 'Run on the sample' }).click();
  await expect(panel.getByTestId('experiment-progress')).toBeVisible({ timeout: SLOW_MS });
  await expect.poll(() => progressDone(page), { timeout: SLOW_MS }).toBeGreaterThan(2);

  // The editor's analyses go in between the experiment's sentences.
  await playground.setText('a dog ran in the [MASK] park');
  await playground.waitSettled();
  expect(await progressDone(page)).toBeLessThan(10 * 150);
  await expect(panel.getByTestId('experiment-status')).toHaveAttribute('data-status', 'running');

  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByTestId('experiment-status')).toHaveAttribute('data-status', 'cancelled', {
    timeout: 30_000,
  });
  await expect(panel.getByTestId('experiment-status')).toContainText('Cancelled:');
  await expect(panel.getByTestId('experiment-progress')).toHaveCount(0);
  const stopped = await progressDone(page);
  // No fixed wait: one more analysis through the same worker, which takes its requests in turn, so
  // that any experiment sentence still queued behind the cancel would have reported by its end.
  await playground.setText('a cat sat on the [MASK] .');
  await playground.waitSettled();
  expect(await progressDone(page)).toBe(stopped);
  const screenshot = testInfo.outputPath('experiment-cancelled.png');
  await panel.screenshot({ path: screenshot });
  await testInfo.attach('experiment-cancelled', { path: screenshot, contentType: 'image/png' });
});

test("my sentence: many maskings per ratio, with the entropy's spread", async ({
  page,
}, testInfo) => {
  const { panel } = await openPanel(page);
  await panel.getByRole('button', { name: 'Run on my sentence' }).click();
  await expect(panel.getByTestId('experiment-status')).toHaveAttribute('data-status', 'done', {
    timeout: SLOW_MS,
  });
  const run = await page.evaluate(() => {
    const e = window.__exlm!.getState().experiment;
    return {
      repeats: e.repeats,
      words: e.words,
      scored: e.results[0]?.points.map((p) => p.sentences),
    };
  });
  expect(run.words).toEqual(['the', 'cat', 'sat', 'on', 'the', 'mat', '.']);
  expect(run.repeats).toBe(20);
  // The chart shows a spread (band and whiskers) per model and ratio the model could score.
  const scoredRatios = (run.scored ?? []).filter((n) => n > 0).length;
  await expect(panel.locator('.experiment-band')).toHaveCount(scoredRatios * 2);
  await expect(panel.locator('.experiment-whisker')).toHaveCount(scoredRatios * 2);
  const screenshot = testInfo.outputPath('experiment-sentence.png');
  await panel.screenshot({ path: screenshot });
  await testInfo.attach('experiment-sentence', { path: screenshot, contentType: 'image/png' });
});
