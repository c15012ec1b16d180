import { describe, expect, it } from 'vitest';

import { readStartupOptions } from './startupOptions';

describe('readStartupOptions', () => {
  it('reads a valid backend and ignores auto or absence', () => {
    const plain = { dev: false, problems: [] };
    expect(readStartupOptions('?backend=wasm')).toEqual({ ...plain, backend: 'wasm' });
    expect(readStartupOptions('')).toEqual({ ...plain, backend: null });
    expect(readStartupOptions('?backend=auto')).toEqual({ ...plain, backend: null });
  });
  it('reports an unknown backend with the valid names', () => {
    const { backend, problems } = readStartupOptions('?backend=metal');
    expect(backend).toBeNull();
    expect(problems[0]).toContain(
      '"metal", which does not exist (use one of webgpu, webgl, wasm, cpu',
    );
  });
  it('turns the development options on with ?dev=1 and reports a value it cannot read', () => {
    expect(readStartupOptions('?dev=1').dev).toBe(true);
    expect(readStartupOptions('?backend=wasm&dev').dev).toBe(true);
    expect(readStartupOptions('?dev=true')).toEqual({ backend: null, dev: true, problems: [] });
    expect(readStartupOptions('?dev=0')).toEqual({ backend: null, dev: false, problems: [] });
    const odd = readStartupOptions('?dev=maybe&backend=metal');
    expect(odd.dev).toBe(false);
    expect(odd.problems).toHaveLength(2);
    expect(odd.problems[1]).toContain('dev=maybe, which is neither on nor off');
  });
});
