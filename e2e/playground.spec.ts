// The playground end to end, in headless Chromium with WebGPU on SwiftShader: the backend in use,
// masking by mouse and keyboard, agreement with the `exlm predict` CLI, backend switching, links,
// every view by its content, and bad input. Inputs are short: SwiftShader runs shaders on the CPU.
// Tests about the page rather than the GPU start on wasm (WASM), which needs no shader compilation
// for each new input length; the WebGPU tests name it (?backend=webgpu), since "best available"
// leaves a software adapter such as this machine's for the fastest backend
// (backend-choice.spec.ts), and keep to one or two short sentences.
import { execFileSync } from 'node:child_process';

import type { ShownSlot } from './pages/playground-page';
import { expect, test } from './support/fixtures';

const TOLERANCE = 1e-3;
const TOP_K = 5;

interface CliResult {
  model: string;
  masks: { position: number; top: { token: string; prob: number }[]; entropy: number }[];
  fill: { text: string };
}

/** `exlm predict --json` on the same model folder and text, in Node (the wasm/cpu backend). */
function cliPredict(model: string, text: string): CliResult {
  const out = execFileSync(
    'npm',
    [
      'run',
      '--silent',
      'exlm',
      '--',
      'predict',
      '--json',
      '--top-k',
      String(TOP_K),
      '--model',
      `models/${model}`,
      text,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return JSON.parse(out) as CliResult;
}

function expectSameTopK(got: ShownSlot[], want: ShownSlot[], what: string): void {
  expect(got.length, `${what}: number of slots`).toBe(want.length);
  got.forEach((slot, i) => {
    const other = want[i];
    if (other === undefined) return;
    expect(slot.tokens, `${what}: slot ${i + 1} tokens`).toEqual(other.tokens);
    slot.probs.forEach((p, j) => {
      expect(
        Math.abs(p - (other.probs[j] ?? NaN)),
        `${what}: slot ${i + 1} #${j + 1} probability`,
      ).toBeLessThan(TOLERANCE);
    });
  });
}

test('the page loads, runs on WebGPU and shows predictions for the default sentence', async ({
  page,
  playground,
}, testInfo) => {
  // WebGPU on SwiftShader compiles every shader on the CPU, slower still on a busy machine.
  test.slow();
  await playground.open('', 'webgpu');
  await expect(playground.activeBackend).toHaveText('webgpu');
  const summary = await playground.summary();
  expect(summary.exlmPhase).toBe('ready');
  expect(summary.backendNotice).toBeNull();
  const slots = await playground.shownSlots();
  expect(slots).toHaveLength(1);
  expect(slots[0]?.tokens).toHaveLength(TOP_K);
  // Milliseconds, or seconds from one on (SwiftShader takes about that per analysis).
  await expect(page.getByTestId('analysis-ms')).toContainText(/\d+(\.\d)? m?s in the model/);
  await playground.screenshot(testInfo, 'page-default');
});

test('masking by click and by keyboard gives predictions', async ({ page, playground }) => {
  await playground.open('', 'wasm');
  await playground.setText('the cat sat on the mat .');
  await expect(page.getByTestId('message-no-mask')).toBeVisible();

  await playground.chip(1).click();
  await expect(playground.chip(1)).toHaveAttribute('aria-pressed', 'true');
  let slots = await playground.shownSlots();
  expect(slots).toHaveLength(1);
  await expect(playground.predictions.getByTestId('slot').first()).toContainText('was cat');

  // Keyboard only: the chip row is one Tab stop, the chip last used; the arrow keys walk the row,
  // Enter and Space mask.
  await expect(page.locator('button.chip[tabindex="0"]')).toHaveCount(1);
  await playground.editor.focus();
  await page.keyboard.press('Tab');
  await expect(playground.chip(1)).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(playground.chip(5)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(playground.chip(5)).toHaveAttribute('aria-pressed', 'true');
  slots = await playground.shownSlots();
  expect(slots).toHaveLength(2);
  expect((await playground.summary()).modelInput).toBe('the [MASK] sat on the [MASK] .');

  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(playground.chip(1)).toHaveAttribute('aria-pressed', 'false');
  slots = await playground.shownSlots();
  expect(slots).toHaveLength(1);
  // Tab leaves the row at once, whatever its length.
  await page.keyboard.press('Tab');
  await expect(page.locator('button.chip:focus')).toHaveCount(0);

  // A typed [MASK] counts too.
  await playground.setText('the cat sat on the [MASK] .');
  slots = await playground.shownSlots();
  expect(slots).toHaveLength(1);
});

test('the predictions shown equal `exlm predict --json` within 1e-3', async ({
  page,
  playground,
}) => {
  // WebGPU on SwiftShader compiles every shader on the CPU, slower still on a busy machine.
  test.slow();
  await playground.open(
    '#text=the%20cat%20sat%20on%20the%20mat%20.&mask=1,5&views=predictions',
    'webgpu',
  );
  const shown = await playground.shownSlots();
  const { exlmModel, modelInput } = await playground.summary();
  expect(exlmModel).not.toBeNull();
  const cli = cliPredict(exlmModel ?? '', modelInput);
  expect(cli.model).toBe(exlmModel);
  const want = cli.masks.map((m) => ({
    tokens: m.top.map((t) => t.token),
    probs: m.top.map((t) => t.prob),
    entropy: m.entropy,
  }));
  expectSameTopK(shown, want, 'page against CLI');
  shown.forEach((slot, i) => {
    expect(
      Math.abs(slot.entropy - (want[i]?.entropy ?? NaN)),
      `slot ${i + 1} entropy`,
    ).toBeLessThan(TOLERANCE);
  });
  await expect(page.getByTestId('fill')).toContainText(cli.fill.text);
});

test('the shipped model on wasm: the page equals `exlm predict --json`', async ({ playground }) => {
  test.slow();
  await playground.open(
    '#text=she%20went%20to%20the%20store%20to%20buy%20some%20milk%20.&mask=1&views=predictions',
    'wasm',
    null,
  );
  const { exlmModel, modelInput } = await playground.summary();
  expect(exlmModel).toBe('exlm-en-small');
  expect(modelInput).toBe('she [MASK] to the store to buy some milk .');
  const shown = await playground.shownSlots();
  const cli = cliPredict('exlm-en-small', modelInput);
  expectSameTopK(
    shown,
    cli.masks.map((m) => ({
      tokens: m.top.map((t) => t.token),
      probs: m.top.map((t) => t.prob),
      entropy: m.entropy,
    })),
    'shipped model, page against CLI',
  );
});

test('switching the backend to wasm gives the same top-k', async ({ page, playground }) => {
  // WebGPU on SwiftShader compiles every shader on the CPU, slower still on a busy machine.
  test.slow();
  await playground.open(
    '#text=the%20cat%20sat%20on%20the%20mat%20.&mask=1&views=predictions',
    'webgpu',
  );
  await expect(playground.activeBackend).toHaveText('webgpu');
  const onWebGpu = await playground.shownSlots();
  await playground.switchBackend('wasm');
  const onWasm = await playground.shownSlots();
  expectSameTopK(onWasm, onWebGpu, 'wasm against webgpu');
  await expect(page.getByTestId('backend-notice')).toHaveCount(0);
});

test('a link restores text, masks and views; a malformed link falls back and says so', async ({
  page,
  playground,
}) => {
  await playground.open(
    '#text=a%20dog%20ran%20home%20.&mask=1,3&views=predictions,attention',
    'wasm',
  );
  await expect(playground.editor).toHaveValue('a dog ran home .');
  await expect(playground.chip(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(playground.chip(3)).toHaveAttribute('aria-pressed', 'true');
  await expect(playground.chip(2)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('[data-view-toggle=attention]')).toBeChecked();
  await expect(page.locator('[data-view-toggle=dag]')).not.toBeChecked();
  await playground.waitSettled();
  await expect(playground.view('attention')).toBeVisible();
  await expect(playground.view('dag')).toHaveCount(0);
  expect(await playground.shownSlots()).toHaveLength(2);
  // The page writes its state back: the hash names the same text, masks and views.
  expect(new URL(page.url()).hash).toContain('mask=1%2C3');

  await playground.open('#text=two%20words&mask=7,x&views=bogus', 'wasm');
  await expect(page.getByTestId('notice')).toContainText('not a list of word numbers');
  await expect(page.getByTestId('notice')).toContainText('unknown views (bogus)');
  await expect(playground.editor).toHaveValue('two words');
  expect((await playground.summary()).openViews).toEqual([
    'predictions',
    'states',
    'dag',
    'compare',
  ]);
});

test('every view renders its content', async ({ page, playground }, testInfo) => {
  await playground.open(
    '#text=a%20dog%20ran%20home%20.&mask=1,3&views=predictions,states,dag,attention,compare',
    'wasm',
  );
  await playground.waitSettled();
  const result = await playground.store.result();
  const analysis = {
    fill: result.exlm.fill.text,
    topToken: result.exlm.masks[0]?.top[0]?.token ?? '',
    stateTop: result.exlm.stateTop[0]?.[0]?.token ?? '',
    mlmModel: result.mlm?.model ?? null,
    mlmFill: result.mlm?.fill.text ?? null,
  };
  await expect(playground.view('predictions')).toContainText(analysis.fill);
  await expect(playground.view('predictions').locator('.slot__token').first()).toHaveText(
    analysis.topToken,
  );
  await expect(playground.view('states')).toContainText('[MASK]');
  await expect(playground.view('states')).toContainText(analysis.stateTop);
  await expect(playground.view('dag').locator('svg.dag-view__svg')).toBeVisible();
  await expect(playground.view('dag')).toContainText('[SEP]');
  await expect(playground.view('attention')).toContainText('Attention');
  await expect(playground.view('attention').locator('canvas')).toBeVisible();
  expect(analysis.mlmModel, 'the MLM twin ran for Compare').not.toBeNull();
  await expect(page.getByTestId('compare-exlm')).toContainText(analysis.fill);
  await expect(page.getByTestId('compare-mlm')).toContainText(analysis.mlmFill ?? '');
  await expect(page.getByTestId('view-status')).toContainText('parameters');
  for (const id of ['predictions', 'states', 'dag', 'attention', 'compare', 'status'] as const) {
    await playground.screenshot(testInfo, `view-${id}`, playground.view(id));
  }
  await playground.screenshot(testInfo, 'page-all-views');
});

test('bad input is explained in words and markup stays text', async ({ page, playground }) => {
  await playground.open('#views=predictions', 'wasm');
  await playground.setText('');
  await expect(page.getByTestId('message-empty')).toBeVisible();
  await playground.setText('a b');
  await playground.chip(0).click();
  await playground.chip(1).click();
  await expect(page.getByTestId('message-all-masked')).toBeVisible();

  const html = '<img src=x onerror="window.__pwned=1"><b>[MASK]</b>';
  await playground.setText(html);
  await expect(playground.editor).toHaveValue(html);
  await expect(playground.chip(0)).toHaveText('<');
  expect(await page.locator('.app img, .app b').count()).toBe(0);
  await playground.waitSettled();
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();

  // Longer than the fixture's 64 tokens: the end is cut and shown.
  await playground.setText(`${'the cat sat . '.repeat(30)}[MASK] end`);
  await expect(page.getByTestId('message-truncated')).toContainText('tokens');
  await expect(page.getByTestId('message-truncated')).toContainText('end');
});

test('a model that fails to load says what failed, and Retry loads it', async ({
  page,
  playground,
}) => {
  let blocked = true;
  await page.route('**/models/*/weights.json', (route) =>
    blocked ? route.abort() : route.continue(),
  );
  await playground.open('#views=predictions', 'wasm');
  const status = page.getByTestId('status-model-exlm');
  await expect(status).toHaveAttribute('data-phase', 'error');
  await expect(status).toContainText('weights.json');
  // The rest of the page still works: the editor takes input and masks.
  await playground.setText('the cat sat');
  await playground.chip(1).click();
  await expect(playground.chip(1)).toHaveAttribute('aria-pressed', 'true');
  blocked = false;
  await status.getByRole('button', { name: 'Retry' }).click();
  await expect(status).toHaveAttribute('data-phase', 'ready', { timeout: 150_000 });
  expect(await playground.shownSlots()).toHaveLength(1);
});

test('losing the WebGPU device falls back to the next backend and says so', async ({
  page,
  playground,
}) => {
  // WebGPU on SwiftShader compiles every shader on the CPU, slower still on a busy machine.
  test.slow();
  await playground.open('#text=the%20cat%20sat%20.&mask=1&views=predictions', 'webgpu');
  await expect(playground.activeBackend).toHaveText('webgpu');
  await playground.waitSettled();
  const lost = await playground.loseGpuDevice();
  expect(lost).toBe(true);
  await expect(page.getByTestId('backend-notice')).toContainText('WebGPU device was lost', {
    timeout: 150_000,
  });
  const fallback = await playground.activeBackend.textContent();
  expect(['webgl', 'wasm', 'cpu']).toContain(fallback);
  // The page keeps working on the new backend.
  await playground.chip(3).click();
  expect(await playground.shownSlots()).toHaveLength(2);
});
