// npm run bench:page: how fast the playground is in headless Chromium here, per tfjs backend.
// Prints, per backend (webgpu on SwiftShader, wasm, webgl, cpu):
// - cold: navigation start to the first prediction painted, fresh browser profile (nothing cached);
// - warm: the same with the weights and scripts in the HTTP cache (second visit, same profile);
// - analysis: median over --runs analyses of a 24-token sentence with 3 masks (model time in
//   the worker, Analysis.elapsedMs, and round trip from request to result on the page); each run
//   changes top-k and waits for the answer to its own request (checked: no result counted twice);
// - typing: a short sentence typed key by key; the longest main-thread task (Long Tasks API) and
//   the time from the last keystroke to its prediction painted, minus the analysis debounce.
// Then the gzipped size of the built JavaScript and of each model folder.
// Usage: npx vite build --mode e2e && npx vite build && npm run bench:page [-- --backends webgpu,wasm --runs 10]
//        (`npm run bench:page -- --help` lists the options)
// Timings on the e2e build (the production page plus the window hook, src/app/testHook.ts, that this
// script reads), sizes of the production build.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

import { type Page, chromium } from '@playwright/test';
import { preview } from 'vite';

import { ANALYSIS_DEBOUNCE_MS } from '../../src/core/defaults';
import { BACKEND_ORDER, type BackendName } from '../../src/core/backends';
import type { ExlmTestHook } from '../../src/app/testHook';
import { type BenchSentence, MASKS, SENTENCE_TOKENS, benchSentence } from './bench-sentence';
import { CHROMIUM_PATH, WEBGPU_CHROMIUM_ARGS } from '../chromium';
import { integer, listOf, option, readOptions } from './args';
import { median } from '../../src/core/stats';

const ROOT = resolve(import.meta.dirname, '../..');
const PORT = 4275;
const BASE = `http://127.0.0.1:${PORT}`;
const WARMUP_RUNS = 2;
const TYPED_TEXT = 'the dog sat on the [MASK] .';

const OPTIONS = {
  backends: listOf(BACKEND_ORDER, 'the tfjs backends to measure', [
    'webgpu',
    'wasm',
    'webgl',
    'cpu',
  ]),
  runs: integer('timed analyses per backend', 10, 1),
  dist: option(
    'DIR',
    'the page built by `vite build --mode e2e` (it has the window hook the script reads)',
    join(ROOT, 'dist-e2e'),
    resolve,
    'dist-e2e',
  ),
};

// Records, in the page, when the first prediction is painted: the first animation frame after a
// slot card is in the DOM. Runs before any page script. A string, not a function: tsx wraps named
// inner functions in a `__name` helper that does not exist in the page.
const RECORD_FIRST_PAINT = `
  (() => {
    const check = () => {
      if (document.querySelector('[data-testid=slot]') !== null) {
        requestAnimationFrame(() => { window.__firstPredictionMs = performance.now(); });
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();
`;

/** Navigates `page` to the playground on `backend`; time to the first prediction painted. */
async function firstPredictionMs(
  page: Page,
  backend: BackendName,
): Promise<{ ms: number; used: string }> {
  // Through about:blank, so that each measurement is a full page load.
  await page.goto('about:blank');
  await page.goto(`${BASE}/?backend=${backend}`);
  await page.waitForFunction(
    () => (window as unknown as { __firstPredictionMs?: number }).__firstPredictionMs !== undefined,
    null,
    { timeout: 300_000 },
  );
  const ms = await page.evaluate(
    () => (window as unknown as { __firstPredictionMs: number }).__firstPredictionMs,
  );
  const used = await page.evaluate(() => window.__exlm?.getState().activeBackend ?? 'none');
  return { ms, used };
}

interface TimedResult {
  seq: number;
  model: number;
  roundTrip: number;
  tokens: number;
}

/**
 * Applies `change` (a store update that changes the analysis plan) and waits for the answer to
 * the analysis it starts: a result numbered after every request made before the change, for the
 * current text, with `topK` candidates per state. `settled()` alone is not enough: it is already
 * true for the previous result during the debounce, before the new request exists.
 */
async function nextResult(
  page: Page,
  change: { text?: string; masks?: number[]; topK: number },
): Promise<TimedResult> {
  const before = await page.evaluate((c) => {
    const hook = window.__exlm;
    if (hook === undefined) throw new Error('the page has no test hook');
    const state = hook.getState();
    const seq = state.requestSeq;
    if (c.text !== undefined) state.setDocument(c.text, c.masks ?? []);
    state.setTopK(c.topK);
    return seq;
  }, change);
  await page.waitForFunction(
    ({ seq, topK }) => {
      const hook = window.__exlm;
      const result = hook?.getState().results;
      return (
        hook?.settled() === true &&
        result !== null &&
        result !== undefined &&
        result.seq > seq &&
        result.exlm.stateTop[0]?.length === topK
      );
    },
    { seq: before, topK: change.topK },
    { timeout: 300_000 },
  );
  return page.evaluate(() => {
    const result = window.__exlm?.getState().results;
    if (result === null || result === undefined) throw new Error('no result');
    return {
      seq: result.seq,
      model: result.exlm.elapsedMs,
      roundTrip: result.roundTripMs,
      tokens: result.exlm.tokens.length,
    };
  });
}

async function analysisMedians(page: Page, sentence: BenchSentence, runs: number) {
  const model: number[] = [];
  const roundTrip: number[] = [];
  const seqs: number[] = [];
  let tokens = 0;
  // Every run changes the plan (top-k alternates between two values that differ from the page's
  // current one), so the page analyses the same sentence again; the first also sets the text.
  const current = await page.evaluate(() => window.__exlm?.getState().topK ?? 0);
  const [kA, kB] = current === 5 ? [6, 5] : [5, 6];
  for (let i = 0; i < WARMUP_RUNS + runs; i++) {
    const topK = i % 2 === 0 ? kA : kB;
    const times = await nextResult(
      page,
      i === 0 ? { text: sentence.text, masks: sentence.masks, topK } : { topK },
    );
    tokens = times.tokens;
    if (i >= WARMUP_RUNS) {
      seqs.push(times.seq);
      model.push(times.model);
      roundTrip.push(times.roundTrip);
    }
  }
  if (new Set(seqs).size !== seqs.length) {
    throw new Error(`analysis runs read the same result twice (seqs ${seqs.join(', ')})`);
  }
  return { model: median(model), roundTrip: median(roundTrip), tokens, seqs };
}

// Installed in the page before typing (a string for the same reason as RECORD_FIRST_PAINT):
// records long tasks, the time of the last keydown, and the first animation frame after it in
// which the views show the result for the text in the editor.
const RECORD_TYPING = `
  (() => {
    const w = window;
    w.__typing = { longTasks: [], lastKey: 0, paintedAt: 0 };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__typing.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    document.addEventListener('keydown', () => {
      w.__typing.lastKey = performance.now();
      w.__typing.paintedAt = 0;
    }, true);
    const frame = () => {
      const t = w.__typing;
      if (t.lastKey > 0 && t.paintedAt === 0 && w.__exlm && w.__exlm.settled()) t.paintedAt = performance.now();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })();
`;

interface TypingRecord {
  longTasks: number[];
  lastKey: number;
  paintedAt: number;
}

/** Types TYPED_TEXT key by key; longest main-thread task and last keystroke -> painted. */
async function typingTimes(page: Page): Promise<{ longestTaskMs: number; keyToPaintMs: number }> {
  const editor = page.getByTestId('editor-text');
  await editor.fill('');
  await page.evaluate(RECORD_TYPING);
  await editor.pressSequentially(TYPED_TEXT, { delay: 60 });
  await page.waitForFunction(
    () => (window as unknown as { __typing: TypingRecord }).__typing.paintedAt > 0,
    null,
    { timeout: 300_000 },
  );
  const record = await page.evaluate(
    () => (window as unknown as { __typing: TypingRecord }).__typing,
  );
  return {
    longestTaskMs: Math.max(0, ...record.longTasks),
    keyToPaintMs: record.paintedAt - record.lastKey - ANALYSIS_DEBOUNCE_MS,
  };
}

function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Sizes of the production build (dist/, `npx vite build`): what visitors download, without the
 *  e2e build's harness page and window hook. */
function printSizes(dist: string): void {
  if (!existsSync(join(dist, 'index.html'))) {
    console.log(
      `\nBuilt JavaScript: ${dist}/index.html is missing (run \`npx vite build\` for the sizes).`,
    );
    return;
  }
  const js = filesUnder(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = js.filter((f) => html.includes(f.slice(f.lastIndexOf('/') + 1)));
  const total = js.reduce((sum, f) => sum + gzipSize(f), 0);
  const initial = entry.reduce((sum, f) => sum + gzipSize(f), 0);
  console.log('\nBuilt JavaScript (gzip -9):');
  console.log(
    `  loaded by index.html: ${(initial / 1024).toFixed(1)} KiB; all chunks (worker, lazy backends): ${(total / 1024).toFixed(1)} KiB`,
  );
  for (const f of js.sort((a, b) => gzipSize(b) - gzipSize(a)).slice(0, 8)) {
    console.log(
      `    ${f.slice(f.lastIndexOf('/') + 1).padEnd(40)} ${(gzipSize(f) / 1024).toFixed(1).padStart(8)} KiB`,
    );
  }
  console.log('Models (raw / gzip -9):');
  for (const name of readdirSync(join(ROOT, 'models'))) {
    const dir = join(ROOT, 'models', name);
    if (!statSync(dir).isDirectory()) continue;
    const files = filesUnder(dir);
    const raw = files.reduce((sum, f) => sum + statSync(f).size, 0);
    const gz = files.reduce((sum, f) => sum + gzipSize(f), 0);
    console.log(
      `  ${name.padEnd(20)} ${(raw / 1024).toFixed(0).padStart(8)} KiB / ${(gz / 1024).toFixed(0).padStart(8)} KiB`,
    );
  }
}

async function main(): Promise<void> {
  const { values: args } = readOptions({ name: 'bench:page' }, OPTIONS);
  if (!existsSync(join(args.dist, 'index.html'))) {
    throw new Error(`${args.dist}/index.html is missing: run \`npx vite build --mode e2e\` first.`);
  }
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
    build: { outDir: args.dist },
  });
  const rows: string[][] = [];
  try {
    for (const backend of args.backends) {
      const profile = mkdtempSync(join(tmpdir(), 'exlm-bench-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: WEBGPU_CHROMIUM_ARGS,
      });
      try {
        // The profile's first page: headless Chromium does not run animation frames for pages
        // opened behind it, and the paint time is taken in an animation frame.
        const page = context.pages()[0] ?? (await context.newPage());
        await page.addInitScript(RECORD_FIRST_PAINT);
        console.log(`${backend}: cold load`);
        const cold = await firstPredictionMs(page, backend);
        console.log(`${backend}: warm load`);
        const warm = await firstPredictionMs(page, backend);
        const model = await page.evaluate(() => window.__exlm?.getState().modelNames.exlm ?? '');
        console.log(`${backend}: ${args.runs} analyses`);
        const analysis = await analysisMedians(
          page,
          benchSentence(join(ROOT, 'models', model)),
          args.runs,
        );
        console.log(
          `${backend}: medians over ${analysis.seqs.length} distinct results (seq ${analysis.seqs[0]}..${analysis.seqs[analysis.seqs.length - 1]})`,
        );
        console.log(`${backend}: typing`);
        const typing = await typingTimes(page);
        rows.push([
          backend,
          warm.used,
          model,
          cold.ms.toFixed(0),
          warm.ms.toFixed(0),
          `${analysis.model.toFixed(1)} (${analysis.tokens} tok)`,
          analysis.roundTrip.toFixed(1),
          typing.keyToPaintMs.toFixed(0),
          typing.longestTaskMs.toFixed(0),
        ]);
        console.log(`done: ${backend}`);
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
  const header = [
    'backend',
    'in use',
    'model',
    'cold ms',
    'warm ms',
    'analysis ms (median)',
    'round trip ms',
    'key->paint ms',
    'longest task ms',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  console.log(
    `\nFirst prediction painted (cold: empty cache; warm: cached), ${SENTENCE_TOKENS}-token sentence with ${MASKS} masks, ${args.runs} runs:`,
  );
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    `key->paint: last keystroke to prediction painted, minus the ${ANALYSIS_DEBOUNCE_MS} ms debounce.`,
  );
  printSizes(join(ROOT, 'dist'));
}

// Declared for page.evaluate callbacks above (the page installs it: src/app/testHook.ts).
export type { ExlmTestHook };

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
