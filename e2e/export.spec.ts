// Export and share on the built page, with the tiny random fixture models on WASM: every view's
// export menu downloads an SVG that parses with an <svg> root, a PNG at twice its size, and the
// results as JSON (checked against the analysis in the store) and CSV (a row per slot and
// candidate); the copy-link button copies a link that restores the view options in a new page,
// refuses to copy while the text is over the link limit, and falls back to a selected field
// without a clipboard. Nothing trips the Content-Security-Policy along the way.
import { readFile, writeFile } from 'node:fs/promises';

import type { Download, Locator, Page } from '@playwright/test';

import { RESULTS_FORMAT, type ExportedResults } from '../src/views/common/exportResults';
import { PlaygroundPage } from './pages/playground-page';
import { expect, test } from './support/fixtures';

const TEXT = 'the cat sat on the mat';
const LINK = `#text=${encodeURIComponent(TEXT)}&mask=1,5&views=predictions,states,dag,attention,compare`;
const VIEWS = ['predictions', 'states', 'dag', 'attention', 'compare'] as const;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** What the models read: the masked words as [MASK]. */
const MASKED_TEXT = 'the [MASK] sat on the [MASK]';

/** A download's expected name: the view, the sentence and the local time to the minute. */
function fileName(what: string, extension: string): RegExp {
  return new RegExp(
    `^exlm-${what}-the-mask-sat-on-the-mask-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.${extension}$`,
  );
}

/** Every CSP complaint of the page, as console errors (the listener is installed before load). */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|csp-violation/i.test(message.text()))
      violations.push(message.text());
  });
  void page.addInitScript(() => {
    self.addEventListener('securitypolicyviolation', (event) => {
      console.error(`csp-violation ${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

/** Opens a view's export menu, picks `item` and returns the file it downloads. */
async function exportFile(menu: Locator, item: string): Promise<{ name: string; body: Buffer }> {
  const page = menu.page();
  await menu.locator('summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('button', { name: item, exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), body: await readDownload(download) };
}

async function readDownload(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

/** Parses SVG markup in the page: the root's name, the parse error if any, the size. */
async function parseSvg(page: Page, markup: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      root: root.localName,
      namespace: root.namespaceURI,
      error: doc.querySelector('parsererror')?.textContent ?? null,
      width: Number(root.getAttribute('width')),
      texts: doc.querySelectorAll('text').length,
      images: doc.querySelectorAll('image').length,
      gradients: doc.querySelectorAll('linearGradient').length,
      caption: doc.querySelector('.exlm-caption')?.textContent ?? '',
      styleAttributes: doc.querySelectorAll('[style]').length,
    };
  }, markup);
}

/** What the JSON must say, worked out from the store's current analysis and view options. */
async function expectedResults(playground: PlaygroundPage) {
  const { topK, dagThreshold } = await playground.store.linkState();
  const result = await playground.store.result();
  const analyses = result.mlm === null ? [result.exlm] : [result.exlm, result.mlm];
  return {
    topK,
    dagThreshold,
    input: result.exlm.text,
    analyses: analyses.map((a) => {
      const L = a.states.length;
      const onPath = new Set<number>();
      for (let i = 1; i < a.fill.path.length; i++) {
        onPath.add((a.fill.path[i - 1] ?? 0) * L + (a.fill.path[i] ?? 0));
      }
      const anyLink = a.links.some((l) => l > -Infinity);
      let links = 0;
      if (anyLink) {
        a.links.forEach((l, key) => {
          const p = l === -Infinity ? 0 : Math.exp(l);
          if (onPath.has(key) || (p > 0 && p >= dagThreshold - 1e-6)) links += 1;
        });
      }
      return {
        model: a.model,
        architecture: a.architecture,
        tokens: a.tokens,
        slots: a.masks.map((m) => ({
          position: m.position,
          entropy: m.entropy,
          top: m.top.slice(0, topK).map((t) => ({ token: t.token, prob: t.prob })),
        })),
        fill: { text: a.fill.text, path: a.fill.path },
        states: a.stateTop.map((top) => top.slice(0, topK).map((t) => t.token)),
        links,
      };
    }),
  };
}

test('every view exports SVG and PNG; the results export as JSON and CSV', async ({
  page,
  playground,
}, testInfo) => {
  const violations = watchViolations(page);
  await playground.open(LINK, 'wasm');
  await playground.waitSettled();
  await expect(page.locator('.attention-view__canvas')).toBeVisible();
  await expect(page.locator('.dag-node').first()).toBeVisible();

  for (const view of VIEWS) {
    const menu = page.getByTestId(`export-${view}`);
    const svg = await exportFile(menu, 'SVG');
    expect(svg.name, view).toMatch(fileName(view, 'svg'));
    const parsed = await parseSvg(page, svg.body.toString('utf8'));
    expect(parsed, view).toMatchObject({
      root: 'svg',
      namespace: 'http://www.w3.org/2000/svg',
      error: null,
      styleAttributes: 0,
    });
    expect(parsed.texts, `${view}: labels`).toBeGreaterThan(0);
    // The caption says what the figure shows: the sentence, the model, the view's settings.
    expect(parsed.caption, view).toContain(`Sentence: ${MASKED_TEXT}`);
    expect(parsed.caption, view).toContain('Model: tiny-random');
    if (view === 'attention') {
      expect(parsed.images, 'the heatmap as an image').toBe(1);
      expect(parsed.caption).toMatch(/layer: 1 of \d+ · head: mean over \d+ heads/);
      expect(parsed.caption).toContain('m2·c3 is mask 2 · copy 3');
      expect(parsed.gradients, 'the colour scale').toBe(1);
    }
    if (view === 'dag') expect(parsed.caption).toMatch(/threshold: edges below p = 0\.\d\d hidden/);
    if (view === 'predictions') expect(parsed.caption).toContain('top-k: 5');

    const png = await exportFile(menu, 'PNG');
    expect(png.name, view).toMatch(fileName(view, 'png'));
    expect([...png.body.subarray(0, 8)], `${view}: PNG signature`).toEqual(PNG_SIGNATURE);
    expect(png.body.length, view).toBeGreaterThan(1000);
    // IHDR: the width at twice the figure's.
    expect(png.body.readUInt32BE(16), `${view}: PNG width`).toBe(Math.round(parsed.width * 2));
    await expect(menu.getByRole('status')).toHaveText(`Saved ${png.name}.`);
    for (const [file, contentType] of [
      [png, 'image/png'],
      [svg, 'image/svg+xml'],
    ] as const) {
      const path = testInfo.outputPath(file.name);
      await writeFile(path, file.body);
      await testInfo.attach(file.name, { path, contentType });
    }
  }

  const expected = await expectedResults(playground);
  const json = await exportFile(page.getByTestId('export-dag'), 'Results as JSON');
  expect(json.name).toMatch(fileName('results', 'json'));
  const results = JSON.parse(json.body.toString('utf8')) as ExportedResults;
  expect(results).toMatchObject({
    format: RESULTS_FORMAT,
    version: 1,
    input: expected.input,
    topK: expected.topK,
    dagThreshold: expected.dagThreshold,
  });
  expect(results.analyses.map((a) => a.architecture)).toEqual(['exlm', 'mlm']);
  results.analyses.forEach((analysis, i) => {
    const want = expected.analyses[i];
    if (want === undefined) throw new Error(`no analysis ${i} in the store`);
    expect(analysis.model).toBe(want.model);
    expect(analysis.tokens).toEqual(want.tokens);
    expect(analysis.slots.map((s) => s.hiddenWord)).toEqual(['cat', 'mat']);
    expect(
      analysis.slots.map((s) => ({
        position: s.position,
        entropy: s.entropy,
        top: s.top.map((t) => ({ token: t.token, prob: t.prob })),
      })),
    ).toEqual(want.slots);
    expect(analysis.slots.flatMap((s) => s.top.map((t) => t.rank))).toEqual(
      want.slots.flatMap((s) => s.top.map((_, r) => r + 1)),
    );
    expect(analysis.fill.text).toBe(want.fill.text);
    expect(analysis.fill.path).toEqual(want.fill.path);
    expect(analysis.states.map((s) => s.top.map((t) => t.token))).toEqual(want.states);
    expect(analysis.links, `${analysis.model}: links`).toHaveLength(want.links);
  });
  expect(results.analyses[0]?.links.length).toBeGreaterThan(0);

  const csv = await exportFile(page.getByTestId('export-predictions'), 'Results as CSV');
  expect(csv.name).toMatch(fileName('results', 'csv'));
  const allLines = csv.body.toString('utf8').split('\r\n');
  expect(allLines.pop()).toBe('');
  // Leading "#" rows say what the file holds, an empty row ends them, then the table.
  const blank = allLines.indexOf('');
  expect(allLines.slice(0, blank)).toEqual(
    expect.arrayContaining([
      '# ExLM Playground,Predictions: results',
      `# sentence,${MASKED_TEXT}`,
      '# model,tiny-random',
      `# top-k,${expected.topK}`,
      '# bars,out of 100%',
    ]),
  );
  const lines = allLines.slice(blank + 1);
  expect(lines[0]).toBe('slot,position,hidden_word,rank,token,probability,model');
  const rows = expected.analyses.reduce(
    (n, a) => n + a.slots.reduce((m, s) => m + s.top.length, 0),
    0,
  );
  expect(lines).toHaveLength(1 + rows);
  expect(lines[1]).toMatch(/^1,2,cat,1,/);

  await page.getByTestId('export-dag').locator('summary').click();
  await playground.screenshot(testInfo, 'export-menu');
  expect(violations).toEqual([]);
});

test('the copied link restores top-k, threshold, layer and head, lesson step and presentation', async ({
  page,
  context,
  baseURL,
  playground,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(baseURL ?? '').origin,
  });
  await playground.open(
    `#text=${encodeURIComponent(TEXT)}&mask=1,5&views=dag,attention&step=2`,
    'wasm',
  );
  await playground.waitSettled();

  await page.locator('.view-toggles__k').fill('3');
  const slider = page.getByTestId('view-dag').locator('input[type=range]');
  await slider.focus();
  for (let i = 0; i < 25; i++) await slider.press('ArrowRight');
  await expect(slider).toHaveValue('0.3');
  await page.getByLabel('Layer', { exact: true }).selectOption({ label: '2 of 2' });
  await page.getByLabel('Head', { exact: true }).selectOption({ label: 'head 2' });
  await expect(page.locator('.attention-view__canvas')).toHaveAttribute(
    'aria-label',
    /layer 2, head 2,/,
  );
  await page.getByTestId('presentation-toggle').click();
  await expect.poll(async () => (await playground.store.linkState()).presentation).toBe(true);

  // While presenting, the page's controls (the copy-link button among them) fold into one menu.
  await page.getByTestId('presentation-menu').locator('summary').click();
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link-message')).toHaveText('Link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());
  const hash = new URL(link).hash;
  for (const field of ['k=3', 'edges=0.3', 'layer=2', 'head=2', 'step=2', 'present=1']) {
    expect(hash.split('&'), field).toContain(field);
  }

  const second = await context.newPage();
  const opened = new PlaygroundPage(second);
  await second.goto(link);
  await opened.waitSettled();
  const restored = await opened.store.linkState();
  expect(restored).toEqual({
    topK: 3,
    dagThreshold: 0.3,
    attentionLayer: 1,
    attentionHead: 1,
    lessonStep: 1,
    presentation: true,
    text: TEXT,
    masks: [1, 5],
    notices: [],
  });
  await expect(second.locator('.attention-view__canvas')).toHaveAttribute(
    'aria-label',
    /layer 2, head 2,/,
  );
  await expect(second.getByTestId('view-dag').locator('input[type=range]')).toHaveValue('0.3');
  expect(second.url()).toBe(link);
  await opened.screenshot(testInfo, 'restored-from-copied-link');
});

test('no link is copied over the limit; without a clipboard the link is shown selected', async ({
  page,
  context,
  baseURL,
  playground,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(baseURL ?? '').origin,
  });
  await playground.open(`#text=${encodeURIComponent(TEXT)}&mask=1&views=predictions`, 'wasm');
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  await playground.setText('word '.repeat(500));
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link-message')).toContainText('No link copied.');
  await expect(page.getByTestId('copy-link-message')).toContainText('links hold at most 2,000');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('before');

  // A browser without the Clipboard API.
  const bare = await context.newPage();
  await bare.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  });
  const bareGround = new PlaygroundPage(bare);
  await bareGround.open(`#text=${encodeURIComponent(TEXT)}&mask=1&views=predictions&k=2`, 'wasm');
  await bare.getByTestId('copy-link').click();
  await expect(bare.getByTestId('copy-link-message')).toContainText('copy it by hand');
  const field = bare.getByTestId('copy-link-field');
  await expect(field).toHaveValue(bare.url());
  await expect(field).toHaveAttribute('readonly', '');
  await expect(field).toBeFocused();
  const selection = await field.evaluate((input: HTMLInputElement) => [
    input.selectionStart,
    input.selectionEnd,
    input.value.length,
  ]);
  expect(selection[0]).toBe(0);
  expect(selection[1]).toBe(selection[2]);
});
