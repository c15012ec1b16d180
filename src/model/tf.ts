// The model's TensorFlow.js: tfjs-core alone, not the @tensorflow/tfjs bundle, which also brings the
// layers API, the converter, tf.data and the WebGL backend into every page (about 70 KB of gzipped
// JavaScript the page never runs). Backends, and the chained tensor methods (`x.add(y)`) this code
// uses, are registered by whoever runs the model: in the browser the worker
// (src/runtime/worker/model.worker.ts imports tfjs-core's register_all_chained_ops, whose ES module
// files Node cannot load), in Node @tensorflow/tfjs (src/model/node).
// Types only (erased from the JavaScript): the declarations of those chained methods.
import type {} from '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
