// The model's TensorFlow.js: tfjs-core alone, with the chained tensor methods (`x.add(y)`), not the
// @tensorflow/tfjs bundle, which also brings the layers API, the converter, tf.data and the WebGL
// backend into every page (about 100 KB of gzipped JavaScript the page never runs). Backends are
// registered by whoever runs the model: the worker (src/runtime/worker/tfBackend.ts) or Node.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
