import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  CONFIG_LIMITS,
  impliedParameterCount,
  MAX_PARAMETERS,
  parseConfig,
  parseConfigText,
} from './config';
import { expectedTensors } from './weights';

const fixtureText = readFileSync(
  new URL('../../models/tiny-random/config.json', import.meta.url),
  'utf8',
);
const fixture = (): Record<string, unknown> => JSON.parse(fixtureText) as Record<string, unknown>;

describe('config.json', () => {
  it('parses the fixture', () => {
    const config = parseConfigText(fixtureText, 'models/tiny-random/config.json');
    expect(config).toMatchObject({
      architecture: 'exlm',
      hidden_size: 32,
      num_heads: 2,
      expansion: 4,
      layer_norm_eps: 1e-5,
    });
    expect(config.special_tokens).toEqual({ pad: 0, unk: 1, cls: 2, sep: 3, mask: 4 });
  });

  it.each([
    [
      'hidden_size',
      undefined,
      /cfg\.json: field "hidden_size" must be a positive integer \(got undefined\)/,
    ],
    ['num_layers', 1.5, /field "num_layers" must be a positive integer \(got 1.5\)/],
    ['architecture', 'gpt', /field "architecture" must be one of "exlm", "mlm" \(got "gpt"\)/],
    ['layer_norm_eps', 0, /field "layer_norm_eps" must be a positive number/],
    ['rope_base', '10000', /field "rope_base" must be a number greater than 1/],
    [
      'special_tokens',
      { pad: 0, unk: 1, cls: 2, sep: 3, mask: 103 },
      /field "special_tokens.mask" must be 4 \(got 103\)/,
    ],
    ['num_heads', 3, /hidden_size \/ num_heads must be a multiple of 4/],
    [
      'max_expanded_positions',
      100,
      /"max_expanded_positions" must be at least expansion \* max_positions = 256/,
    ],
  ])('names the file and the field when %s is %j', (field, value, message) => {
    const json = fixture();
    if (value === undefined) delete json[field];
    else json[field] = value;
    expect(() => parseConfig(json, 'cfg.json')).toThrow(message);
  });

  it('keeps a valid "evaluation" (the measured quality) and names a malformed one', () => {
    const row = { ratio: 0.15, masks: 2317, top1: 0.308589, top5: 0.488131, entropy: 4.337034 };
    const json = {
      ...fixture(),
      evaluation: { tool: 'npm run eval', sentences: 1000, ratios: [row] },
    };
    expect(parseConfig(json, 'cfg.json').evaluation).toEqual({ sentences: 1000, ratios: [row] });
    expect(parseConfig(fixture(), 'cfg.json')).not.toHaveProperty('evaluation');
    const bad = { ...fixture(), evaluation: { sentences: 1000, ratios: [{ ...row, top5: 1.2 }] } };
    expect(() => parseConfig(bad, 'cfg.json')).toThrow(
      'cfg.json: field "evaluation" "ratios" entry 0: "top1" and "top5" must be shares from 0 to 1',
    );
    const shipped = new URL('../../models/exlm-en-small/config.json', import.meta.url);
    const config = parseConfigText(readFileSync(shipped, 'utf8'), 'exlm-en-small/config.json');
    expect(config.evaluation?.ratios.map((r) => r.ratio)).toEqual([0.15, 0.3, 0.5]);
  });

  it('requires expansion 1 for the MLM twin', () => {
    expect(() => parseConfig({ ...fixture(), architecture: 'mlm' }, 'cfg.json')).toThrow(
      /field "expansion" must be 1/,
    );
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseConfigText('{"vocab_size": ', 'm/config.json')).toThrow(
      /m\/config\.json: is not valid JSON/,
    );
  });

  it.each(Object.entries(CONFIG_LIMITS))(
    'refuses %s past its limit of %d, naming the file, the field and the limit',
    (field, limit) => {
      expect(() => parseConfig({ ...fixture(), [field]: limit + 1 }, 'm/config.json')).toThrow(
        `m/config.json: field "${field}" must be at most ${limit}, the limit for model folders (got ${limit + 1})`,
      );
    },
  );

  it('refuses a vocabulary of 10^9 and 10^4 layers', () => {
    expect(() => parseConfig({ ...fixture(), vocab_size: 1e9 }, 'm/config.json')).toThrow(
      'field "vocab_size" must be at most 1000000',
    );
    expect(() => parseConfig({ ...fixture(), num_layers: 1e4 }, 'm/config.json')).toThrow(
      'field "num_layers" must be at most 256',
    );
  });

  it('refuses sizes within their limits whose product passes 2 GiB of float32', () => {
    const big = { ...fixture(), hidden_size: 8192, num_heads: 64, num_layers: 8, ffn_size: 32768 };
    expect(() => parseConfig(big, 'm/config.json')).toThrow(
      /^m\/config\.json: the sizes imply \d+ parameters \(\d+\.\d GiB as float32\), more than the limit of 536870912 \(2 GiB as float32\); the largest part is num_layers x the size of a layer \(hidden_size, ffn_size\): \d+$/,
    );
    // Just under the limit is accepted.
    const fits = { ...fixture(), vocab_size: 50_000, hidden_size: 1024, num_heads: 16 };
    expect(impliedParameterCount(parseConfig(fits, 'm/config.json'))).toBeLessThan(MAX_PARAMETERS);
  });

  it('counts the parameters the tensors of docs/model-format.md hold', () => {
    for (const architecture of ['exlm', 'mlm'] as const) {
      const config = parseConfig(
        { ...fixture(), architecture, ...(architecture === 'mlm' ? { expansion: 1 } : {}) },
        'cfg.json',
      );
      const fromTensors = [...expectedTensors(config).values()].reduce(
        (sum, shape) => sum + shape.reduce((a, b) => a * b, 1),
        0,
      );
      expect(impliedParameterCount(config)).toBe(fromTensors);
    }
  });

  it('states the limits in docs/model-format.md as they are in the code', () => {
    const doc = readFileSync(new URL('../../docs/model-format.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Hostile folders'));
    const documented = Object.fromEntries(
      [...section.matchAll(/^\| `(\w+)` +\| ([\d,]+) /gm)].map((m) => [
        m[1],
        Number(m[2]!.replaceAll(',', '')),
      ]),
    );
    expect(documented).toEqual({ ...CONFIG_LIMITS, parameters: MAX_PARAMETERS });
  });
});
