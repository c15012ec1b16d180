// npm run bench:experiment: the page's mask-ratio experiment (the worker's code,
// src/runtime/worker/experimentRun.ts) in Node on the shipped pair, run twice in one process: one
// analysis per masking, then a batch of maskings per forward pass. Prints both times and their
// ratio, whether the two runs scored every masking the same (hits equal, entropies within float
// rounding), the short timing the page's estimate comes from against the batched run, the tensor
// count before and after, and the curves: top-1, top-5 and mean entropy per model and ratio, and
// the ExLM minus its twin, each with its 95% bootstrap interval over the sentences.
// Usage: npm run bench:experiment [-- --backend wasm --sentences 150 --batch 16]
//        (`npm run bench:experiment -- --help` lists the options)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import * as tf from '@tensorflow/tfjs';

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
import { type LoadedModel, loadedModelOf } from '../../src/runtime/worker/modelPort';
import { integer, oneOf, option, readOptions } from './args';

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE = resolve(ROOT, 'public/experiment/test-sentences.json');

const { values } = readOptions(
  { name: 'bench:experiment' },
  {
    backend: oneOf(['wasm', 'cpu'] as const, 'the tfjs backend', 'wasm' as const, 'wasm'),
    sentences: integer('sample sentences (the sample has 150)', 150, 1),
    batch: integer('maskings per forward pass in the batched run', EXPERIMENT_BATCH, 2),
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

const host: ExperimentHost = {
  model: (name) => models.get(name)!,
  enqueue: (job) => job(),
  yieldToMessages: async () => {},
  cancelled: () => false,
  analysesRun: () => {},
  now: () => performance.now(),
};

async function timedRun(
  batchSize: number,
): Promise<{ ms: number; results: ExperimentModelResult[] }> {
  const request: ExperimentRequest = {
    runId: batchSize,
    models: names,
    sentences,
    ratios: EXPERIMENT_RATIOS,
    repeats: 1,
    seed: EXPERIMENT_SEED,
    batchSize,
  };
  const start = performance.now();
  const reply = await runExperiment(request, () => {}, host);
  return { ms: performance.now() - start, results: reply.models };
}

const tensorsBefore = tf.memory().numTensors;
const maskings = sentences.length * EXPERIMENT_RATIOS.length;
console.log(
  `${names.join(' + ')} on ${tf.getBackend()}: ${sentences.length} sentences x ` +
    `${EXPERIMENT_RATIOS.length} ratios = ${maskings} maskings per model`,
);
const single = await timedRun(1);
const batched = await timedRun(values.batch);
const perMasking = await timeExperiment(
  { models: names, sentences, ratio: ESTIMATE_RATIO, seed: EXPERIMENT_SEED },
  host,
);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(`one analysis per masking:  ${seconds(single.ms)}`);
console.log(`${values.batch} maskings per pass:     ${seconds(batched.ms)}`);
console.log(`ratio:                     ${(single.ms / batched.ms).toFixed(2)}x`);
console.log(
  `estimate from a short timing: ${seconds(perMasking * maskings)} ` +
    `(${perMasking.toFixed(1)} ms per masking at ${ESTIMATE_RATIO * 100}%)`,
);
console.log(`tensors: ${tensorsBefore} before, ${tf.memory().numTensors} after`);

// The same maskings, scored the same way: hits equal, entropies up to float rounding.
let hitsDiffer = 0;
let entropyGap = 0;
single.results.forEach((result, m) => {
  result.points.forEach((point, r) => {
    const other = batched.results[m]!.points[r]!.maskings;
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
console.log(
  `batched vs one by one: ${hitsDiffer} maskings with other hits, ` +
    `largest entropy difference ${entropyGap.toExponential(1)} nats`,
);

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
