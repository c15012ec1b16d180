// The model's own WebGPU kernels (src/runtime/kernels/webgpu) in headless Chromium on SwiftShader:
// each against the composite of tfjs kernels it replaces, on small random inputs, and ExlmModel
// with them registered on the PyTorch golden outputs of the tiny fixtures, within the tolerances of
// their wasm twins (src/runtime/kernels/*.test.ts, golden-wasm.test.ts). Fails if any kernel drifts.
import type { Page } from '@playwright/test';

import type { GoldenRun, KernelComparison } from './webgpu-kernels/protocol';
import { expect, test } from './support/fixtures';
import { maxAbsDiff, readGolden } from './support/golden';

/** The wasm kernels' tolerances: against the composite, and against PyTorch. */
const KERNEL_TOLERANCE = 1e-5;
const GOLDEN_TOLERANCE = 1e-4;

async function openCheck(page: Page): Promise<void> {
  await page.goto('/e2e/webgpu-kernels/index.html');
  await expect(page.locator('#status')).toHaveText('ready');
  const started = await page.evaluate(() => window.webgpuKernels!.start());
  expect(started, 'tfjs could not start webgpu: check the WebGPU flags').toBe(true);
}

const ONE_KERNEL: Record<string, { kernel: string; dispatches: number }> = {
  ExlmNormalize: { kernel: 'ExlmNormalize', dispatches: 1 },
  ExlmScaledGelu: { kernel: 'ExlmScaledGelu', dispatches: 1 },
  ExlmLogSoftmax: { kernel: 'ExlmLogSoftmax', dispatches: 1 },
  ExlmAttention: { kernel: 'ExlmAttention', dispatches: 2 },
};

test('each WebGPU kernel matches the composite it replaces, in fewer dispatches', async ({
  page,
}) => {
  await openCheck(page);
  const results: KernelComparison[] = await page.evaluate(() =>
    window.webgpuKernels!.compareKernels(),
  );
  expect(results.map((r) => r.name)).toEqual([
    'ExlmNormalize',
    'ExlmScaledGelu',
    'ExlmLogSoftmax',
    'ExlmAttention',
    'ExlmAttention with a key mask',
    'ExlmAttention over 70 keys',
  ]);
  for (const r of results) {
    const want = ONE_KERNEL[r.name.split(' ')[0]!]!;
    console.log(
      `webgpu-kernels: ${r.name}: ${r.dispatches} dispatch(es) against ${r.compositeDispatches} ` +
        `(${r.compositeKernels.length} kernels); max |difference| ${r.difference.toExponential(2)}`,
    );
    expect(r.kernels, r.name).toEqual([want.kernel]);
    expect(r.compositeKernels, r.name).not.toContain(want.kernel);
    expect(r.dispatches, r.name).toBe(want.dispatches);
    expect(r.compositeDispatches, r.name).toBeGreaterThan(want.dispatches);
    // The GELU grows with |z|: relative to |composite| (at least 1), as its wasm test holds it.
    const error = r.name === 'ExlmScaledGelu' ? r.relativeDifference : r.difference;
    expect(error, `${r.name}: max |kernel - composite|`).toBeLessThan(KERNEL_TOLERANCE);
  }
});

for (const model of ['tiny-random', 'tiny-random-mlm'])
  for (const padToBucket of [false, true])
    test(`${model} with the WebGPU kernels matches the golden outputs, padded: ${padToBucket}`, async ({
      page,
    }) => {
      const golden = readGolden(model);
      await openCheck(page);
      const run: GoldenRun = await page.evaluate(
        ({ model, texts, padToBucket }) => window.webgpuKernels!.golden(model, texts, padToBucket),
        { model, texts: golden.cases.map((c) => c.text), padToBucket },
      );
      expect(run.backend).toBe('webgpu');
      console.log(
        `webgpu-kernels: ${model} (padded: ${padToBucket}): ${run.dispatches} dispatches per ` +
          `forward pass with the kernels, ${run.compositeDispatches} with the composites`,
      );
      const names = new Set(run.kernels);
      for (const kernel of ['ExlmNormalize', 'ExlmScaledGelu', 'ExlmAttention', 'ExlmLogSoftmax'])
        expect(names, `the forward pass runs ${kernel}`).toContain(kernel);
      for (const composite of ['Erf', 'Rsqrt', 'Softmax', 'Log'])
        expect(names, `the forward pass runs no ${composite}`).not.toContain(composite);
      expect(run.dispatches).toBeLessThan(run.compositeDispatches);

      golden.cases.forEach((want, i) => {
        const got = run.cases[i]!;
        const errors: Record<string, number> = {
          hidden: maxAbsDiff(got.hidden, want.hidden),
          stateLogProbs: maxAbsDiff(got.stateLogProbs, want.state_logprobs),
          links: maxAbsDiff(got.links, want.links),
          attention: maxAbsDiff(got.attention[want.attention_layer] ?? [], want.attention),
          marginals: maxAbsDiff(got.marginals, want.marginals),
          analysisLinks: maxAbsDiff(got.analysisLinks, want.links),
        };
        for (const [output, error] of Object.entries(errors))
          expect(error, `${want.name}: ${output} max |error|`).toBeLessThan(GOLDEN_TOLERANCE);
        expect(got.fillIds, `${want.name}: fill ids`).toEqual(want.fill_ids);
        expect(got.fillText, `${want.name}: fill text`).toBe(want.fill_text);
      });
    });
