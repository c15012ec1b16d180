// npm run bench:model: how fast the model runs in Node on the tfjs wasm backend (the `exlm`
// command's setting), for the fixture and, when present, the shipped model. Prints a table:
// - load: ExlmModel load time (config, tokenizer, weights to tensors), backend already started;
// - analyze: median of 20 analyses of a 24-token sentence with 3 masks, after 10 warm-up runs,
//   without attention (as the CLI runs) and with attention (as the page runs);
// - --input: throughput of the `exlm predict --input` code path on 200 sentences, in sentences/s.
// Usage: npm run bench:model [-- MODEL_DIR ...]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseCliArgs, type PredictArgs } from '../src/cli/args';
import { PACKAGE_ROOT } from '../src/cli/model';
import { predictFile } from '../src/cli/predict';
import type { ExlmModel } from '../src/model';
import { loadModelFromFolder, setNodeBackend } from '../src/model/node';

const SENTENCE_TOKENS = 24;
const MASKS = 3;
// JIT and wasm code caches keep getting faster for the first few runs: warm up well past them.
const WARMUP_RUNS = 10;
const TIMED_RUNS = 20;
const INPUT_SENTENCES = 200;

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

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A sentence of exactly SENTENCE_TOKENS tokens for `model`, MASKS of them [MASK], spread out. */
function benchmarkSentence(model: ExlmModel): string {
  const singleTokenWords = PASSAGE.filter((word) => model.tokenizer.encode(word).ids.length === 3);
  if (singleTokenWords.length === 0) throw new Error('no word of the passage is a single token');
  const maskAt = new Set(
    Array.from({ length: MASKS }, (_, i) => Math.floor(((i + 0.5) * SENTENCE_TOKENS) / MASKS)),
  );
  const words = Array.from({ length: SENTENCE_TOKENS }, (_, i) =>
    maskAt.has(i) ? '[MASK]' : singleTokenWords[i % singleTokenWords.length]!,
  );
  const text = words.join(' ');
  const tokens = model.tokenizer.encode(text).ids.length - 2;
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

async function timeAnalyses(model: ExlmModel, text: string, attention: boolean): Promise<number> {
  for (let i = 0; i < WARMUP_RUNS; i++) await model.analyze(text, { topK: 5, attention });
  const times: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const started = performance.now();
    await model.analyze(text, { topK: 5, attention });
    times.push(performance.now() - started);
  }
  return median(times);
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
  loadMs: number;
  analyzeMs: number;
  analyzeWithAttentionMs: number;
  sentencesPerSecond: number;
}

async function benchmark(dir: string, inputFile: string): Promise<Row> {
  const loadStarted = performance.now();
  const model = await loadModelFromFolder(dir);
  const loadMs = performance.now() - loadStarted;
  try {
    const text = benchmarkSentence(model);
    const analyzeMs = await timeAnalyses(model, text, false);
    const analyzeWithAttentionMs = await timeAnalyses(model, text, true);
    const sentencesPerSecond = await inputThroughput(model, inputFile);
    return {
      model: model.info.name,
      parameters: model.info.parameterCount,
      loadMs,
      analyzeMs,
      analyzeWithAttentionMs,
      sentencesPerSecond,
    };
  } finally {
    model.dispose();
  }
}

function printTable(rows: Row[]): void {
  const header = [
    'model',
    'params',
    'load ms',
    `analyze ms (${SENTENCE_TOKENS} tok, ${MASKS} masks)`,
    '+ attention ms',
    '--input sent/s',
  ];
  const cells = rows.map((row) => [
    row.model,
    `${(row.parameters / 1e6).toFixed(2)}M`,
    row.loadMs.toFixed(0),
    row.analyzeMs.toFixed(1),
    row.analyzeWithAttentionMs.toFixed(1),
    row.sentencesPerSecond.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) =>
    values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(line(row));
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const dirs =
    requested.length > 0
      ? requested.map((dir) => resolve(dir))
      : ['models/tiny-random', 'models/exlm-en-small']
          .map((dir) => resolve(PACKAGE_ROOT, dir))
          .filter((dir) => existsSync(join(dir, 'config.json')));

  await setNodeBackend('wasm');
  const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  console.log(
    `tfjs ${tf.version.tfjs}, backend ${tf.getBackend()} (simd ${simd}, threads ${threads})`,
  );
  console.log(
    `Node ${process.version}, median of ${TIMED_RUNS} after ${WARMUP_RUNS} warm-up runs\n`,
  );

  const scratch = mkdtempSync(join(tmpdir(), 'exlm-bench-'));
  try {
    const inputFile = join(scratch, 'input.jsonl');
    writeFileSync(inputFile, inputLines().join('\n') + '\n');
    const rows: Row[] = [];
    for (const dir of dirs) rows.push(await benchmark(dir, inputFile));
    printTable(rows);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
