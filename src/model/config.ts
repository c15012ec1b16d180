// Parse and validate a model folder's config.json (docs/model-format.md). Every size the runtime
// uses comes from here, so a bad value is caught once, with the file and the field named.

// With the extension: vite.config.ts loads this file (through the model catalog plugin) with
// Node's own loader, which needs it.
import { type Architecture, checkQuality, type ModelQuality } from '../core/catalog.ts';
import { type ModelConfig, SPECIAL_IDS } from './types.ts';

const ARCHITECTURES: readonly Architecture[] = ['exlm', 'mlm'];

const POSITIVE_INTEGER_FIELDS = [
  'vocab_size',
  'hidden_size',
  'num_layers',
  'num_heads',
  'ffn_size',
  'expansion',
  'max_positions',
  'max_expanded_positions',
] as const;

type PositiveIntegerField = (typeof POSITIVE_INTEGER_FIELDS)[number];

/**
 * The largest sizes a config.json may give, in one place (docs/model-format.md, "Hostile
 * folders"). They are checked before anything is read or allocated for the model, so a corrupt
 * or hostile folder cannot make the page or the CLI reserve absurd amounts of memory.
 */
export const CONFIG_LIMITS: Readonly<Record<PositiveIntegerField, number>> = {
  vocab_size: 1_000_000,
  hidden_size: 8192,
  num_layers: 256,
  num_heads: 256,
  ffn_size: 65_536,
  expansion: 16,
  max_positions: 8192,
  max_expanded_positions: 131_072,
};

/** The most parameters the sizes may imply together: 2 GiB of float32 weights. */
export const MAX_PARAMETERS = 2 ** 29;

type Sizes = Pick<ModelConfig, 'architecture' | PositiveIntegerField>;

/** The parameters a config's tensors hold, by part (docs/model-format.md, "Tensor names"). */
function parameterParts(c: Sizes): { what: string; count: number }[] {
  const d = c.hidden_size;
  const layer = 4 * (d * d + d) + 4 * d + (d * c.ffn_size + c.ffn_size) + (c.ffn_size * d + d);
  const parts = [
    { what: 'vocab_size x hidden_size (the embedding)', count: c.vocab_size * d + c.vocab_size },
    {
      what: 'num_layers x the size of a layer (hidden_size, ffn_size)',
      count: c.num_layers * layer,
    },
    { what: 'the final and LM-head layers (hidden_size)', count: 2 * d + (d * d + d) + 2 * d },
  ];
  if (c.architecture === 'exlm') {
    parts.push({
      what: 'max_expanded_positions x hidden_size (the transition head)',
      count:
        c.max_expanded_positions * d + 2 * (2 * d * d + d) + (2 * d * c.num_heads + c.num_heads),
    });
  }
  return parts;
}

/** How many parameters (float numbers) a config's tensors hold, computed from its sizes alone. */
export function impliedParameterCount(config: Sizes): number {
  return parameterParts(config).reduce((sum, part) => sum + part.count, 0);
}

/** Thrown for any config.json problem; the message names the file and the field. */
export class ConfigError extends Error {
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ConfigError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parse the text of config.json; `path` only serves the error messages. */
export function parseConfigText(text: string, path: string): ModelConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, `is not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(json, path);
}

/** Validate an already parsed config.json object. */
export function parseConfig(json: unknown, path: string): ModelConfig {
  if (!isRecord(json)) throw new ConfigError(path, 'must hold a JSON object');
  const fail = (field: string, what: string): never => {
    throw new ConfigError(path, `field "${field}" ${what} (got ${JSON.stringify(json[field])})`);
  };

  const architecture = json.architecture;
  if (typeof architecture !== 'string' || !ARCHITECTURES.includes(architecture as Architecture)) {
    fail('architecture', `must be one of ${ARCHITECTURES.map((a) => `"${a}"`).join(', ')}`);
  }

  const sizes = {} as Record<PositiveIntegerField, number>;
  for (const field of POSITIVE_INTEGER_FIELDS) {
    const value = json[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      fail(field, 'must be a positive integer');
    }
    if ((value as number) > CONFIG_LIMITS[field]) {
      fail(field, `must be at most ${CONFIG_LIMITS[field]}, the limit for model folders`);
    }
    sizes[field] = value as number;
  }

  const eps = json.layer_norm_eps;
  if (typeof eps !== 'number' || !(eps > 0) || !Number.isFinite(eps)) {
    fail('layer_norm_eps', 'must be a positive number');
  }
  const ropeBase = json.rope_base;
  if (typeof ropeBase !== 'number' || !(ropeBase > 1) || !Number.isFinite(ropeBase)) {
    fail('rope_base', 'must be a number greater than 1');
  }

  const special = json.special_tokens;
  if (!isRecord(special)) fail('special_tokens', 'must be an object with pad, unk, cls, sep, mask');
  const specialTokens: ModelConfig['special_tokens'] = { ...SPECIAL_IDS };
  for (const [key, expected] of Object.entries(SPECIAL_IDS)) {
    const value = (special as Record<string, unknown>)[key];
    // The runtime (expansion, decoding) relies on the fixed ids of docs/design.md.
    if (value !== expected) {
      throw new ConfigError(
        path,
        `field "special_tokens.${key}" must be ${expected} (got ${JSON.stringify(value)}); ` +
          'this project fixes the special token ids (docs/design.md)',
      );
    }
  }

  const training = json.training;
  if (training !== undefined && !isRecord(training))
    fail('training', 'must be an object if present');

  // The measured quality the page shows next to the model's name: never a malformed number.
  let evaluation: ModelQuality | undefined;
  if (json.evaluation !== undefined) {
    const checked = checkQuality(json.evaluation);
    if (typeof checked === 'string') throw new ConfigError(path, `field "evaluation" ${checked}`);
    evaluation = checked;
  }

  const headDim = sizes.hidden_size / sizes.num_heads;
  if (!Number.isInteger(headDim) || headDim % 4 !== 0) {
    // 2D RoPE rotates two halves of each head with rotate-half: the head size must split in 4.
    throw new ConfigError(
      path,
      `hidden_size / num_heads must be a multiple of 4 for 2D RoPE (got ${sizes.hidden_size} / ${sizes.num_heads})`,
    );
  }
  if (architecture === 'mlm' && sizes.expansion !== 1) {
    fail('expansion', 'must be 1 for the "mlm" architecture');
  }
  if (sizes.max_expanded_positions < sizes.expansion * sizes.max_positions) {
    throw new ConfigError(
      path,
      `field "max_expanded_positions" must be at least expansion * max_positions = ` +
        `${sizes.expansion * sizes.max_positions} (got ${sizes.max_expanded_positions})`,
    );
  }

  // Each size within its limit can still multiply out to far more than a page can hold.
  const config = { architecture: architecture as Architecture, ...sizes };
  const total = impliedParameterCount(config);
  if (total > MAX_PARAMETERS) {
    const largest = parameterParts(config).reduce((a, b) => (b.count > a.count ? b : a));
    throw new ConfigError(
      path,
      `the sizes imply ${total} parameters (${((total * 4) / 2 ** 30).toFixed(1)} GiB as float32), ` +
        `more than the limit of ${MAX_PARAMETERS} (2 GiB as float32); the largest part is ` +
        `${largest.what}: ${largest.count}`,
    );
  }

  return {
    architecture: architecture as Architecture,
    ...sizes,
    layer_norm_eps: eps as number,
    rope_base: ropeBase as number,
    special_tokens: specialTokens,
    ...(training === undefined ? {} : { training: training as Record<string, unknown> }),
    ...(evaluation === undefined ? {} : { evaluation }),
  };
}
