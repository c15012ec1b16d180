// A Node program that uses src/model with tfjs-core and the cpu backend alone, as a new script
// would: no @tensorflow/tfjs bundle, nothing that registers tfjs' chained tensor methods. Run by
// standalone.test.ts in its own process, so that no other test's imports can lend it what it lacks.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

import { folderSource } from '../node/source';
import { ExlmModel } from './index';

const folder = process.argv[2] ?? 'models/tiny-random';
await tf.setBackend('cpu');
const chained = 'add' in tf.Tensor.prototype;
const model = await ExlmModel.load(folderSource(folder), 'standalone');
const analysis = await model.analyze('the [MASK] sat on the mat.', { topK: 3 });
console.log(
  JSON.stringify({
    chained,
    masks: analysis.masks.length,
    fill: analysis.fill.text,
    tensors: tf.memory().numTensors,
  }),
);
model.dispose();
