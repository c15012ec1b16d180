// npm run bench:peer: our model runtime (src/model on tfjs) against onnxruntime-web on the same
// weights, side by side, in one headless Chromium (scripts/chromium.ts flags).
//
// The same model folder, exported to ONNX by training/export_onnx.py (run here when
// data/onnx/<name>.onnx is missing or was made from other weights or another input), and the same
// input: the bench:page sentence (24 tokens, 3 masks: T = 39 expanded tokens, L = 20 states with
// k = 4). Both runtimes run on one WebAssembly thread (the page is not cross-origin isolated, and
// the playground runs tfjs-backend-wasm without threads anyway). Prints:
// - forward pass (input -> log P_u [L, V] and links [L, L] read back), per backend (wasm, and
//   WebGPU when the browser has it: here SwiftShader, the GPU emulated on the CPU): median of
//   --runs runs after warm-up, the two runtimes interleaved run by run;
// - start (wasm): from nothing to the first outputs (backend or session start, model files fetched,
//   weights or session built, first forward pass), cold (empty HTTP cache) and warm-cache (the
//   same again: files from the HTTP cache), each runtime in a fresh browser context of its own,
//   median of --starts;
// - whether both compute the same: max |difference| of their outputs, with each other and with the
//   PyTorch reference (training/model.py) that the export wrote next to the .onnx file; the -Infinity
//   entries of the links (no edge) must match exactly. Exits 1 when they disagree.
// Then one JSON line (ratio = tfjs_wasm_ms / ort_wasm_ms; cold_ms and warm_cache_ms are ours):
// {"tfjs_wasm_ms", "ort_wasm_ms", "ratio", "tfjs_webgpu_ms", "ort_webgpu_ms", "cold_ms",
//  "warm_cache_ms", "ort_cold_ms", "ort_warm_cache_ms", ...}.
// --profile adds, per backend, an op-by-op profile of a few forward passes after the timed ones:
// tfjs' kernels (tf.profile) and, on wasm, onnxruntime-web's nodes (its session profile, which
// its WebAssembly prints at endProfiling), grouped into op kinds both have (bench-peer/profile.ts),
// count and ms per pass side by side on stderr; in the JSON line "profile", "kernels" (tfjs
// kernels per pass) and "dispatches" (tfjs' WebGPU compute dispatches per pass; null on wasm).
// Both profilers time with performance.now(), which a page that is not cross-origin isolated gets
// in 100-microsecond steps (with jitter): a node's time is right only on average over many.
//
// Builds nothing: a Vite dev server of its own serves the page in scripts/bench/bench-peer/ (never
// part of the playground's build), the model folder, the .onnx file and both runtimes' .wasm files.
// Usage: npm run bench:peer [-- --model exlm-en-small --runs 30 --warmup 5 --starts 3
//   --backends wasm,webgpu]   (`npm run bench:peer -- --help` lists the options)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

import { type BrowserContext, type Page, chromium } from '@playwright/test';
import { type Connect, createServer } from 'vite';

import { expand } from '../../src/model/expand';
import { SENTENCE_TOKENS, benchSentence } from './bench-sentence';
import type {
  PeerBackend,
  PeerInfo,
  PeerOutputs,
  PeerProfile,
  PeerRuntime,
  PeerSpec,
} from './bench-peer/protocol';
import { CHROMIUM_PATH, WEBGPU_CHROMIUM_ARGS } from '../chromium';
import { type OptionValues, flag, integer, listOf, readOptions, text } from './args';
import { type GroupTiming, groupTimings } from './bench-peer/profile';
import { median } from '../../src/core/stats';

const ROOT = resolve(import.meta.dirname, '../..');
const PORT = 4276;
const BASE = `http://127.0.0.1:${PORT}`;
const MIN_RUNS = 30;
const SETTLE_MS = 2000;
/** Largest |difference| accepted between the runtimes and the reference, per backend. */
const TOLERANCE: Record<PeerBackend, number> = { wasm: 1e-3, webgpu: 1e-2 };
const RUNTIMES: PeerRuntime[] = ['tfjs', 'ort'];
const BACKENDS: readonly PeerBackend[] = ['wasm', 'webgpu'];
/** Forward passes profiled per runtime (--profile), averaged. */
const PROFILE_PASSES = 5;

const OPTIONS = {
  model: text(
    'NAME',
    'the model folder under models/',
    existsSync(join(ROOT, 'models', 'exlm-en-small', 'config.json'))
      ? 'exlm-en-small'
      : 'tiny-random',
  ),
  runs: integer('timed forward passes per runtime and backend', MIN_RUNS, MIN_RUNS),
  warmup: integer('untimed forward passes before them', 5, 1),
  starts: integer('cold and warm-cache starts of each runtime (medians reported)', 3, 1),
  backends: listOf(BACKENDS, 'the backends of the forward pass (wasm always runs)', BACKENDS),
  profile: flag(
    `also profile ${PROFILE_PASSES} forward passes op by op after the timed ones (tf.profile; ` +
      "onnxruntime-web's session profile on wasm): a table of op kinds on stderr, `profile`, " +
      '`kernels` and `dispatches` in the JSON line',
  ),
};
type Args = OptionValues<typeof OPTIONS>;

function readArgs(): Args {
  const { values: args } = readOptions({ name: 'bench:peer' }, OPTIONS);
  // The ratio and the starts are taken on wasm: it runs whichever backends are asked for.
  const backends = args.backends.includes('wasm')
    ? args.backends
    : ['wasm' as const, ...args.backends];
  return { ...args, backends };
}

// ---------------------------------------------------------------------------------------------
// The ONNX export and its reference outputs

interface Reference {
  model: string;
  model_digest: string;
  ids: number[];
  tokens: number[];
  pos1: number[];
  pos2: number[];
  states: number[];
  vocab_size: number;
  /** L*V and L*L, row-major; null stands for -Infinity. */
  log_probs: (number | null)[];
  links: (number | null)[] | null;
}

/** training/export_onnx.py's model_digest: sha256 over config.json, weights.json, the shards. */
function modelDigest(dir: string): string {
  const hash = createHash('sha256');
  const manifest = readFileSync(join(dir, 'weights.json'));
  const shards = (JSON.parse(manifest.toString('utf8')) as { paths: string[] }[]).flatMap(
    (group) => group.paths,
  );
  for (const name of ['config.json', 'weights.json', ...shards])
    hash.update(readFileSync(join(dir, name)));
  return hash.digest('hex');
}

/** The .onnx file and its reference outputs for `ids`, exported again when missing or stale. */
function ensureExport(name: string, ids: number[]): { onnx: string; reference: Reference } {
  const modelDir = join(ROOT, 'models', name);
  const onnx = join(ROOT, 'data', 'onnx', `${name}.onnx`);
  const referencePath = join(ROOT, 'data', 'onnx', `${name}.reference.json`);
  const read = (): Reference | null =>
    existsSync(onnx) && existsSync(referencePath)
      ? (JSON.parse(readFileSync(referencePath, 'utf8')) as Reference)
      : null;
  let reference = read();
  const current = (r: Reference | null): r is Reference =>
    r !== null && r.model_digest === modelDigest(modelDir) && r.ids.join() === ids.join();
  if (!current(reference)) {
    const python = process.env.PYTHON || '/usr/bin/python3';
    console.log(`exporting ${name} to ONNX (${python} -m training.export_onnx)`);
    execFileSync(
      python,
      ['-m', 'training.export_onnx', '--model', modelDir, '--out', onnx, '--ids', ids.join(',')],
      { cwd: ROOT, stdio: 'inherit' },
    );
    reference = read();
    if (!current(reference)) throw new Error(`${referencePath}: not written for this input`);
  }
  return { onnx, reference };
}

/** Largest |actual - expected| over finite entries, and how many -Infinity entries differ. */
function difference(
  actual: ArrayLike<number>,
  expected: ArrayLike<number | null>,
): { max: number; infMismatch: number } {
  if (actual.length !== expected.length)
    return { max: Infinity, infMismatch: Math.abs(actual.length - expected.length) };
  let max = 0;
  let infMismatch = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] ?? NaN;
    const e = expected[i] ?? -Infinity;
    if (a === -Infinity || e === -Infinity) {
      if (a !== e) infMismatch++;
    } else if (!Number.isFinite(a) || !Number.isFinite(e)) infMismatch++;
    else max = Math.max(max, Math.abs(a - e));
  }
  return { max, infMismatch };
}

// ---------------------------------------------------------------------------------------------
// The server

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.onnx': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.mjs': 'text/javascript',
};

/** Files the page fetches, by URL prefix: cacheable, so a second visit starts from the cache. */
function filesMiddleware(onnxDir: string): Connect.NextHandleFunction {
  const dirs: [string, string, (file: string) => boolean][] = [
    ['/models/', join(ROOT, 'models'), () => true],
    ['/onnx/', onnxDir, (f) => f.endsWith('.onnx')],
    ['/ort/', join(ROOT, 'node_modules/onnxruntime-web/dist'), (f) => /\.(wasm|mjs)$/.test(f)],
    [
      '/tfjs-wasm/',
      join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'),
      (f) => f.endsWith('.wasm'),
    ],
  ];
  return (req, res, next) => {
    const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    for (const [prefix, dir, allowed] of dirs) {
      if (!url.startsWith(prefix)) continue;
      const file = resolve(dir, '.' + url.slice(prefix.length - 1));
      if (!file.startsWith(dir + sep) || !allowed(file) || !existsSync(file)) {
        res.statusCode = 404;
        res.end(`Not found: ${url}`);
        return;
      }
      res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
      res.setHeader('Content-Length', statSync(file).size);
      res.setHeader('Cache-Control', 'public, max-age=3600');
      createReadStream(file).pipe(res);
      return;
    }
    next();
  };
}

async function startServer(onnxDir: string) {
  const server = await createServer({
    configFile: false,
    root: join(import.meta.dirname, 'bench-peer'),
    cacheDir: join(ROOT, 'node_modules', '.vite-bench-peer'),
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: PORT, strictPort: true, hmr: false, fs: { allow: [ROOT] } },
    optimizeDeps: {
      include: [
        '@tensorflow/tfjs',
        '@tensorflow/tfjs-backend-wasm',
        '@tensorflow/tfjs-backend-webgpu',
        '@huggingface/tokenizers',
        'onnxruntime-web',
      ],
    },
    plugins: [
      {
        name: 'bench-peer-files',
        configureServer: (s) => void s.middlewares.use(filesMiddleware(onnxDir)),
      },
    ],
  });
  await server.listen();
  return server;
}

// ---------------------------------------------------------------------------------------------
// The browser

/** A fresh load of the bench page (through about:blank: nothing of the last one is left). */
async function openPage(page: Page): Promise<void> {
  await page.goto('about:blank');
  const failed = page.waitForEvent('pageerror', { timeout: 0 }).then((error) => {
    throw new Error(`the bench page failed to load: ${error.message}`);
  });
  await page.goto(`${BASE}/`);
  // The first load after a fresh install waits for Vite to pre-bundle tfjs and onnxruntime-web.
  await Promise.race([
    page.waitForFunction(() => window.__peer !== undefined, null, { timeout: 600_000 }),
    failed,
  ]);
}

/** Waits for the browser to go quiet: compiling a large WebAssembly module goes on in the
 *  background after it first runs, and would slow down whatever is timed next. */
const settle = () => new Promise((done) => setTimeout(done, SETTLE_MS));

/** A new page in `context` with the bench page loaded once (its own scripts, not timed). */
async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(300_000);
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`page console: ${message.text()}`);
  });
  await openPage(page);
  return page;
}

/** ms from nothing to the first outputs of `runtime` on wasm, in a fresh load of the page. */
async function startMs(page: Page, runtime: PeerRuntime, spec: PeerSpec): Promise<number> {
  await openPage(page);
  const ms = await page.evaluate(
    ({ runtime, spec }) => window.__peer!.start(runtime, 'wasm', spec),
    { runtime, spec },
  );
  await settle();
  return ms;
}

interface BackendResult {
  backend: PeerBackend;
  /** Why a runtime could not run there, or null. */
  failed: Record<PeerRuntime, string | null>;
  medianMs: Record<PeerRuntime, number | null>;
  minMs: Record<PeerRuntime, number | null>;
  outputs: { tfjs: PeerOutputs | null; ort: PeerOutputs | null; runtime: PeerOutputs | null };
  /** --profile only. */
  profile: PeerProfile | null;
}

async function timeBackend(
  page: Page,
  backend: PeerBackend,
  spec: PeerSpec,
  args: Args,
): Promise<BackendResult> {
  await openPage(page);
  const failed = await page.evaluate(({ backend, spec }) => window.__peer!.prepare(backend, spec), {
    backend,
    spec,
  });
  const ready = RUNTIMES.filter((r) => failed[r] === null);
  const times: Record<PeerRuntime, number[]> = { tfjs: [], ort: [] };
  for (let i = 0; i < args.warmup + args.runs; i++) {
    // Interleaved, first one then the other first: both see the same noise of the shared cores.
    for (const runtime of i % 2 === 0 ? ready : [...ready].reverse()) {
      const ms = await page.evaluate((r) => window.__peer!.run(r), runtime);
      if (i >= args.warmup) times[runtime].push(ms);
    }
  }
  const pick = (f: (v: number[]) => number) => (r: PeerRuntime) =>
    times[r].length > 0 ? f(times[r]) : null;
  const med = pick(median);
  const min = pick((v) => Math.min(...v));
  return {
    backend,
    failed,
    medianMs: { tfjs: med('tfjs'), ort: med('ort') },
    minMs: { tfjs: min('tfjs'), ort: min('ort') },
    outputs: await page.evaluate(() => window.__peer!.outputs()),
    // After the timed runs (warm), and after their outputs were read: profiled passes write them.
    profile:
      args.profile && failed.tfjs === null
        ? await page.evaluate(([passes, warmup]) => window.__peer!.profile(passes, warmup), [
            PROFILE_PASSES,
            args.warmup,
          ] as const)
        : null,
  };
}

/** --profile: op kinds per forward pass, tfjs and onnxruntime-web side by side, on stderr. */
function profileTable(r: BackendResult): Record<string, unknown> | null {
  const p = r.profile;
  if (p === null) return null;
  const tfjs = groupTimings(p.tfjs.flat(), p.tfjs.length);
  const ort = p.ort === null ? null : groupTimings(p.ort.flat(), p.ort.length);
  const total = (g: GroupTiming[] | null, key: 'count' | 'ms') =>
    g === null ? null : g.reduce((sum, x) => sum + x[key], 0);
  const cell = (v: number | null | undefined, digits: number) =>
    v === null || v === undefined ? '-' : v.toFixed(digits);
  const rows = tfjs.map((t, i) => {
    const o = ort?.[i] ?? null;
    return [
      t.group,
      cell(t.count, 0),
      cell(t.ms, 2),
      cell(o?.count, 0),
      cell(o?.ms, 2),
      o === null ? '-' : (t.ms - o.ms >= 0 ? '+' : '') + (t.ms - o.ms).toFixed(2),
    ];
  });
  const tfjsMs = total(tfjs, 'ms')!;
  const ortMs = total(ort, 'ms');
  rows.push([
    'total',
    cell(total(tfjs, 'count'), 0),
    cell(tfjsMs, 2),
    cell(total(ort, 'count'), 0),
    cell(ortMs, 2),
    ortMs === null ? '-' : (tfjsMs - ortMs >= 0 ? '+' : '') + (tfjsMs - ortMs).toFixed(2),
  ]);
  const wall = (v: number[] | null) => (v === null ? null : median(v));
  console.error(
    `\nOp kinds on ${r.backend}, per forward pass (mean of ${p.tfjs.length} profiled passes; ` +
      `tfjs: tf.profile kernels; ort: ${p.ort === null ? `not profiled (${p.ortSkipped ?? '?'})` : 'session profile nodes'}); ` +
      `a profiled pass took ${ms(wall(p.tfjsPassMs), 1)} ms (tfjs) and ${ms(wall(p.ortPassMs), 1)} ms (ort), median wall:`,
  );
  table(
    ['op kind', 'tfjs kernels', 'tfjs ms', 'ort nodes', 'ort ms', 'tfjs - ort ms'],
    rows,
    console.error,
  );
  const json = (g: GroupTiming[] | null) =>
    g === null
      ? null
      : Object.fromEntries(g.map((x) => [x.group, { count: x.count, ms: round(x.ms) }]));
  return {
    tfjs: json(tfjs),
    ort: json(ort),
    tfjs_ms: round(tfjsMs),
    ort_ms: round(ortMs),
    tfjs_pass_ms: round(wall(p.tfjsPassMs)),
    ort_pass_ms: round(wall(p.ortPassMs)),
  };
}

// ---------------------------------------------------------------------------------------------

function table(header: string[], rows: string[][], print = console.log): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  print(line(header));
  for (const row of rows) print(line(row));
}

const ms = (v: number | null, digits = 1) => (v === null ? '-' : v.toFixed(digits));
const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function main(): Promise<void> {
  const args = readArgs();
  const modelDir = join(ROOT, 'models', args.model);
  if (!existsSync(join(modelDir, 'config.json')))
    throw new Error(`${modelDir} is not a model folder (no config.json)`);
  const sentence = benchSentence(modelDir);
  const { onnx, reference } = ensureExport(args.model, sentence.ids);
  const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8')) as {
    expansion: number;
  };
  const expansion = expand(sentence.ids, config.expansion);
  const spec: PeerSpec = {
    model: args.model,
    onnxUrl: `/onnx/${args.model}.onnx`,
    text: sentence.maskedText,
    ids: sentence.ids,
    tokens: Array.from(expansion.tokenIds),
    pos1: Array.from(expansion.pos1),
    pos2: Array.from(expansion.pos2),
    states: Array.from(expansion.states),
  };
  for (const key of ['tokens', 'pos1', 'pos2', 'states'] as const) {
    if (spec[key].join() !== reference[key].join())
      throw new Error(`the reference's ${key} differ from src/model's expansion`);
  }
  const T = spec.tokens.length;
  const L = spec.states.length;

  const server = await startServer(join(ROOT, 'data', 'onnx'));
  const results: BackendResult[] = [];
  const starts: Record<'cold' | 'warm', Record<PeerRuntime, number[]>> = {
    cold: { tfjs: [], ort: [] },
    warm: { tfjs: [], ort: [] },
  };
  let info: PeerInfo;
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: WEBGPU_CHROMIUM_ARGS,
    });
    try {
      for (let i = 0; i < args.starts; i++) {
        for (const runtime of RUNTIMES) {
          // A browser context of its own: an empty HTTP cache, then the same files from it.
          const context = await browser.newContext();
          const page = await newPage(context);
          console.log(`start ${i + 1}/${args.starts}: ${runtime} on wasm, cold, then warm cache`);
          starts.cold[runtime].push(await startMs(page, runtime, spec));
          starts.warm[runtime].push(await startMs(page, runtime, spec));
          await context.close();
        }
      }
      const context = await browser.newContext();
      const page = await newPage(context);
      info = await page.evaluate(() => window.__peer!.info());
      for (const backend of args.backends) {
        console.log(`forward pass on ${backend}: ${args.warmup} + ${args.runs} runs each`);
        results.push(await timeBackend(page, backend, spec, args));
      }
      await context.close();
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }

  const V = reference.vocab_size;
  console.log(
    `\n${args.model}: ${SENTENCE_TOKENS}-token sentence with 3 masks, T = ${T} expanded tokens, L = ${L} states, V = ${V}`,
  );
  console.log(
    `tfjs ${info.tfjsVersion} (src/model) vs onnxruntime-web ${info.ortVersion} (${onnx.slice(ROOT.length + 1)}); ` +
      `threads: tfjs ${info.tfjsThreads}, ort ${info.ortThreads}; cross-origin isolated: ${info.crossOriginIsolated}; ` +
      `WebGPU adapter: ${info.gpuAdapter ?? 'none'}`,
  );
  const weightBytes = (
    JSON.parse(readFileSync(join(modelDir, 'weights.json'), 'utf8')) as { paths: string[] }[]
  )
    .flatMap((g) => g.paths)
    .reduce((sum, p) => sum + statSync(join(modelDir, p)).size, 0);
  console.log(
    `model files: ours ${mb(weightBytes)} (weights as stored), ONNX ${mb(statSync(onnx).size)} (float32)\n`,
  );

  const label = (backend: PeerBackend) =>
    backend === 'webgpu' ? 'webgpu, emulated (SwiftShader)' : 'wasm, 1 thread';
  let agree = true;
  const rows: string[][] = [];
  const pair = (d: { max: number }[]) => d.map((x) => x.max.toExponential(1)).join(' / ');
  const maxDiff: Record<string, number> = {};
  for (const r of results) {
    const tol = TOLERANCE[r.backend];
    for (const runtime of RUNTIMES) {
      const out = r.outputs[runtime];
      const failed = r.failed[runtime];
      if (failed !== null || out === null) {
        rows.push([
          label(r.backend),
          runtime,
          '-',
          '-',
          '-',
          '-',
          `not run: ${failed ?? 'no output'}`,
        ]);
        continue;
      }
      const other = r.outputs[runtime === 'tfjs' ? 'ort' : 'tfjs'];
      const vsRef = [
        difference(out.logProbs, reference.log_probs),
        difference(out.links, reference.links ?? new Array<null>(L * L).fill(null)),
      ];
      const vsOther = other
        ? [difference(out.logProbs, other.logProbs), difference(out.links, other.links)]
        : null;
      const refMax = Math.max(vsRef[0]!.max, vsRef[1]!.max);
      const otherMax = vsOther ? Math.max(vsOther[0]!.max, vsOther[1]!.max) : null;
      const infMismatch = [...vsRef, ...(vsOther ?? [])].reduce((s, d) => s + d.infMismatch, 0);
      const ok = refMax <= tol && (otherMax === null || otherMax <= tol) && infMismatch === 0;
      agree &&= ok;
      maxDiff[`${runtime}_${r.backend}_vs_pytorch`] = refMax;
      if (otherMax !== null && runtime === 'ort') maxDiff[`tfjs_vs_ort_${r.backend}`] = otherMax;
      rows.push([
        label(r.backend),
        runtime,
        ms(r.medianMs[runtime], 2),
        ms(r.minMs[runtime], 2),
        pair(vsRef),
        vsOther === null ? '-' : pair(vsOther),
        ok ? 'yes' : `NO (tolerance ${tol}, -inf mismatches ${infMismatch})`,
      ]);
    }
    if (r.outputs.runtime !== null && r.outputs.tfjs !== null) {
      // ExlmModel.inspect on the masked text: the runtime's own path gives the same outputs.
      const d = Math.max(
        difference(r.outputs.runtime.logProbs, r.outputs.tfjs.logProbs).max,
        difference(r.outputs.runtime.links, r.outputs.tfjs.links).max,
      );
      if (d > tol) {
        agree = false;
        console.log(`${r.backend}: ExlmModel.inspect differs from runForward by ${d}`);
      }
    }
  }
  console.log(
    `Forward pass (log P_u and links, read back), median of ${args.runs} runs after ${args.warmup} warm-up:`,
  );
  table(
    [
      'backend',
      'runtime',
      'median ms',
      'min ms',
      'max |Δ| vs PyTorch (log P / links)',
      'vs the other runtime',
      'same outputs',
    ],
    rows,
  );
  const wasm = results.find((r) => r.backend === 'wasm');
  const webgpu = results.find((r) => r.backend === 'webgpu');
  const tfjsWasm = wasm?.medianMs.tfjs ?? null;
  const ortWasm = wasm?.medianMs.ort ?? null;
  const ratio = tfjsWasm !== null && ortWasm !== null ? tfjsWasm / ortWasm : null;
  console.log(`tfjs / onnxruntime-web on wasm: ${ratio === null ? '-' : ratio.toFixed(2)}x\n`);
  console.log(
    'Start on wasm, to the first outputs (backend or session start, files, weights, first run):',
  );
  table(
    ['start', 'tfjs ms', 'ort ms'],
    [
      ['cold (empty HTTP cache)', ms(median(starts.cold.tfjs), 0), ms(median(starts.cold.ort), 0)],
      [
        'warm cache (second visit)',
        ms(median(starts.warm.tfjs), 0),
        ms(median(starts.warm.ort), 0),
      ],
    ],
  );
  // --profile: kernels (tfjs, per forward pass) and dispatches (tfjs on WebGPU) per backend.
  const profiled = results.filter((r) => r.profile !== null);
  const profileFields = args.profile
    ? {
        profile: Object.fromEntries(profiled.map((r) => [r.backend, profileTable(r)])),
        kernels: Object.fromEntries(
          profiled.map((r) => [r.backend, r.profile!.tfjs[0]?.length ?? null]),
        ),
        dispatches: Object.fromEntries(profiled.map((r) => [r.backend, r.profile!.dispatches])),
      }
    : {};
  console.log(
    JSON.stringify({
      tfjs_wasm_ms: round(tfjsWasm),
      ort_wasm_ms: round(ortWasm),
      ratio: ratio === null ? null : Math.round(ratio * 1000) / 1000,
      tfjs_webgpu_ms: round(webgpu?.medianMs.tfjs ?? null),
      ort_webgpu_ms: round(webgpu?.medianMs.ort ?? null),
      cold_ms: round(median(starts.cold.tfjs)),
      warm_cache_ms: round(median(starts.warm.tfjs)),
      ort_cold_ms: round(median(starts.cold.ort)),
      ort_warm_cache_ms: round(median(starts.warm.ort)),
      min_ms: Object.fromEntries(
        results.flatMap((r) => RUNTIMES.map((rt) => [`${rt}_${r.backend}`, round(r.minMs[rt])])),
      ),
      model: args.model,
      runs: args.runs,
      max_abs_diff: maxDiff,
      ...profileFields,
    }),
  );
  if (!agree) {
    console.error('bench:peer: the runtimes do not compute the same outputs (see the table)');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
