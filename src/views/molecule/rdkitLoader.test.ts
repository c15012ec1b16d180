import { describe, expect, it } from 'vitest';

import { RDKIT_WASM_URL, rdkitLoadMessage } from './rdkitLoader';

describe('rdkitLoadMessage', () => {
  it('says the page is offline and what to do when the download failed offline', () => {
    const message = rdkitLoadMessage('wasm', new TypeError('Failed to fetch'), false);
    expect(message).toMatch(/could not be downloaded: the page is offline/);
    expect(message).toMatch(/connect and open Molecules again/);
  });

  it('names a failed download online too (the loader script or the WebAssembly)', () => {
    const script = rdkitLoadMessage(
      'script',
      new TypeError('Failed to fetch dynamically imported module: /assets/rdkit.js'),
      true,
    );
    expect(script).toMatch(/could not be downloaded\. It is kept for offline use/);
    expect(script).toContain('Failed to fetch dynamically imported module');
  });

  it('says WebAssembly was refused when compiling it failed', () => {
    const message = rdkitLoadMessage(
      'wasm',
      new Error(
        "CompileError: WebAssembly.instantiate(): Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not an allowed source",
      ),
      true,
    );
    expect(message).toMatch(/refused to compile it/);
    expect(message).toMatch(/the predictions still work/);
  });

  it("names the policy when the worker was sent the page's (no code generation)", () => {
    const message = rdkitLoadMessage(
      'wasm',
      new Error(
        "EvalError: Refused to evaluate a string as JavaScript because 'unsafe-eval' is not an allowed source",
      ),
      true,
    );
    expect(message).toMatch(/must send the RDKit worker its own policy/);
  });

  it('falls back to a reload for anything else', () => {
    expect(rdkitLoadMessage('wasm', new Error('Aborted(OOM)'), true)).toMatch(
      /did not start \(Aborted\(OOM\)\)\. Reload the page/,
    );
  });
});

describe('RDKIT_WASM_URL', () => {
  it('points at our own origin, under the base URL', () => {
    expect(RDKIT_WASM_URL).toBe('/rdkit/RDKit_minimal.wasm');
  });
});
