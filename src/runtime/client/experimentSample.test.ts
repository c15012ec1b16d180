import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { EXPERIMENT_RATIOS, maskCount } from '../../model/maskRatio';
import { parseExperimentSample } from './experimentSample';

const SHIPPED = resolve(import.meta.dirname, '../../../public/experiment/test-sentences.json');

describe('the experiment sample', () => {
  it('reads the shipped file: about 150 sentences with their maskable words and sources', () => {
    const text = readFileSync(SHIPPED, 'utf8');
    expect(text.length).toBeLessThan(100_000);
    const sample = parseExperimentSample(text);
    expect(sample.sentences.length).toBeGreaterThanOrEqual(100);
    expect(sample.source).toMatchObject({ split: 'test' });
    expect(Object.keys(sample.source.packages as object).length).toBeGreaterThan(0);
    // Every ratio masks a different share: at least 3 maskable words per sentence.
    for (const sentence of sample.sentences) {
      expect(sentence.maskable!.length).toBeGreaterThanOrEqual(3);
      expect(maskCount(sentence.maskable!.length, EXPERIMENT_RATIOS[0]!)).toBe(1);
    }
  });

  it('names what is wrong with a malformed file', () => {
    expect(() => parseExperimentSample('{"format": 2}')).toThrow(/"format": 1/);
    expect(() => parseExperimentSample('{"format": 1, "sentences": []}')).toThrow(/no sentences/);
    expect(() =>
      parseExperimentSample('{"format": 1, "sentences": [{"words": ["a b"], "maskable": [0]}]}'),
    ).toThrow(/sentence 1/);
    expect(() =>
      parseExperimentSample('{"format": 1, "sentences": [{"words": ["a"], "maskable": [1]}]}'),
    ).toThrow(/sentence 1/);
    expect(() => parseExperimentSample('not json')).toThrow();
  });
});
