// The mask-ratio experiment panel on the built page, with the tiny random fixture models (their
// numbers are noise; what is checked is the run itself): the panel says how long a run takes
// before it starts, a small sample draws a point per ratio, model and series with a band around
// each line and the ExLM-minus-twin chart, the numbers download as CSV with a row per model and
// ratio and their intervals, Cancel stops a run (and typing still gets predictions while one
// runs), and "my sentence" draws its spread. Expected counts come from the store (through the
// panel's page object), not from numbers written here. The page runs on the WASM backend: the run
// is hundreds of analyses, and SwiftShader's WebGPU takes seconds for each one on a busy machine
// (the backends themselves are tested elsewhere).
import { readFileSync } from 'node:fs';

import { expect, test } from './support/fixtures';
import { SLOW_MS } from './support/timeouts';

const HASH = `#text=${encodeURIComponent('the cat sat on the mat .')}&mask=1&views=experiment`;
const SERIES = 3; // top-1 and top-5 in one chart, mean entropy in the other
const DIFFERENCE_SERIES = 2; // top-1 and top-5 of the ExLM minus its twin

/** The page's Content-Security-Policy violations (the CSV download included), recorded from the
 *  first script on. */
interface ViolationLog {
  cspViolations: string[];
}

test.beforeEach(async ({ page, playground }) => {
  await page.addInitScript(() => {
    const log = window as unknown as ViolationLog;
    log.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      log.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await playground.open(HASH, 'wasm');
  // The open panel loads the MLM twin.
  await expect(page.getByTestId('status-model-mlm')).toHaveAttribute('data-phase', 'ready', {
    timeout: SLOW_MS,
  });
});

test('a small sample draws every ratio for both models, with bands, and downloads as CSV', async ({
  page,
  experiment,
}, testInfo) => {
  // Before any run: a short timing on this backend gives the time of a run of the chosen size.
  await expect(experiment.estimate).toHaveText(
    // In as many workers as the machine has cores, up to 4 (one: nothing said of them).
    /^Run on the sample \(150 sentences\): .+ on WebAssembly( in [2-4] workers)?\.$/,
    {
      timeout: SLOW_MS,
    },
  );
  // The size menu's "all" says how many sentences that is, once the sample has been read.
  await expect(
    experiment.root.locator('[data-testid="experiment-size"] option[value=""]'),
  ).toHaveText('all (150)');
  await experiment.root.getByTestId('experiment-size').selectOption('25');
  await expect(experiment.estimate).toHaveText(/^Run on the sample \(25 sentences\): /);
  expect(await experiment.estimateSource()).toBe('timing');
  await experiment.runSample('5');
  await experiment.waitDone();
  const run = await experiment.size();
  expect(run.models).toEqual(['tiny-random', 'tiny-random-mlm']);
  expect(run.ratios).toEqual([0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
  expect(run.sentences).toBe(5);
  // The finished run measures the next one's time better than the timing did.
  await expect(experiment.estimate).toHaveText(/going by the last run\.$/);

  // A point per ratio, model and series: 2 series in the accuracy chart, 1 in the entropy chart,
  // and in the difference chart 2 per ratio; a band around every line.
  const points = run.ratios.length * run.models.length;
  const differences = run.ratios.length * DIFFERENCE_SERIES;
  await expect(experiment.chart('accuracy').locator('.experiment-point')).toHaveCount(points * 2);
  await expect(experiment.chart('entropy').locator('.experiment-point')).toHaveCount(points);
  await expect(experiment.chart('difference').locator('.experiment-point')).toHaveCount(
    differences,
  );
  await expect(experiment.root.locator('.experiment-point')).toHaveCount(
    points * SERIES + differences,
  );
  const lines = run.models.length * SERIES + DIFFERENCE_SERIES;
  await expect(experiment.root.locator('.experiment-interval')).toHaveCount(lines);
  for (const band of await experiment.root.locator('.experiment-interval').all()) {
    expect(await band.getAttribute('d')).toMatch(/^M[\d.]/);
  }
  await expect(experiment.chart('difference').locator('.experiment-zero')).toHaveCount(1);
  await expect(experiment.table.locator('tbody tr')).toHaveCount(points);
  // Each top-1, top-5 and entropy value carries its interval.
  await expect(experiment.table.locator('.experiment-interval-text')).toHaveCount(points * 3);

  // Values and intervals on hover (the twin's top-5 is drawn last, so on top of any point it
  // covers), and the same from the keyboard.
  await experiment.point('tiny-random-mlm', 'top5', 0.3).hover();
  await expect(experiment.readout).toContainText('MLM twin top-5 at 30% masked:');
  await expect(experiment.readout).toContainText('(95% interval ');
  // The pointer leaves the charts first: left where it hovered, a layout shift can put another
  // point under it, whose hover would then win over the focus below.
  await page.mouse.move(0, 0);
  await experiment.root.locator('.experiment-point[data-series="entropy"]').last().focus();
  await expect(experiment.readout).toContainText('MLM twin mean entropy at 80% masked:');
  await experiment.point('difference', 'top1', 0.5).focus();
  await expect(experiment.readout).toContainText('ExLM minus MLM twin, top-1 at 50% masked:');
  await expect(experiment.readout).toContainText(' points (95% interval ');

  const screenshot = testInfo.outputPath('experiment-sample.png');
  await experiment.root.screenshot({ path: screenshot });
  await testInfo.attach('experiment-sample', { path: screenshot, contentType: 'image/png' });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    experiment.root.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('mask-ratio-sample.csv');
  const csvLines = readFileSync(await download.path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  const header = csvLines[0]!.split(',');
  expect(header.slice(0, 4)).toEqual(['run', 'model', 'architecture', 'ratio']);
  const rows = csvLines.slice(1).map((line) => line.split(','));
  expect(rows).toHaveLength(points);
  for (const row of rows) expect(row).toHaveLength(header.length);
  const column = (name: string) => rows.map((row) => Number(row[header.indexOf(name)]));
  expect(new Set(rows.map((row) => row[header.indexOf('model')]))).toEqual(new Set(run.models));
  expect(new Set(column('ratio'))).toEqual(new Set(run.ratios));
  for (const name of ['top1', 'top5', 'mean_entropy_nats', 'top1_low', 'top1_high']) {
    expect(column(name).every((v) => Number.isFinite(v))).toBe(true);
  }
  // Every interval holds its value.
  rows.forEach((_, i) => {
    expect(column('top1_low')[i]).toBeLessThanOrEqual(column('top1')[i]!);
    expect(column('top1_high')[i]).toBeGreaterThanOrEqual(column('top1')[i]!);
  });
  expect(
    await page.evaluate(() => (window as unknown as ViolationLog).cspViolations),
    'Content-Security-Policy violations',
  ).toEqual([]);
});

test('Cancel stops a run, and typing still gets predictions while it runs', async ({
  playground,
  experiment,
}, testInfo) => {
  // The whole sample is the size the panel opens with.
  await expect(experiment.root.getByTestId('experiment-size')).toHaveValue('');
  await experiment.runSample('');
  await expect(experiment.root.getByTestId('experiment-progress')).toBeVisible({
    timeout: SLOW_MS,
  });
  await expect.poll(() => experiment.progressDone(), { timeout: SLOW_MS }).toBeGreaterThan(2);

  // The editor's analyses go in between the experiment's batches.
  await playground.setText('a dog ran in the [MASK] park');
  await playground.waitSettled();
  expect(await experiment.progressDone()).toBeLessThan(10 * 150);
  await expect(experiment.status).toHaveAttribute('data-status', 'running');

  await experiment.root.getByRole('button', { name: 'Cancel' }).click();
  await expect(experiment.status).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  await expect(experiment.status).toContainText('Cancelled:');
  await expect(experiment.root.getByTestId('experiment-progress')).toHaveCount(0);
  const stopped = await experiment.progressDone();
  // No fixed wait: one more analysis through the same worker, which takes its requests in turn, so
  // that any experiment batch still queued behind the cancel would have reported by its end.
  await playground.setText('a cat sat on the [MASK] .');
  await playground.waitSettled();
  expect(await experiment.progressDone()).toBe(stopped);
  const screenshot = testInfo.outputPath('experiment-cancelled.png');
  await experiment.root.screenshot({ path: screenshot });
  await testInfo.attach('experiment-cancelled', { path: screenshot, contentType: 'image/png' });
});

test("my sentence: many maskings per ratio, with the entropy's spread", async ({
  experiment,
}, testInfo) => {
  await experiment.runSentence();
  await experiment.waitDone();
  const run = await experiment.size();
  expect(run.words).toEqual(['the', 'cat', 'sat', 'on', 'the', 'mat', '.']);
  expect(run.repeats).toBe(20);
  // The chart shows a spread (box and whiskers) per model and ratio the model could score.
  const scoredRatios = (run.scored[0] ?? []).filter((n) => n > 0).length;
  await expect(experiment.root.locator('.experiment-band')).toHaveCount(scoredRatios * 2);
  await expect(experiment.root.locator('.experiment-whisker')).toHaveCount(scoredRatios * 2);
  // The bands are over the maskings of the one sentence.
  await expect(
    experiment.root.getByText('where the value could lie with other maskings'),
  ).toBeVisible();
  const screenshot = testInfo.outputPath('experiment-sentence.png');
  await experiment.root.screenshot({ path: screenshot });
  await testInfo.attach('experiment-sentence', { path: screenshot, contentType: 'image/png' });
});
