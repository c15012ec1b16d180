// The RDKit worker: RDKit's MinimalLib runs here, off the page. Its JavaScript glue builds functions
// from strings (Emscripten's embind: `new Function`), which the page's policy refuses; this worker's
// script is served with a policy of its own that allows it (scripts/build/csp.ts,
// RDKIT_WORKER_DIRECTIVES), and a worker can touch no page, so the page itself keeps its policy.
import initRDKitModule from '@rdkit/rdkit';
import * as Comlink from 'comlink';

import { createRdkitApi } from './rdkitApi';

const printed: string[] = [];

Comlink.expose(
  createRdkitApi(async (wasmUrl) => {
    try {
      return await initRDKitModule({
        locateFile: (file: string) => (file.endsWith('.wasm') ? wasmUrl : file),
        // Emscripten's own account of a failure, for the message rather than the console.
        printErr: (line: string) => printed.push(line),
      });
    } catch (error) {
      const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error([why, ...printed.splice(0)].join(' '));
    }
  }),
);
