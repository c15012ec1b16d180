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

describe('int8 weights (training/quantize.py)', () => {
  const int8 = (scaleAxis: unknown, scaleDtype: unknown): Record<string, unknown> => ({
    dtype: 'int8',
    original_dtype: 'float32',
    scale_axis: scaleAxis,
    scale_dtype: scaleDtype,
  });
  /** int8 values, then the scales as `scaleDtype` (float16 written from exact halves). */
  const bytesOf = (
    q: number[],
    scales: number[],
    scaleDtype: 'float16' | 'float32',
  ): ArrayBuffer => {
    const width = scaleDtype === 'float16' ? 2 : 4;
    const bytes = new Uint8Array(q.length + width * scales.length);
    bytes.set(
      Int8Array.from(q).map((v) => v),
      0,
    );
    new Int8Array(bytes.buffer).set(q);
    const view = new DataView(bytes.buffer);
    scales.forEach((s, i) => {
      const at = q.length + width * i;
      if (scaleDtype === 'float32') view.setFloat32(at, s, true);
      else view.setUint16(at, HALVES.get(s)!, true);
    });
    return bytes.buffer;
  };
  const HALVES = new Map([
    [0.5, 0x3800],
    [2, 0x4000],
    [0.25, 0x3400],
    [Infinity, 0x7c00],
    [-1, 0xbc00],
  ]);
  const decode = (entry: Record<string, unknown>, buffer: ArrayBuffer): number[] => {
    const [group] = parseManifest(manifest([{ name: 'w', dtype: 'float32', ...entry }]), 'w.json');
    return Array.from(decodeGroup(group!, [buffer], ['s.bin']).get('w')!.values);
  };
  const q = [1, -2, 127, -127, 0, 3]; // a [2, 3] matrix

  it('scales each row (axis 0) or each column (axis 1), with float16 or float32 scales', () => {
    const rows = decode(
      { shape: [2, 3], quantization: int8(0, 'float16') },
      bytesOf(q, [0.5, 2], 'float16'),
    );
    expect(rows).toEqual([0.5, -1, 63.5, -254, 0, 6]);
    const columns = decode(
      { shape: [2, 3], quantization: int8(1, 'float32') },
      bytesOf(q, [0.5, 2, 0.1], 'float32'),
    );
    const tenth = Math.fround(0.1);
    expect(columns).toEqual([0.5, -4, Math.fround(127 * tenth), -63.5, 0, Math.fround(3 * tenth)]);
  });

  it('reads an int8 tensor between others, unaligned, and its scales count towards the shard', () => {
    const buffer = new Uint8Array(2 + 6 + 2 * 2 + 4);
    buffer.set(new Uint8Array(bytesOf(q, [0.25, 2], 'float16')), 2);
    new DataView(buffer.buffer).setUint16(0, 0x3c00, true); // 1 (float16)
    new DataView(buffer.buffer).setFloat32(12, -3, true);
    const [group] = parseManifest(
      manifest([
        { name: 'a', shape: [1], dtype: 'float16' },
        { name: 'w', shape: [2, 3], dtype: 'float32', quantization: int8(0, 'float16') },
        { name: 'b', shape: [1], dtype: 'float32' },
      ]),
      'w.json',
    );
    expect(group!.entries.map((e) => e.byteLength)).toEqual([2, 6 + 4, 4]);
    const out = decodeGroup(group!, [buffer.buffer], ['s.bin']);
    expect(Array.from(out.get('w')!.values)).toEqual([0.25, -0.5, 31.75, -254, 0, 6]);
    expect(Array.from(out.get('b')!.values)).toEqual([-3]);
    expect(() => decodeGroup(group!, [buffer.buffer.slice(0, 14)], ['m/s.bin'])).toThrow(
      'weight shard m/s.bin holds 14 bytes but weights.json describes 16 (2 bytes too few)',
    );
  });

  it('scales along the middle axis of a 3-d tensor', () => {
    // [2, 2, 2]: scale index is the middle coordinate
    const values = decode(
      { shape: [2, 2, 2], quantization: int8(1, 'float16') },
      bytesOf([1, 2, 3, 4, 5, 6, 7, 8], [0.5, 2], 'float16'),
    );
    expect(values).toEqual([0.5, 1, 6, 8, 2.5, 3, 14, 16]);
  });

  it.each([
    [
      int8(0, 'bfloat16'),
      /tensor "w" is int8 with scale_dtype "bfloat16"; this runtime reads int8 scales stored as "float16" or "float32"/,
    ],
    [int8(0, undefined), /tensor "w" is int8 with scale_dtype missing/],
    [
      int8(2, 'float16'),
      /tensor "w" is int8 with scale_axis 2, which is not an axis of its shape \[2, 3\]; expected an integer from 0 to 1/,
    ],
    [int8(undefined, 'float16'), /tensor "w" is int8 with scale_axis missing/],
    [int8('0', 'float16'), /tensor "w" is int8 with scale_axis "0"/],
    [int8(0.5, 'float16'), /scale_axis 0.5/],
    [int8(-1, 'float16'), /scale_axis -1/],
  ])('refuses a malformed scale record %j, naming the tensor', (quantization, message) => {
    expect(() =>
      parseManifest(
        manifest([{ name: 'w', shape: [2, 3], dtype: 'float32', quantization }]),
        'm/weights.json',
      ),
    ).toThrow(message);
  });

  it('refuses scales that are not finite or are negative, naming the tensor and the scale', () => {
    const entry = { shape: [2, 3], quantization: int8(0, 'float16') };
    expect(() => decode(entry, bytesOf(q, [0.5, Infinity], 'float16'))).toThrow(
      'w.json group 0: tensor "w": its int8 scale 1 (in the weight shards) is Infinity; scales must be finite and not negative',
    );
    expect(() => decode(entry, bytesOf(q, [-1, 2], 'float16'))).toThrow(/int8 scale 0 .* is -1/);
  });

  it('refuses storage types it does not read, listing the ones it does', () => {
    const stored =
      (quantization: unknown, dtype = 'float32'): (() => unknown) =>
      () =>
        parseManifest(manifest([{ name: 'w', shape: [2], dtype, quantization }]), 'm/weights.json');
    const supported =
      'it reads float32, float16, uint8 or uint16 (affine: a number "scale" and "min") and int8';
    expect(stored({ dtype: 'int4' })).toThrow(
      `tensor "w" is stored as "int4", which this runtime does not read; ${supported}`,
    );
    expect(stored({ scale: 1 })).toThrow('tensor "w" is stored as missing, which this runtime');
    expect(stored(undefined, 'int8')).toThrow(
      /tensor "w" has dtype "int8"; expected float32 or float16, with any other storage named in "quantization" \(this runtime reads float32, float16, uint8 or uint16 .* and int8/,
    );
    expect(stored({ dtype: 'uint8', scale: 'big', min: 0 })).toThrow(
      'tensor "w" is uint8 with scale "big" and min 0; both must be finite numbers',
    );
    expect(stored({ dtype: 'uint16', scale: 0.5 })).toThrow(
      'uint16 with scale 0.5 and min missing',
    );
  });
});
