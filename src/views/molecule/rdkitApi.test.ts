// The RDKit worker's API on RDKit in Node: it starts once, refuses to draw before it has started,
// and tries again after a failed start.
import initRDKitModule from '@rdkit/rdkit';
import { describe, expect, it } from 'vitest';

import type { Rdkit } from './chemistry';
import { LARGE } from './drawContent';
import { createRdkitApi } from './rdkitApi';

describe('createRdkitApi', () => {
  it('starts RDKit once and draws with it', async () => {
    let starts = 0;
    const api = createRdkitApi(async () => {
      starts += 1;
      return initRDKitModule();
    });
    await expect(api.drawPlan({ smiles: 'CCO', atoms: [2], bonds: [] }, LARGE)).rejects.toThrow(
      'call start() first',
    );
    expect(await api.start('/rdkit/RDKit_minimal.wasm')).toMatch(/^2026\.09/);
    await api.start('/rdkit/RDKit_minimal.wasm');
    expect(starts).toBe(1);
    const drawn = await api.drawPlan({ smiles: 'CCO', atoms: [2], bonds: [] }, LARGE);
    expect(drawn.verdict).toEqual({ valid: true });
    expect(drawn.svg?.width).toBe(LARGE.width);
  });

  it('tries again after a failed start', async () => {
    let fail = true;
    const api = createRdkitApi(async (): Promise<Rdkit> => {
      if (fail) throw new Error('Failed to fetch');
      return initRDKitModule();
    });
    await expect(api.start('/x.wasm')).rejects.toThrow('Failed to fetch');
    fail = false;
    expect(await api.start('/x.wasm')).toMatch(/^2026/);
  });
});
