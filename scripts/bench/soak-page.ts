// npm run soak:page: hundreds of analyses in the built page, in headless Chromium, per backend.
// Drives the page through its store (window.__exlm) with varied texts, top-k and open views, waits
// for each result, and prints at intervals: the worker's tensor count and JS heap, the page's JS
// heap and DOM size, and the RSS of the whole browser. On WebGPU the device is lost halfway (as a
// driver reset would) and the run goes on on the fallback backend. Exits 1 unless all stay flat.
// Usage: npx vite build --mode e2e && npm run soak:page [-- --backends wasm,webgpu --count 500 --every 50
//        --model exlm-en-small --dist dist-e2e]   (the e2e build: the production page plus the window
//        hook of src/app/testHook.ts that this script reads)   (`npm run soak:page -- --help` lists the options)
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { type Page, chromium } from '@playwright/test';
import { preview } from 'vite';

import { BACKEND_ORDER, type BackendName } from '../../src/core/backends';
// The window.__exlm test hook's type (a global declaration).
import type {} from '../../src/app/testHook';
import { CHROMIUM_PATH, WEBGPU_CHROMIUM_ARGS } from '../chromium';
import { integer, listOf, option, readOptions, text } from './args';
import { type SoakSample, flatVerdict, formatSamples, soakInputs } from './soak';

const ROOT = resolve(import.meta.dirname, '../..');
const PORT = Number(process.env.SOAK_PORT ?? 4277);
const MB = 1024 * 1024;

const { values } = readOptions(
  { name: 'soak:page' },
  {
    backends: listOf(BACKEND_ORDER, 'the tfjs backends to soak', ['wasm', 'webgpu']),
    count: integer('analyses per backend', 500, 2),
    every: integer('analyses between samples', 50, 1),
    model: text('NAME', 'the model folder under models/', 'exlm-en-small'),
    dist: option(
      'DIR',
      'the page built by `vite build --mode e2e` (it has the window hook the script reads)',
      join(ROOT, 'dist-e2e'),
      resolve,
      'dist-e2e',
    ),
  },
);
const { backends, count, every, model, dist } = values;

/** Resident memory of `pid` and all its descendants (the browser, GPU and renderer processes). */
function treeRssMB(pid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (after the parenthesised name, which may hold spaces) is the parent pid.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const inTree = (p: number): boolean => {
    for (let q: number | undefined = p; q !== undefined && q > 1; q = parents.get(q)) {
      if (q === pid) return true;
    }
    return false;
  };
  let kb = 0;
  for (const p of parents.keys()) {
    if (!inTree(p)) continue;
    try {
      const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      kb += Number(match?.[1] ?? 0);
    } catch {
      // Gone already.
    }
  }
  return kb / 1024;
}

/** Sets the document and options, then waits for the page to show the new result. */
async function analyseOnce(
  page: Page,
  input: { text: string; topK: number; attention: boolean },
): Promise<void> {
  const before = await page.evaluate(() => window.__exlm?.getState().requestSeq ?? 0);
  await page.evaluate((next) => {
    const s = window.__exlm?.getState();
    if (s === undefined) throw new Error('the page has no test hook');
    s.setDocument(next.text, []);
    // The same text and options as before would not start an analysis: nudge top-k then.
    const sameAsBefore =
      s.results !== null && s.results.input === next.text && s.topK === next.topK;
    s.setTopK(sameAsBefore ? (next.topK % 10) + 1 : next.topK);
    const views = s.openViews.filter((v) => v !== 'attention');
    s.setOpenViews(next.attention ? [...views, 'attention'] : views);
  }, input);
  await page.waitForFunction(
    (seq) => {
      const hook = window.__exlm;
      const s = hook?.getState();
      return s !== undefined && s.requestSeq > seq && hook?.settled() === true;
    },
    before,
    { timeout: 300_000 },
  );
}

async function sampleOf(
  page: Page,
  pid: number,
  analyses: number,
  ms: number,
): Promise<SoakSample> {
  const worker = await page.evaluate(() => window.__exlm?.controller.runtimeStats());
  if (worker === undefined) throw new Error('no runtime stats');
  const pageHeap = await page.evaluate(
    () => (performance as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  return {
    analyses,
    numTensors: worker.numTensors,
    numBytes: worker.numBytes,
    // The worker's heap and the page's, together: both hold the session's objects.
    heapMB: ((worker.jsHeapBytes ?? 0) + pageHeap) / MB,
    rssMB: treeRssMB(pid),
    msPerAnalysis: ms,
  };
}

async function soakBackend(backend: BackendName): Promise<boolean> {
  // launchServer, not launch: only a browser server tells its process id (for the RSS).
  const browserServer = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // The heap sizes are only precise with this flag (otherwise quantised and delayed).
    args: [...WEBGPU_CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
  const pid = browserServer.process().pid ?? 0;
  const browser = await chromium.connect(browserServer.wsEndpoint());
  try {
    const page = await browser.newPage();
    await page.goto(
      `http://127.0.0.1:${PORT}/?backend=${backend}#model=${model}&views=predictions,states,dag`,
    );
    await page.waitForFunction(() => window.__exlm?.settled() === true, null, {
      timeout: 300_000,
    });
    const used = await page.evaluate(() => window.__exlm?.getState().activeBackend);
    console.log(`\n${backend} (running on ${used}), model ${model}: ${count} analyses`);
    console.log(formatSamples([]));
    const inputs = soakInputs(count, 11);
    const samples: SoakSample[] = [];
    let mark = performance.now();
    let lostAt: number | null = null;
    for (let i = 0; i < count; i++) {
      if (backend === 'webgpu' && i === Math.floor(count / 2)) {
        const lost = await page.evaluate(() => window.__exlm?.controller.loseGpuDevice());
        await page.waitForFunction(
          () => window.__exlm?.getState().activeBackend !== 'webgpu',
          null,
          { timeout: 300_000 },
        );
        lostAt = i;
        const now = await page.evaluate(() => window.__exlm?.getState().activeBackend);
        console.log(`  device lost after ${i} analyses (${String(lost)}): now on ${now}`);
      }
      await analyseOnce(page, inputs[i]!);
      if ((i + 1) % every === 0) {
        const now = performance.now();
        samples.push(await sampleOf(page, pid, i + 1, (now - mark) / every));
        mark = performance.now();
        console.log(formatSamples(samples).split('\n').at(-1));
      }
    }
    // The comparison starts after the device loss: the fallback backend starts its own pools.
    const compared =
      lostAt === null ? samples : samples.filter((s) => s.analyses > lostAt! + every);
    const verdict = flatVerdict(compared, 64);
    for (const line of verdict.lines) console.log(`  ${line}`);
    const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
    console.log(`  DOM elements at the end: ${dom}`);
    console.log(
      JSON.stringify({
        soak: 'page',
        backend,
        model,
        analyses: count,
        flat: verdict.flat,
        samples,
      }),
    );
    return verdict.flat;
  } finally {
    await browser.close();
    await browserServer.close();
  }
}

const server = await preview({
  root: ROOT,
  logLevel: 'warn',
  preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
  build: { outDir: dist },
});
let allFlat = true;
try {
  for (const backend of backends) allFlat = (await soakBackend(backend)) && allFlat;
} finally {
  await new Promise<void>((done) => server.httpServer.close(() => done()));
}
process.exit(allFlat ? 0 : 1);
