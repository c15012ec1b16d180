// Decode a TensorFlow.js weights manifest (weights.json) and its shards into float32 arrays.
// Pure typed-array code: no tf here, so errors and byte layout can be tested on their own.
// Storage dtypes accepted: float32, float16 (either as dtype "float16" or as float32 with
// quantization {dtype: "float16"}, which is what tfjs's own converter writes), uint8/uint16
// affine quantization (value = q * scale + min), and our symmetric int8 with one scale per row or
// column stored after the values (docs/model-format.md, "int8 weights"; training/quantize.py
// writes it). Everything is widened to float32 here, in typed arrays, so no tensor is made before
// the weights are complete: WebGPU in tfjs has no fp16 compute, and tfjs no int8 dtype.
//
// A manifest comes from a folder that may be hostile: its shard paths must be plain file names
// inside the folder, its tensor names unique, and the shards must hold exactly the bytes its
// tensors need (docs/model-format.md, "Hostile folders"). Paths and names are checked before any
// shard is read, sizes before anything is decoded.

import { isPlainFileName, NOT_A_FILE_NAME, quoteName } from './source';

export interface ManifestEntry {
  name: string;
  shape: number[];
  /** Bytes this entry occupies in its group's concatenated shards. */
  byteLength: number;
  decode(bytes: Uint8Array): Float32Array;
}

export interface ManifestGroup {
  paths: string[];
  entries: ManifestEntry[];
}

export class WeightsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightsError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let float16Table: Float32Array | null = null;

/** All 65536 half-precision values as float32, built once (256 KB). */
function halfToFloatTable(): Float32Array {
  if (float16Table) return float16Table;
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) table[h] = sign * 2 ** -14 * (fraction / 1024);
    else if (exponent === 31) table[h] = fraction === 0 ? sign * Infinity : NaN;
    else table[h] = sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }
  float16Table = table;
  return table;
}

/** Little-endian element reads that do not need the bytes to be aligned. */
function readFloat32(bytes: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  new Uint8Array(out.buffer).set(bytes.subarray(0, count * 4));
  return out;
}

function readFloat16(bytes: Uint8Array, count: number): Float32Array {
  const table = halfToFloatTable();
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = table[bytes[2 * i]! | (bytes[2 * i + 1]! << 8)]!;
  return out;
}

function readScales(bytes: Uint8Array, count: number, dtype: ScaleDtype): Float32Array {
  return dtype === 'float16' ? readFloat16(bytes, count) : readFloat32(bytes, count);
}

function readAffine(
  bytes: Uint8Array,
  count: number,
  width: 1 | 2,
  scale: number,
  min: number,
): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const q = width === 1 ? bytes[i]! : bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
    out[i] = q * scale + min;
  }
  return out;
}

/** What this runtime reads, for the messages that refuse anything else. */
const SUPPORTED_STORAGE =
  'float32, float16, uint8 or uint16 (affine: a number "scale" and "min") and int8 ' +
  '(symmetric: "scale_axis" and "scale_dtype" float16 or float32; docs/model-format.md)';

const SCALE_DTYPES = { float16: 2, float32: 4 } as const;
type ScaleDtype = keyof typeof SCALE_DTYPES;
/** A manifest value for a message; "missing" when absent. */
const shown = (value: unknown): string => (value === undefined ? 'missing' : JSON.stringify(value));

const isScaleDtype = (value: unknown): value is ScaleDtype =>
  value === 'float16' || value === 'float32';

/**
 * int8 values (row-major, two's complement) and then one scale per index along `axis`: the value
 * at i is q[i] * scale[its index along axis]. Scales must be finite and not negative.
 */
function readSymmetricInt8(
  bytes: Uint8Array,
  shape: number[],
  axis: number,
  scaleDtype: ScaleDtype,
  what: string,
): Float32Array {
  const count = shape.reduce((a, b) => a * b, 1);
  const scaleCount = shape[axis]!;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, count);
  const scales = readScales(bytes.subarray(count), scaleCount, scaleDtype);
  const bad = scales.findIndex((s) => !(s >= 0 && s < Infinity));
  if (bad >= 0) {
    throw new WeightsError(
      `${what}: its int8 scale ${bad} (in the weight shards) is ${scales[bad]}; scales must be finite and not negative`,
    );
  }
  const out = new Float32Array(count);
  for (let start = 0; start < count; start += scaleCount * inner) {
    for (let a = 0; a < scaleCount; a++) {
      const scale = scales[a]!;
      const from = start + a * inner;
      for (let i = from; i < from + inner; i++) out[i] = q[i]! * scale;
    }
  }
  return out;
}

/** An int8 entry's layout from its quantization record, or a message naming what is wrong. */
function int8Entry(
  name: string,
  shape: number[],
  quantization: Record<string, unknown>,
  where: string,
): ManifestEntry {
  const tensor = quoteName(name);
  const { scale_axis: axis, scale_dtype: scaleDtype } = quantization;
  if (!isScaleDtype(scaleDtype)) {
    throw new WeightsError(
      `${where}: tensor ${tensor} is int8 with scale_dtype ${shown(scaleDtype)}; ` +
        'this runtime reads int8 scales stored as "float16" or "float32" (docs/model-format.md, "int8 weights")',
    );
  }
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < 0 || axis >= shape.length) {
    throw new WeightsError(
      `${where}: tensor ${tensor} is int8 with scale_axis ${shown(axis)}, ` +
        `which is not an axis of its shape [${shape.join(', ')}]; expected an integer from 0 to ` +
        `${shape.length - 1} (0: one scale per row, 1: one per column; docs/model-format.md, "int8 weights")`,
    );
  }
  const count = shape.reduce((a, b) => a * b, 1);
  return {
    name,
    shape,
    byteLength: count + shape[axis]! * SCALE_DTYPES[scaleDtype],
    decode: (b) => readSymmetricInt8(b, shape, axis, scaleDtype, `${where}: tensor ${tensor}`),
  };
}

function parseEntry(raw: unknown, where: string): ManifestEntry {
  if (!isRecord(raw) || typeof raw.name !== 'string')
    throw new WeightsError(`${where}: entry without a "name"`);
  const name = raw.name;
  const shape = raw.shape;
  if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n) && (n as number) >= 0)) {
    throw new WeightsError(
      `${where}: tensor ${quoteName(name)} has an invalid shape ${JSON.stringify(shape)}`,
    );
  }
  const dims = shape as number[];
  const count = dims.reduce((a, b) => a * b, 1);
  const quantization = isRecord(raw.quantization) ? raw.quantization : undefined;
  const storage = quantization ? quantization.dtype : raw.dtype;
  if (raw.dtype !== 'float32' && raw.dtype !== 'float16') {
    throw new WeightsError(
      `${where}: tensor ${quoteName(name)} has dtype ${shown(raw.dtype)}; expected float32 or float16, ` +
        `with any other storage named in "quantization" (this runtime reads ${SUPPORTED_STORAGE})`,
    );
  }
  if (storage === 'float32')
    return { name, shape: dims, byteLength: 4 * count, decode: (b) => readFloat32(b, count) };
  if (storage === 'float16')
    return { name, shape: dims, byteLength: 2 * count, decode: (b) => readFloat16(b, count) };
  if (storage === 'int8' && quantization) return int8Entry(name, dims, quantization, where);
  if ((storage === 'uint8' || storage === 'uint16') && quantization) {
    const { scale, min } = quantization;
    if (
      typeof scale !== 'number' ||
      !Number.isFinite(scale) ||
      typeof min !== 'number' ||
      !Number.isFinite(min)
    ) {
      throw new WeightsError(
        `${where}: tensor ${quoteName(name)} is ${storage} with scale ${shown(scale)} ` +
          `and min ${shown(min)}; both must be finite numbers`,
      );
    }
    const width = storage === 'uint8' ? 1 : 2;
    return {
      name,
      shape: dims,
      byteLength: width * count,
      decode: (b) => readAffine(b, count, width, scale, min),
    };
  }
  throw new WeightsError(
    `${where}: tensor ${quoteName(name)} is stored as ${shown(storage)}, which this runtime ` +
      `does not read; it reads ${SUPPORTED_STORAGE}`,
  );
}

/** Parse weights.json text; `path` only serves the error messages. */
export function parseManifest(text: string, path: string): ManifestGroup[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WeightsError(`${path}: is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(json) || json.length === 0) {
    throw new WeightsError(`${path}: must hold a non-empty array of {"paths", "weights"} groups`);
  }
  const shardPaths = new Set<string>();
  const tensorNames = new Set<string>();
  return json.map((group: unknown, g) => {
    const where = `${path} group ${g}`;
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new WeightsError(`${where}: must have "paths" and "weights" arrays`);
    }
    if (!group.paths.every((p) => typeof p === 'string'))
      throw new WeightsError(`${where}: "paths" must be strings`);
    for (const shard of group.paths as string[]) {
      // No absolute paths, no "..", no "%2e%2e", no backslashes, no URLs: a plain name only.
      if (!isPlainFileName(shard))
        throw new WeightsError(`${path}: shard path ${quoteName(shard)} ${NOT_A_FILE_NAME}`);
      if (shardPaths.has(shard))
        throw new WeightsError(`${path}: shard path ${quoteName(shard)} is listed twice`);
      shardPaths.add(shard);
    }
    const entries = group.weights.map((w) => parseEntry(w, where));
    for (const { name } of entries) {
      if (tensorNames.has(name))
        throw new WeightsError(`${path}: tensor ${quoteName(name)} appears twice`);
      tensorNames.add(name);
    }
    return { paths: group.paths as string[], entries };
  });
}

/** Bytes a group's shards must hold, together: exactly what its tensors take. */
export function groupByteLength(group: ManifestGroup): number {
  return group.entries.reduce((sum, e) => sum + e.byteLength, 0);
}

/**
 * Refuse shards that do not hold exactly the bytes the group's tensors take, naming the shards,
 * the bytes expected and the bytes found. Too few would leave tensors unfilled; too many means
 * the shards are not the ones the manifest was written for. `shardNames` serve the message.
 */
export function checkGroupBytes(
  group: ManifestGroup,
  shards: readonly { byteLength: number }[],
  shardNames: readonly string[],
): void {
  const total = shards.reduce((sum, s) => sum + s.byteLength, 0);
  const needed = groupByteLength(group);
  if (total === needed) return;
  const difference = Math.abs(total - needed);
  const how = `${difference} byte${difference === 1 ? '' : 's'} too ${total > needed ? 'many' : 'few'}`;
  let held: string;
  if (shards.length === 0) held = 'no weight shard is listed';
  else if (shards.length === 1) held = `weight shard ${shardNames[0]} holds ${total} bytes`;
  else {
    const each = shardNames.map((n, i) => `${n} (${shards[i]!.byteLength} bytes)`).join(', ');
    held = `weight shards ${each} hold ${total} bytes in all`;
  }
  throw new WeightsError(`${held} but weights.json describes ${needed} (${how})`);
}

/** Decode one group from its shards' bytes (in manifest order). `shardNames` serve the errors. */
export function decodeGroup(
  group: ManifestGroup,
  shards: ArrayBuffer[],
  shardNames: string[],
): Map<string, { shape: number[]; values: Float32Array }> {
  checkGroupBytes(group, shards, shardNames);
  const total = groupByteLength(group);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const shard of shards) {
    bytes.set(new Uint8Array(shard), offset);
    offset += shard.byteLength;
  }
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  offset = 0;
  for (const entry of group.entries) {
    out.set(entry.name, {
      shape: entry.shape,
      values: entry.decode(bytes.subarray(offset, offset + entry.byteLength)),
    });
    offset += entry.byteLength;
  }
  return out;
}
