// DEV-ONLY: screenshots of the demo page for checking the inside views by eye.
// Usage: npx vite --port 5181 (in another shell), then
//   npx tsx src/views/shared/demo/screenshot.ts [baseUrl] [outDir]
// Uses the system Chromium headless (never downloads a browser). Besides the plain views it
// hovers a state, clicks a DAG node and points at an attention cell, and reports console errors.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

import { CHROMIUM_PATH, NO_GPU_CHROMIUM_ARGS } from '../../../../scripts/chromium';

const BASE = process.argv[2] ?? 'http://127.0.0.1:5181';
const OUT = process.argv[3] ?? '/tmp/views-shots';
const PAGE = `${BASE}/src/views/shared/demo/demo.html`;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: NO_GPU_CHROMIUM_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });

  /** `source` is a demo variant name, or `model=<folder>` for a real analysis. */
  const shoot = async (source: string, views: string, name: string, act?: () => Promise<void>) => {
    const query = source.startsWith('model=') ? source : `variant=${source}`;
    await page.goto(`${PAGE}?${query}&views=${views}`);
    await page.waitForSelector('main[data-ready]', { timeout: 60_000 });
    if (act) await act();
    await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
    console.log(`${name}.png`);
  };

  await shoot('exlm', 'states', 'states-exlm', async () => {
    await page.hover('.states-card[data-state="9"]');
  });
  await shoot('mlm', 'states', 'states-mlm');
  await shoot('exlm', 'dag', 'dag-exlm', async () => {
    await page.click('.dag-node[data-state="6"]');
    await page.hover('.dag-node[data-state="10"]');
  });
  await shoot('mlm', 'dag', 'dag-mlm');
  await shoot('exlm', 'attention', 'attention-exlm', async () => {
    const canvas = page.locator('.attention-view__canvas');
    const box = await canvas.boundingBox();
    if (box) await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.3);
  });
  await shoot('long', 'attention', 'attention-long');
  await shoot('long', 'dag', 'dag-long');
  await shoot('no-attention', 'attention', 'attention-empty');
  await shoot('model=tiny-random', 'states,dag,attention', 'real-exlm');
  await shoot('model=tiny-random-mlm', 'states,dag,attention', 'real-mlm');
  await browser.close();
  console.log(errors.length ? errors.join('\n') : 'no console errors');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
