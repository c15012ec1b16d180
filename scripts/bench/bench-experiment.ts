// npm run bench:experiment: the page's mask-ratio experiment (the worker's code,
// src/runtime/worker/experimentRun.ts) in Node on the shipped pair, in one worker, timed in one
// process in the runs asked for: batched (a batch of maskings per forward pass, as the page runs
// it) scoring the slots alone (ExlmModel.scoreSlotsBatch) with the tfjs composites or with the
// model's own wasm kernels (src/runtime/kernels, registered by the same function as the worker's),
// batched whole analyses with the kernels (as the page ran it before), and one whole analysis per
// masking. Prints each run's wall time and this process's CPU time (the machine may be busy with
// other work), whether the runs scored every masking the same (hits equal, entropies within float
// rounding), the short timing the page's estimate comes from, the tensor count before and after,
// and the curves of the last batched run: top-1, top-5 and mean entropy per model and ratio, and
// the ExLM minus its twin, each with its 95% bootstrap interval over the sentences.
// Usage: npm run bench:experiment [-- --runs composites,analyses,kernels,single --sentences 150 --batch 16]
//        (`npm run bench:experiment -- --help` lists the options)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import * as tf from '@tensorflow/tfjs';

import { sentenceScoreOf } from '../../src/model/evalMetrics';
import { type ExperimentMeasure, runIntervals } from '../../src/model/experimentIntervals';
import type { Interval } from '../../src/model/bootstrap';
import {
  ESTIMATE_RATIO,
  EXPERIMENT_BATCH,
  EXPERIMENT_RATIOS,
  EXPERIMENT_SEED,
  type ExperimentModelResult,
} from '../../src/model/maskRatio';
import { loadModelFromFolder, setNodeBackend } from '../../src/node';
import type { ExperimentRequest, ExperimentSentence } from '../../src/runtime/protocol';
import {
  type ExperimentHost,
  runExperiment,
  timeExperiment,
} from '../../src/runtime/worker/experimentRun';
import { registerWasmKernels, unregisterWasmKernels } from '../../src/runtime/kernels/wasmKernels';
import { type LoadedModel, loadedModelOf } from '../../src/runtime/worker/modelPort';
import { integer, listOf, oneOf, option, readOptions } from './args';

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE = resolve(ROOT, 'public/experiment/test-sentences.json');
const RUNS = ['composites', 'analyses', 'kernels', 'single'] as const;
type RunKind = (typeof RUNS)[number];

const { values } = readOptions(
  { name: 'bench:experiment' },
  {
    backend: oneOf(['wasm', 'cpu'] as const, 'the tfjs backend', 'wasm' as const, 'wasm'),
    runs: listOf(
      RUNS,
      'the runs, timed in this order (composites: batched slot scores, tfjs kernels only; ' +
        "analyses: batched whole analyses, with the model's own wasm kernels, as the page ran " +
        'it before the slot scores; kernels: batched slot scores with the kernels, as the page ' +
        'runs it; single: one whole analysis per masking, with the kernels)',
      ['analyses', 'kernels'],
    ),
    sentences: integer('sample sentences (the sample has 150)', 150, 1),
    batch: integer('maskings per forward pass in the batched runs', EXPERIMENT_BATCH, 2),
    exlm: option(
      'DIR',
      'the ExLM folder',
      resolve(ROOT, 'models/exlm-en-small'),
      resolve,
      'models/exlm-en-small',
    ),
    mlm: option(
      'DIR',
      'its twin',
      resolve(ROOT, 'models/mlm-en-small'),
      resolve,
      'models/mlm-en-small',
    ),
  },
);

await setNodeBackend(values.backend);
const sample = JSON.parse(readFileSync(SAMPLE, 'utf8')) as { sentences: ExperimentSentence[] };
const sentences = sample.sentences
  .slice(0, values.sentences)
  .map(({ words, maskable }) => ({ words, maskable }));
const models = new Map<string, LoadedModel>();
for (const dir of [values.exlm, values.mlm]) {
  const model = loadedModelOf(await loadModelFromFolder(dir));
  await model.analyze('the cat sat on the [MASK] .', { attention: false }); // first-run costs
  models.set(model.info.name, model);
}
const names = [...models.keys()];
/** The same models scoring the slots from whole analyses (the "analyses" run). */
const analysing = new Map(
  [...models].map(([name, model]): [string, LoadedModel] => [
    name,
    {
      ...model,
      scoreSlots: async (texts, topK) =>
        (await model.analyzeBatch(texts, { topK, attention: false, states: false })).map(
          sentenceScoreOf,
        ),
    },
  ]),
);
let scoring: Map<string, LoadedModel> = models;

const host: ExperimentHost = {
  model: (name) => scoring.get(name)!,
  enqueue: (job) => job(),
  yieldToMessages: async () => {},
  cancelled: () => false,
  analysesRun: () => {},
  now: () => performance.now(),
};

/** Registers the model's wasm kernels for `kind`, or removes them; the model looks them up at
 *  every op, so the next pass runs what is registered. */
async function useKernels(kind: RunKind): Promise<void> {
  if (kind === 'composites') unregisterWasmKernels();
  else registerWasmKernels();
  // First-run costs of the kernels or composites now in use (XNNPACK operators, buffers).
  for (const model of models.values()) {
    await model.analyze('the cat sat on the [MASK] .', { attention: false });
  }
}

interface Run {
  kind: RunKind;
  ms: number;
  /** This process's CPU time (user and system) during the run. */
  cpuMs: number;
  results: ExperimentModelResult[];
}

async function timedRun(kind: RunKind): Promise<Run> {
  await useKernels(kind);
  scoring = kind === 'analyses' ? analysing : models;
  const batchSize = kind === 'single' ? 1 : values.batch;
  const request: ExperimentRequest = {
    runId: batchSize,
    models: names,
    sentences,
    ratios: EXPERIMENT_RATIOS,
    repeats: 1,
    seed: EXPERIMENT_SEED,
    batchSize,
  };
  const cpu = process.cpuUsage();
  const start = performance.now();
  const reply = await runExperiment(request, () => {}, host);
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return { kind, ms, cpuMs: (user + system) / 1000, results: reply.models };
}

const LABELS: Record<RunKind, string> = {
  composites: `${values.batch} per pass, tfjs composites`,
  analyses: `${values.batch} per pass, whole analyses`,
  kernels: `${values.batch} per pass, model's kernels`,
  single: "one per pass, model's kernels",
};

/** How many maskings `b` scored otherwise than `a` (hits), and the largest entropy difference. */
function compare(a: Run, b: Run): string {
  let hitsDiffer = 0;
  let entropyGap = 0;
  a.results.forEach((result, m) => {
    result.points.forEach((point, r) => {
      const other = b.results[m]!.points[r]!.maskings;
      point.maskings.masks.forEach((masks, i) => {
        const same =
          masks === other.masks[i] &&
          point.maskings.top1[i] === other.top1[i] &&
          point.maskings.top5[i] === other.top5[i];
        if (!same) hitsDiffer += 1;
        entropyGap = Math.max(entropyGap, Math.abs(point.maskings.entropy[i]! - other.entropy[i]!));
      });
    });
  });
  return (
    `${LABELS[b.kind]} vs ${LABELS[a.kind]}: ${hitsDiffer} maskings with other hits, ` +
    `largest entropy difference ${entropyGap.toExponential(1)} nats`
  );
}

const tensorsBefore = tf.memory().numTensors;
const maskings = sentences.length * EXPERIMENT_RATIOS.length;
console.log(
  `${names.join(' + ')} on ${tf.getBackend()}: ${sentences.length} sentences x ` +
    `${EXPERIMENT_RATIOS.length} ratios = ${maskings} maskings per model`,
);
// The model's own kernels exist for wasm only: on cpu the "kernels" run would time the composites.
const kinds = values.backend === 'wasm' ? values.runs : values.runs.filter((k) => k !== 'kernels');
if (kinds.length === 0) {
  console.error(
    `bench:experiment: the model's own kernels are for wasm only; on ${values.backend}, ` +
      'ask for --runs composites or single.',
  );
  process.exit(2);
}
if (kinds.length < values.runs.length) console.log('(no "kernels" run: its kernels are wasm only)');
const runs: Run[] = [];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
for (const kind of [...new Set(kinds)]) {
  const run = await timedRun(kind);
  runs.push(run);
  console.log(
    `${LABELS[kind].padEnd(34)} ${seconds(run.ms).padStart(8)} ` +
      `(CPU ${seconds(run.cpuMs)}, ${(run.ms / maskings).toFixed(1)} ms per masking)`,
  );
}
for (const run of runs.slice(1)) {
  console.log(
    `${LABELS[run.kind]}: ${(runs[0]!.ms / run.ms).toFixed(2)}x the speed of the first run, CPU ${(runs[0]!.cpuMs / run.cpuMs).toFixed(2)}x`,
  );
  console.log(compare(runs[0]!, run));
}
scoring = models;
const perMasking = await timeExperiment(
  { models: names, sentences, ratio: ESTIMATE_RATIO, seed: EXPERIMENT_SEED },
  host,
);
console.log(
  `estimate from a short timing (${LABELS[runs.at(-1)!.kind]}): ${seconds(perMasking * maskings)} ` +
    `(${perMasking.toFixed(1)} ms per masking at ${ESTIMATE_RATIO * 100}%)`,
);
console.log(`tensors: ${tensorsBefore} before, ${tf.memory().numTensors} after`);

const percent = (v: number) => `${(100 * v).toFixed(1)}`;
const nats = (v: number) => v.toFixed(2);
const MEASURES: [ExperimentMeasure, string, (v: number) => string][] = [
  ['top1', 'top-1 %', percent],
  ['top5', 'top-5 %', percent],
  ['entropy', 'entropy', nats],
];
const withInterval = (value: number, interval: Interval | null, format: (v: number) => string) =>
  `${format(value)} [${interval === null ? '-' : `${format(interval.low)}, ${format(interval.high)}`}]`.padEnd(
    22,
  );

const batched = runs.findLast((run) => run.kind !== 'single') ?? runs.at(-1)!;
const intervals = runIntervals(batched.results);
console.log('\nratio  model           ' + MEASURES.map(([, label]) => label.padEnd(22)).join(''));
for (const { ratio, points } of intervals) {
  batched.results.forEach((result, m) => {
    const point = result.points.find((p) => p.ratio === ratio)!;
    console.log(
      `${String(Math.round(ratio * 100)).padStart(4)}%  ${result.model.padEnd(15)} ` +
        MEASURES.map(([measure, , f]) =>
          withInterval(point[measure], points[m]?.[measure] ?? null, f),
        ).join(''),
    );
  });
}
const [exlm, mlm] = batched.results;
if (exlm !== undefined && mlm !== undefined) {
  console.log(`\nratio  ${exlm.model} minus ${mlm.model} (paired over the sentences)`);
  for (const { difference: d } of intervals) {
    if (d === null) continue;
    console.log(
      `${String(Math.round(d.ratio * 100)).padStart(4)}%  ` +
        MEASURES.map(([m, , f]) => withInterval(d.values[m], d.intervals[m], f)).join(''),
    );
  }
}
for (const model of models.values()) model.dispose();
