import { describe, expect, it } from 'vitest';

import { checkGroupBytes, decodeGroup, parseManifest } from './weights-manifest';

const manifest = (weights: unknown[]): string =>
  JSON.stringify([{ paths: ['shard.bin'], weights }]);

describe('weights manifest decoding', () => {
  it('widens float16 (as dtype or as quantization) and reads float32 after it', () => {
    const halves = [0x3c00, 0xc000, 0x7bff, 0x0001, 0x3555]; // 1, -2, 65504, 2^-24, ~1/3
    const bytes = new Uint8Array(halves.length * 2 + 2 * 2 + 4);
    const view = new DataView(bytes.buffer);
    halves.forEach((h, i) => view.setUint16(2 * i, h, true));
    view.setUint16(10, 0x3800, true); // 0.5 via quantization {dtype: float16}
    view.setUint16(12, 0xbc00, true); // -1
    view.setFloat32(14, 0.1, true); // unaligned float32
    const [group] = parseManifest(
      manifest([
        { name: 'a', shape: [5], dtype: 'float16' },
        { name: 'b', shape: [2], dtype: 'float32', quantization: { dtype: 'float16' } },
        { name: 'c', shape: [], dtype: 'float32' },
      ]),
      'w.json',
    );
    const out = decodeGroup(group!, [bytes.buffer], ['shard.bin']);
    expect(Array.from(out.get('a')!.values)).toEqual([
      1,
      -2,
      65504,
      2 ** -24,
      Math.fround(0.333251953125),
    ]);
    expect(Array.from(out.get('b')!.values)).toEqual([0.5, -1]);
    expect(out.get('c')!.values[0]).toBeCloseTo(0.1, 7);
  });

  it('concatenates shards in order and applies uint8 affine quantization', () => {
    const [group] = parseManifest(
      manifest([
        {
          name: 'q',
          shape: [2, 2],
          dtype: 'float32',
          quantization: { dtype: 'uint8', scale: 0.5, min: -1 },
        },
      ]),
      'w.json',
    );
    const out = decodeGroup(
      group!,
      [new Uint8Array([0, 1]).buffer, new Uint8Array([2, 4]).buffer],
      ['s1', 's2'],
    );
    expect(Array.from(out.get('q')!.values)).toEqual([-1, -0.5, 0, 1]);
  });

  it('says when the shards are shorter or longer than the manifest, naming them', () => {
    const [group] = parseManifest(
      manifest([{ name: 'x', shape: [4], dtype: 'float32' }]),
      'w.json',
    );
    expect(() => decodeGroup(group!, [new ArrayBuffer(12)], ['m/shard.bin'])).toThrow(
      'weight shard m/shard.bin holds 12 bytes but weights.json describes 16 (4 bytes too few)',
    );
    expect(() => checkGroupBytes(group!, [new ArrayBuffer(17)], ['m/shard.bin'])).toThrow(
      'weight shard m/shard.bin holds 17 bytes but weights.json describes 16 (1 byte too many)',
    );
    expect(() =>
      checkGroupBytes(group!, [new ArrayBuffer(8), new ArrayBuffer(9)], ['m/a.bin', 'm/b.bin']),
    ).toThrow(
      'weight shards m/a.bin (8 bytes), m/b.bin (9 bytes) hold 17 bytes in all but weights.json describes 16',
    );
    expect(() => checkGroupBytes(group!, [], [])).toThrow(
      'no weight shard is listed but weights.json describes 16 (16 bytes too few)',
    );
    expect(() => checkGroupBytes(group!, [new ArrayBuffer(16)], ['m/shard.bin'])).not.toThrow();
  });

  it.each([
    '../../etc/passwd',
    '/etc/passwd',
    'C:\\x.bin',
    'a\\b.bin',
    'https://evil.example/x.bin',
    '//host/x.bin',
    'data:,x',
    'file:x.bin',
    '%2e%2e/x.bin',
    '.hidden',
    'a b.bin',
    'x'.repeat(256),
  ])('refuses the shard path %j before any shard is read', (path) => {
    const text = JSON.stringify([{ paths: [path], weights: [] }]);
    expect(() => parseManifest(text, 'm/weights.json')).toThrow(
      `m/weights.json: shard path ${JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}...` : path)} is not a file name inside the model folder`,
    );
  });

  it('accepts the names the exporter writes', () => {
    const paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin', 'weights_v2.bin', 'A-1'];
    expect(parseManifest(JSON.stringify([{ paths, weights: [] }]), 'w.json')[0]!.paths).toEqual(
      paths,
    );
  });

  it('refuses a shard or a tensor listed twice, across groups too', () => {
    const twice = [
      { paths: ['a.bin'], weights: [] },
      { paths: ['a.bin'], weights: [] },
    ];
    expect(() => parseManifest(JSON.stringify(twice), 'm/weights.json')).toThrow(
      'm/weights.json: shard path "a.bin" is listed twice',
    );
    const tensor = { name: 'x', shape: [1], dtype: 'float32' };
    const tensorTwice = [
      { paths: ['a.bin'], weights: [tensor] },
      { paths: ['b.bin'], weights: [tensor] },
    ];
    expect(() => parseManifest(JSON.stringify(tensorTwice), 'm/weights.json')).toThrow(
      'm/weights.json: tensor "x" appears twice',
    );
  });

  it('rejects malformed manifests with the path', () => {
    expect(() => parseManifest('{}', 'm/weights.json')).toThrow(
      /m\/weights\.json: must hold a non-empty array/,
    );
    expect(() =>
      parseManifest(manifest([{ name: 'x', shape: [2], dtype: 'int32' }]), 'm/weights.json'),
    ).toThrow(/tensor "x" has dtype "int32"/);
    expect(() =>
      parseManifest(manifest([{ name: 'x', shape: [2], dtype: 'float64' }]), 'm/weights.json'),
    ).toThrow(
      /m\/weights\.json group 0: tensor "x" has dtype "float64"; expected float32 or float16/,
    );
    expect(() =>
      parseManifest(manifest([{ name: 'x', shape: [-1], dtype: 'float32' }]), 'm/weights.json'),
    ).toThrow(/tensor "x" has an invalid shape/);
  });
});
