// Node-only helpers (fs, module resolution): loading a model folder from disk and choosing a
// tfjs backend in Node. Never import this from browser code; use ./index there.

import { createRequire } from 'node:module';
import { basename, dirname, resolve } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

import { ExlmModel, type LoadOptions } from '../model/analyze';
import { folderSource } from './source';

export { folderSource } from './source';

/** Backends that work in Node without native bindings. */
export type NodeBackend = 'cpu' | 'wasm';

/** Load the model folder `dir` (for example 'models/tiny-random'); named after the folder. */
export function loadModelFromFolder(dir: string, options: LoadOptions = {}): Promise<ExlmModel> {
  return ExlmModel.load(folderSource(dir), basename(resolve(dir)), options);
}

let wasmPathsSet = false;

/** Make tfjs use `backend` in Node. For 'wasm', the .wasm binaries are read from the installed
 *  @tensorflow/tfjs-backend-wasm package (a file path, no server needed). */
export async function setNodeBackend(backend: NodeBackend): Promise<void> {
  if (backend === 'wasm' && !wasmPathsSet) {
    const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(`${dirname(entry)}/`); // entry is .../dist/tf-backend-wasm.node.js
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend(backend)))
    throw new Error(`tfjs backend "${backend}" failed to start in Node`);
  await tf.ready();
}
