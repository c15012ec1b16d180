// The model's TensorFlow.js: tfjs-core alone, not the @tensorflow/tfjs bundle, which also brings the
// layers API, the converter, tf.data and the WebGL backend into every page (about 70 KB of gzipped
// JavaScript the page never runs). The model calls tfjs' functional ops (`tf.add(x, y)`), never the
// chained tensor methods (`x.add(y)`), which exist only once some module registers them as a side
// effect: src/model runs wherever tfjs-core and a backend are loaded, a Node script included.

export * from '@tensorflow/tfjs-core';
