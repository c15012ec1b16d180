// DEV-ONLY: how long the inside views take to redraw on the main thread, on the demo page's long
// synthetic variant (T = 158 expanded positions, L = 80 states) and the short one. Prints the
// median over a few redraws of: a head change in the attention view (mean over heads + canvas),
// and a DAG threshold change (edge filtering + SVG). Usage, with `npx vite --port 5181` running:
//   npx tsx src/views/shared/demo/measureViews.ts [baseUrl]
import { chromium, type Page } from 'playwright-core';

import { CHROMIUM_PATH, NO_GPU_CHROMIUM_ARGS } from '../../../../scripts/chromium';

const BASE = process.argv[2] ?? 'http://127.0.0.1:5181';
const PAGE = `${BASE}/src/views/shared/demo/demo.html`;
const REPEATS = 7;

/** Milliseconds from a change event on `selector` (value `value`) to the second frame after it,
 *  i.e. React's render, the D3/canvas drawing and one paint. */
function timeChange(page: Page, selector: string, value: string): Promise<number> {
  return page.evaluate(
    ({ selector, value }) =>
      new Promise<number>((resolve) => {
        const element = document.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
        if (!element) throw new Error(`no ${selector} on the page`);
        const setter = Object.getOwnPropertyDescriptor(
          Object.getPrototypeOf(element),
          'value',
        )?.set;
        const started = performance.now();
        setter?.call(element, value);
        element.dispatchEvent(
          new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
        );
        requestAnimationFrame(() =>
          requestAnimationFrame(() => resolve(performance.now() - started)),
        );
      }),
    { selector, value },
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function measure(page: Page, variant: string): Promise<void> {
  await page.goto(`${PAGE}?variant=${variant}`);
  await page.waitForSelector('main[data-ready]');
  const T = await page.evaluate(
    () => document.querySelectorAll('.attention-labels--rows text').length,
  );
  const head: number[] = [];
  const threshold: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    head.push(
      await timeChange(page, '.attention-view select:nth-of-type(2)', i % 2 === 0 ? '1' : 'mean'),
    );
    threshold.push(
      await timeChange(page, '.dag-view input[type=range]', i % 2 === 0 ? '0' : '0.05'),
    );
  }
  const edges = await page.evaluate(() => document.querySelectorAll('path.dag-edge').length);
  console.log(
    `${variant}: attention head change ${median(head).toFixed(1)} ms (${T} row labels shown), ` +
      `DAG threshold 0 <-> 0.05 ${median(threshold).toFixed(1)} ms (${edges} edges at the end)`,
  );
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: NO_GPU_CHROMIUM_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  for (const variant of ['exlm', 'long']) await measure(page, variant);
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
