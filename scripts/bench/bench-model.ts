// npm run bench:model: how fast the model runs in Node on the tfjs wasm and cpu backends, for the
// fixture and, when present, the shipped model. Prints a table per backend:
// - load: ExlmModel load time (config, tokenizer, weights to tensors), backend already started;
// - kernels: backend kernels of one forward pass (runForward) and of one analysis (both of its
//   passes), counted with tf.profile; reshapes in brackets (no work on any backend, but counted);
// - forward: median of runForward (all of every state's distribution read back, as inspect());
// - analyze: median of analyses without attention (as the CLI runs) and with attention (as the
//   page runs);
//   each time is wall-clock ms, with the process's CPU ms in brackets (steadier on a busy machine);
// - --input (wasm only): throughput of the `exlm predict --input` code path on 200 sentences.
// The sentence has 24 tokens ([CLS] and [SEP] included) with 3 masked words: T = 39 expanded
// tokens and L = 20 states with k = 4, the shape of bench:page. Medians of TIMED_RUNS after
// WARMUP_RUNS warm-up runs. --profile adds, per backend and model, the kernels of one analysis
// grouped by name with their summed time (tf.profile), slowest first.
// Usage: npm run bench:model [-- [--profile] [--backend wasm|cpu] [MODEL_DIR ...]]
//        (`npm run bench:model -- --help` lists the options)
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseCliArgs, type PredictArgs } from '../../src/cli/args';
import { PACKAGE_ROOT } from '../../src/cli/model';
import { predictFile } from '../../src/cli/predict';
import { type ExlmModel, loadWeights, parseConfigText, runForward } from '../../src/model';
import {
  folderSource,
  loadModelFromFolder,
  type NodeBackend,
  setNodeBackend,
} from '../../src/node';
import { flag, oneOf, readOptions } from './args';
import { median } from '../../src/core/stats';

const SENTENCE_TOKENS = 24;
const MASKS = 3;
// JIT and wasm code caches keep getting faster for the first few runs: warm up well past them.
const WARMUP_RUNS = 10;
const TIMED_RUNS = 30;
const INPUT_SENTENCES = 200;
/** tf.profile times one run of each kernel; --profile takes the median of this many runs. */
const PROFILE_RUNS = 15;
const BACKENDS: readonly NodeBackend[] = ['wasm', 'cpu'];

// Plain English to draw sentences from (the fixture's tiny vocabulary splits most words, so the
// benchmark sentence keeps only words that are one token in the model at hand).
const PASSAGE =
  `the old man sat by the window and watched the rain fall on the street below . his dog
slept on the floor near the fire , and the house was quiet except for the clock on the wall . she
said that the children would come home from school at four , and that dinner would be ready when
they arrived . we walked along the river until the sun went down and the air grew cold . the
captain told the crew to raise the sails because the wind had turned in their favour . in the
morning the market was full of people buying fruit , bread and fish for the week ahead .`
    .split(/\s+/)
    .filter((word) => word !== '');

/** SENTENCE_TOKENS tokens with [CLS] and [SEP], MASKS of them [MASK], spread out. */
function benchmarkSentence(model: ExlmModel): string {
  const singleTokenWords = PASSAGE.filter((word) => model.tokenizer.encode(word).ids.length === 3);
  if (singleTokenWords.length === 0) throw new Error('no word of the passage is a single token');
  const wordCount = SENTENCE_TOKENS - 2;
  const maskAt = new Set(
    Array.from({ length: MASKS }, (_, i) => Math.floor(((i + 0.5) * wordCount) / MASKS)),
  );
  const words = Array.from({ length: wordCount }, (_, i) =>
    maskAt.has(i) ? '[MASK]' : singleTokenWords[i % singleTokenWords.length]!,
  );
  const text = words.join(' ');
  const tokens = model.tokenizer.encode(text).ids.length;
  if (tokens !== SENTENCE_TOKENS) throw new Error(`benchmark sentence has ${tokens} tokens`);
  return text;
}

/** INPUT_SENTENCES lines of 6 to 20 words from the passage, 1 to 3 of them masked. */
function inputLines(): string[] {
  return Array.from({ length: INPUT_SENTENCES }, (_, n) => {
    const length = 6 + (n % 15);
    const start = (n * 7) % (PASSAGE.length - length);
    const words = PASSAGE.slice(start, start + length);
    for (let m = 0; m <= n % MASKS; m++) words[(m * 5 + n) % length] = '[MASK]';
    return JSON.stringify({ text: words.join(' ') });
  });
}

interface Timing {
  /** Median wall-clock ms. */
  wall: number;
  /** Median ms of CPU time of this process (user + system): on a busy machine, much steadier
   *  than wall-clock time, since the wasm and cpu backends compute on the calling thread. */
  cpu: number;
}

/** Medians of `run` over TIMED_RUNS, after WARMUP_RUNS. */
async function timeMedian(run: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARMUP_RUNS; i++) await run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    await run();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

interface KernelCount {
  kernels: number;
  reshapes: number;
  /** Per kernel name: count and summed ms (the median over `runs` profiled runs). */
  byName: Map<string, { count: number; ms: number }>;
}

/** Backend kernels `run` launches. tf.profile also lists ops with a custom gradient (named
 *  "...__op", e.g. fusedMatMul__op around each _FusedMatMul): they are not kernels. */
async function countKernels(run: () => Promise<unknown>, runs = 1): Promise<KernelCount> {
  const times = new Map<string, number[]>();
  let counted: Awaited<ReturnType<typeof tf.profile>>['kernels'] = [];
  for (let r = 0; r < runs; r++) {
    const profile = await tf.profile(async () => {
      await run();
    });
    counted = profile.kernels.filter((k) => !k.name.endsWith('__op'));
    const sums = new Map<string, number>();
    for (const k of counted) sums.set(k.name, (sums.get(k.name) ?? 0) + Number(k.kernelTimeMs));
    sums.forEach((ms, name) => times.set(name, [...(times.get(name) ?? []), ms]));
  }
  const byName = new Map<string, { count: number; ms: number }>();
  for (const k of counted) {
    const entry = byName.get(k.name) ?? { count: 0, ms: median(times.get(k.name)!) };
    entry.count += 1;
    byName.set(k.name, entry);
  }
  return {
    kernels: counted.length,
    reshapes: counted.filter((k) => k.name === 'Reshape').length,
    byName,
  };
}

async function inputThroughput(model: ExlmModel, file: string): Promise<number> {
  const args = parseCliArgs(['predict', '--json', '--input', file]) as PredictArgs;
  const silent = { stdout: () => undefined, stderr: () => undefined };
  const started = performance.now();
  const code = await predictFile(model, file, args, silent);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`predict --input failed with exit code ${code}`);
  return INPUT_SENTENCES / seconds;
}

interface Row {
  model: string;
  parameters: number;
  shape: string;
  loadMs: number;
  forwardKernels: KernelCount;
  analysisKernels: KernelCount;
  forward: Timing;
  analyze: Timing;
  analyzeWithAttention: Timing;
  sentencesPerSecond: number | null;
}

async function benchmark(
  dir: string,
  backend: NodeBackend,
  inputFile: string,
  profile: boolean,
): Promise<Row> {
  const loadStarted = performance.now();
  const model = await loadModelFromFolder(dir);
  const loadMs = performance.now() - loadStarted;
  // runForward takes the weights themselves: a second copy, loaded the same way.
  const config = parseConfigText(readFileSync(join(dir, 'config.json'), 'utf8'), dir);
  const weights = await loadWeights(folderSource(dir), config);
  try {
    const text = benchmarkSentence(model);
    const { expansion } = model.prepare(text);
    const forward = () => runForward(weights.weights, config, expansion);
    const analyze = (attention: boolean) => () => model.analyze(text, { topK: 5, attention });
    await forward();
    await analyze(true)();
    return {
      model: model.info.name,
      parameters: model.info.parameterCount,
      shape: `T ${expansion.tokenIds.length}, L ${expansion.states.length}`,
      loadMs,
      forwardKernels: await countKernels(forward),
      analysisKernels: await countKernels(analyze(true), profile ? PROFILE_RUNS : 1),
      forward: await timeMedian(forward),
      analyze: await timeMedian(analyze(false)),
      analyzeWithAttention: await timeMedian(analyze(true)),
      sentencesPerSecond: backend === 'wasm' ? await inputThroughput(model, inputFile) : null,
    };
  } finally {
    weights.dispose();
    model.dispose();
  }
}

function printTable(rows: Row[]): void {
  const header = [
    'model',
    'params',
    'shape',
    'load ms',
    'kernels/forward',
    'kernels/analysis',
    'forward ms (cpu)',
    'analyze ms (cpu)',
    '+ attention ms (cpu)',
    '--input sent/s',
  ];
  const kernels = (k: KernelCount): string => `${k.kernels} (${k.reshapes})`;
  const timing = (t: Timing): string => `${t.wall.toFixed(2)} (${t.cpu.toFixed(2)})`;
  const cells = rows.map((row) => [
    row.model,
    `${(row.parameters / 1e6).toFixed(2)}M`,
    row.shape,
    row.loadMs.toFixed(0),
    kernels(row.forwardKernels),
    kernels(row.analysisKernels),
    timing(row.forward),
    timing(row.analyze),
    timing(row.analyzeWithAttention),
    row.sentencesPerSecond === null ? '-' : row.sentencesPerSecond.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) =>
    values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(line(row));
}

function printProfile(row: Row): void {
  const entries = [...row.analysisKernels.byName].sort((a, b) => b[1].ms - a[1].ms);
  const total = entries.reduce((sum, [, e]) => sum + e.ms, 0);
  console.log(
    `\n${row.model}: kernels of one analysis, ms summed by name (median of ${PROFILE_RUNS} runs), ${total.toFixed(2)} ms in all`,
  );
  for (const [name, { count, ms }] of entries) {
    console.log(
      `  ${name.padEnd(14)} ${String(count).padStart(4)}  ${ms.toFixed(3).padStart(8)} ms`,
    );
  }
}

async function main(): Promise<void> {
  const { values, positionals: requested } = readOptions(
    {
      name: 'bench:model',
      positionals: {
        name: 'MODEL_DIR ...',
        help: 'the model folders to time (default: models/tiny-random, models/exlm-en-small if present)',
      },
    },
    {
      profile: flag('also list the kernels of one analysis by name, slowest first'),
      backend: oneOf(BACKENDS, 'time this backend only', null, 'wasm, then cpu'),
    },
  );
  const { profile, backend: only } = values;
  const backends = only === null ? BACKENDS.slice() : [only];
  const dirs =
    requested.length > 0
      ? requested.map((dir) => resolve(dir))
      : ['models/tiny-random', 'models/exlm-en-small']
          .map((dir) => resolve(PACKAGE_ROOT, dir))
          .filter((dir) => existsSync(join(dir, 'config.json')));

  console.log(
    `tfjs ${tf.version.tfjs}, Node ${process.version}, median of ${TIMED_RUNS} after ${WARMUP_RUNS} warm-up runs`,
  );
  const scratch = mkdtempSync(join(tmpdir(), 'exlm-bench-'));
  try {
    const inputFile = join(scratch, 'input.jsonl');
    writeFileSync(inputFile, inputLines().join('\n') + '\n');
    for (const backend of backends) {
      await setNodeBackend(backend);
      const flags =
        backend === 'wasm'
          ? ` (simd ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')})`
          : '';
      console.log(`\nbackend ${tf.getBackend()}${flags}`);
      const rows: Row[] = [];
      for (const dir of dirs) rows.push(await benchmark(dir, backend, inputFile, profile));
      printTable(rows);
      if (profile) rows.forEach(printProfile);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
