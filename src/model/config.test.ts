import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseConfig, parseConfigText } from './config';

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
});
