// Decode a TensorFlow.js weights manifest (weights.json) and its shards into float32 arrays.
// Pure typed-array code: no tf here, so errors and byte layout can be tested on their own.
// Storage dtypes accepted: float32, float16 (either as dtype "float16" or as float32 with
// quantization {dtype: "float16"}, which is what tfjs's own converter writes), and uint8/uint16
// affine quantization (value = q * scale + min). Everything is widened to float32: WebGPU in tfjs
// has no fp16 compute.

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

function parseEntry(raw: unknown, where: string): ManifestEntry {
  if (!isRecord(raw) || typeof raw.name !== 'string')
    throw new WeightsError(`${where}: entry without a "name"`);
  const name = raw.name;
  const shape = raw.shape;
  if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n) && (n as number) >= 0)) {
    throw new WeightsError(
      `${where}: tensor "${name}" has an invalid shape ${JSON.stringify(shape)}`,
    );
  }
  const dims = shape as number[];
  const count = dims.reduce((a, b) => a * b, 1);
  const quantization = isRecord(raw.quantization) ? raw.quantization : undefined;
  const storage = quantization ? quantization.dtype : raw.dtype;
  if (raw.dtype !== 'float32' && raw.dtype !== 'float16') {
    throw new WeightsError(
      `${where}: tensor "${name}" has dtype ${JSON.stringify(raw.dtype)}; expected float32 or float16`,
    );
  }
  if (storage === 'float32')
    return { name, shape: dims, byteLength: 4 * count, decode: (b) => readFloat32(b, count) };
  if (storage === 'float16')
    return { name, shape: dims, byteLength: 2 * count, decode: (b) => readFloat16(b, count) };
  if ((storage === 'uint8' || storage === 'uint16') && quantization) {
    const scale = Number(quantization.scale ?? 1);
    const min = Number(quantization.min ?? 0);
    const width = storage === 'uint8' ? 1 : 2;
    return {
      name,
      shape: dims,
      byteLength: width * count,
      decode: (b) => readAffine(b, count, width, scale, min),
    };
  }
  throw new WeightsError(
    `${where}: tensor "${name}" has an unsupported storage type ${JSON.stringify(storage)}`,
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
  return json.map((group: unknown, g) => {
    const where = `${path} group ${g}`;
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new WeightsError(`${where}: must have "paths" and "weights" arrays`);
    }
    if (!group.paths.every((p) => typeof p === 'string'))
      throw new WeightsError(`${where}: "paths" must be strings`);
    return {
      paths: group.paths as string[],
      entries: group.weights.map((w) => parseEntry(w, where)),
    };
  });
}

/** Decode one group from its shards' bytes (in manifest order). `shardNames` serve the errors. */
export function decodeGroup(
  group: ManifestGroup,
  shards: ArrayBuffer[],
  shardNames: string[],
): Map<string, { shape: number[]; values: Float32Array }> {
  const total = shards.reduce((sum, s) => sum + s.byteLength, 0);
  const needed = group.entries.reduce((sum, e) => sum + e.byteLength, 0);
  if (total < needed) {
    throw new WeightsError(
      `weight shards ${shardNames.join(', ')} hold ${total} bytes but weights.json describes ${needed}`,
    );
  }
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
