// Starts RDKit's MinimalLib for the molecule mode, once per page, in a worker of its own
// (rdkit.worker.ts): the worker's script and RDKit's 107 KB loader are chunks that only this file
// reaches, when molecule mode first shows the structure view, so the text page never downloads
// them; RDKit's WebAssembly (7.4 MB) comes from our own origin (/rdkit/, a static folder of
// vite.config.ts), never from a CDN. A failure says what went wrong and what to do; the next call
// tries again.
import * as Comlink from 'comlink';

import type { RdkitApi } from './rdkitApi';

export const RDKIT_WASM_URL = `${import.meta.env.BASE_URL}rdkit/RDKit_minimal.wasm`;

/** Where loading stopped: the worker's script, or RDKit's start (its WebAssembly, its glue). */
export type RdkitLoadStage = 'script' | 'wasm';

export class RdkitLoadError extends Error {
  override name = 'RdkitLoadError';
}

function detail(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** What to tell the reader when loading stopped at `stage` with `error`; `online` is
 *  navigator.onLine. Pure. */
export function rdkitLoadMessage(stage: RdkitLoadStage, error: unknown, online: boolean): string {
  const why = detail(error);
  if (/EvalError|(?<!wasm-)unsafe-eval|evaluate a string|code generation/i.test(why)) {
    return (
      `RDKit could not start: the server sent its worker the page's own Content-Security-Policy, ` +
      `which forbids the code generation RDKit's loader needs (${why}). The host must send the ` +
      `RDKit worker its own policy (see docs/molecules.md); the predictions still work.`
    );
  }
  if (stage === 'wasm' && /CompileError|compil|wasm-unsafe-eval/i.test(why)) {
    return (
      `The structure drawings need RDKit's WebAssembly, and this browser refused to compile it ` +
      `(${why}). WebAssembly may be turned off or blocked by a policy here; the predictions still ` +
      `work without it.`
    );
  }
  const offline =
    !online ||
    /fetch|network|offline|load failed|not load|import/i.test(why) ||
    error instanceof TypeError;
  if (offline) {
    return (
      `RDKit, the chemistry library that draws the structures (7.4 MB), could not be downloaded` +
      `${online ? '' : ': the page is offline'}. It is kept for offline use once molecule mode ` +
      `has been opened online: connect and open Molecules again. (${why})`
    );
  }
  return `RDKit, the chemistry library that draws the structures, did not start (${why}). Reload the page to try again.`;
}

export type RdkitClient = Comlink.Remote<RdkitApi>;

/** Asks the offline service worker (public/sw.js) to keep RDKit's WebAssembly: a first visit may
 *  have fetched it before the worker controlled the page. No worker (the dev server): nothing. */
function keepForOffline(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.ready
    .then((registration) => registration.active?.postMessage({ type: 'cache-rdkit' }))
    .catch(() => undefined);
}

async function start(): Promise<RdkitClient> {
  const worker = new Worker(new URL('./rdkit.worker.ts', import.meta.url), {
    type: 'module',
    name: 'rdkit',
  });
  const client = Comlink.wrap<RdkitApi>(worker);
  // A script that does not load never answers: its error event does.
  const scriptFailed = new Promise<never>((_, reject) => {
    worker.addEventListener(
      'error',
      (event) => {
        event.preventDefault();
        reject(
          new RdkitLoadError(
            rdkitLoadMessage(
              'script',
              new Error(event.message || 'the worker script did not load'),
              navigator.onLine,
            ),
          ),
        );
      },
      { once: true },
    );
  });
  try {
    await Promise.race([
      client.start(RDKIT_WASM_URL).catch((error: unknown) => {
        throw new RdkitLoadError(rdkitLoadMessage('wasm', error, navigator.onLine));
      }),
      scriptFailed,
    ]);
  } catch (error) {
    client[Comlink.releaseProxy]();
    worker.terminate();
    throw error;
  }
  return client;
}

let starting: Promise<RdkitClient> | null = null;

/** RDKit's worker, started once; a failed start is tried again on the next call. */
export function loadRdkit(): Promise<RdkitClient> {
  if (starting === null) {
    starting = start();
    starting.then(keepForOffline, () => {
      starting = null;
    });
  }
  return starting;
}
