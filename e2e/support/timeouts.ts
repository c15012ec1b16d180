// How long the e2e tests wait for the slow parts of the page.

/** SwiftShader compiles every WebGPU shader on the CPU, and a busy 2-core machine runs the WASM
 *  backend slowly: loading a model, a first analysis or an experiment run take seconds or more. */
export const SLOW_MS = 150_000;
