// npm run soak:model: thousands of analyses in Node on one model, printing tensor count, JS heap and
// RSS at intervals; they must stay flat (a growing count is a leak). Exits 1 when they do not.
// Usage: npm run soak:model [-- --model models/exlm-en-small --count 10000 --every 1000]
//        (`npm run soak:model -- --help` lists the options)
import { resolve } from 'node:path';

import * as tf from '@tensorflow/tfjs';

import { loadModelFromFolder, setNodeBackend } from '../../src/node';
import { integer, option, readOptions } from './args';
import { type SoakSample, flatVerdict, formatSamples, soakInputs } from './soak';

const ROOT = resolve(import.meta.dirname, '../..');
const MB = 1024 * 1024;

const { values } = readOptions(
  { name: 'soak:model' },
  {
    model: option(
      'DIR',
      'the model folder',
      resolve(ROOT, 'models/exlm-en-small'),
      resolve,
      'models/exlm-en-small',
    ),
    count: integer('analyses in all', 10000, 2),
    every: integer('analyses between samples', 1000, 1),
  },
);
const { model: modelDir, count, every } = values;

await setNodeBackend('wasm');
const model = await loadModelFromFolder(modelDir);
const inputs = soakInputs(count);
const samples: SoakSample[] = [];
let mark = performance.now();

const sample = (analyses: number): void => {
  const now = performance.now();
  const { numTensors, numBytes } = tf.memory();
  const usage = process.memoryUsage();
  samples.push({
    analyses,
    numTensors,
    numBytes,
    heapMB: usage.heapUsed / MB,
    rssMB: usage.rss / MB,
    msPerAnalysis: analyses === 0 ? 0 : (now - mark) / Math.min(every, analyses),
  });
  mark = now;
  console.log(formatSamples(samples).split('\n').at(-1));
};

console.log(`soak: ${count} analyses of ${modelDir} on tfjs wasm, a sample every ${every}`);
console.log(formatSamples([]));
// The baseline comes after a first round, so one-off growth (pools, compiled code) is excluded.
for (let i = 0; i < count; i++) {
  const input = inputs[i]!;
  await model.analyze(input.text, { topK: input.topK, attention: input.attention });
  if ((i + 1) % every === 0) sample(i + 1);
}
model.dispose();
const verdict = flatVerdict(samples);
for (const line of verdict.lines) console.log(line);
console.log(
  JSON.stringify({
    soak: 'node',
    model: modelDir,
    analyses: count,
    flat: verdict.flat,
    samples,
  }),
);
process.exit(verdict.flat ? 0 : 1);
