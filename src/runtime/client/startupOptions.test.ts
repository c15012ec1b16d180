import { describe, expect, it } from 'vitest';

import { readStartupOptions } from './startupOptions';

describe('readStartupOptions', () => {
  it('reads a valid backend and ignores auto or absence', () => {
    expect(readStartupOptions('?backend=wasm')).toEqual({ backend: 'wasm', problems: [] });
    expect(readStartupOptions('')).toEqual({ backend: null, problems: [] });
    expect(readStartupOptions('?backend=auto')).toEqual({ backend: null, problems: [] });
  });
  it('reports an unknown backend with the valid names', () => {
    const { backend, problems } = readStartupOptions('?backend=metal');
    expect(backend).toBeNull();
    expect(problems[0]).toContain(
      '"metal", which does not exist (use one of webgpu, webgl, wasm, cpu',
    );
  });
});
