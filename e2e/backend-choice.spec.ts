// "Best available" on this machine's software WebGPU adapter (Chromium's SwiftShader, the flags in
// scripts/chromium.ts): the page must not stay on the slowest backend. It tells the adapter is
// software, times WebAssembly and WebGL on the loaded model, runs on the fastest and says so in one
// line of the status view; a backend the user names is kept as it is. The timings are the page's
// own, read from the store; which backend wins is what the test checks, never how fast it is.
import { expect, test } from './support/fixtures';

const HASH = '#text=the%20cat%20sat%20on%20the%20mat%20.&mask=1&views=predictions';

test('"best available" on a software WebGPU adapter times the backends and keeps the fastest', async ({
  page,
  playground,
}, testInfo) => {
  test.slow();
  await page.setViewportSize({ width: 800, height: 600 });
  await playground.open(HASH);
  const choice = await playground.settledBackendChoice();

  expect(choice.by).toBe('timing');
  expect(choice.skipped).toEqual([
    { backend: 'webgpu', reason: 'software', adapter: 'SwiftShader' },
  ]);
  const timed = choice.timings.flatMap((t) => ('error' in t ? [] : [t]));
  expect(timed.map((t) => t.backend).sort()).toEqual(['wasm', 'webgl']);
  for (const timing of timed) expect(timing.runsMs).toHaveLength(3);
  const fastest = [...timed].sort((a, b) => a.ms - b.ms)[0]!;
  const summary = timed.map((t) => `${t.backend} ${t.ms.toFixed(1)} ms`).join(', ');
  console.log(`backend-choice: ${summary}; chosen ${choice.backend}`);
  testInfo.annotations.push({ type: 'timings', description: summary });
  expect(choice.backend).toBe(fastest.backend);
  // WebAssembly beats SwiftShader's WebGL by an order of magnitude on this model.
  expect(choice.backend).toBe('wasm');

  await expect(playground.activeBackend).toHaveText('wasm');
  await expect(playground.backendChoice).toContainText('Fastest: WebAssembly');
  await expect(playground.backendChoice).toContainText('WebGL');
  await expect(playground.backendChoice).toContainText('WebGPU not timed (software: SwiftShader)');
  // One line of text at 800 px: a range over the text has one box per line.
  const lines = await playground.backendChoice.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });
  expect(lines).toBe(1);
  expect((await playground.shownSlots()).length).toBe(1);
  await playground.screenshot(testInfo, 'status-best-available', playground.view('status'));

  // The user's own choice is kept, and the line goes; back to "best available", the page returns
  // to the timed choice without timing again.
  await playground.switchBackend('webgl');
  await expect(playground.backendChoice).toHaveCount(0);
  await playground.chooseBestAvailable();
  await expect(playground.activeBackend).toHaveText('wasm');
  await expect(playground.backendChoice).toHaveAttribute('data-phase', 'chosen');
  expect(await playground.settledBackendChoice()).toEqual(choice);
});

test('WebGPU named in the address is kept on a software adapter, without timing', async ({
  playground,
}) => {
  test.slow();
  await playground.open(HASH, 'webgpu');
  await expect(playground.activeBackend).toHaveText('webgpu');
  await playground.waitSettled();
  await expect(playground.backendChoice).toHaveCount(0);
  expect((await playground.summary()).backendNotice).toBeNull();
  expect(await playground.store.autoBackend()).toBeNull();
});
