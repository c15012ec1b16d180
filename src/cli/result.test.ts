import { describe, expect, it } from 'vitest';
import type { Analysis } from '../model/types';
import { toPredictResult } from './result';
import { formatTable } from './table';

// A hand-made Analysis with two slots: only the fields the CLI reads matter here.
function analysisWithTwoSlots(): Analysis {
  return {
    model: 'hand-made',
    architecture: 'exlm',
    text: 'a [MASK] [MASK] .',
    tokens: ['[CLS]', 'a', '[MASK]', '[MASK]', '.', '[SEP]'],
    tokenIds: Int32Array.from([2, 10, 4, 4, 11, 3]),
    expanded: { tokenIds: new Int32Array(), pos1: new Int32Array(), pos2: new Int32Array() },
    states: new Int32Array(),
    stateTop: [],
    stateEntropy: new Float32Array(),
    links: new Float32Array(),
    gamma: new Float32Array(),
    masks: [
      {
        position: 2,
        top: [
          { id: 20, token: 'cat', prob: Math.fround(0.302) },
          { id: 21, token: 'dog', prob: 0.25 },
        ],
        entropy: Math.fround(1.23456789),
      },
      { position: 3, top: [{ id: 22, token: 'sat', prob: 0.9 }], entropy: 0.4 },
    ],
    fill: {
      path: Int32Array.from([0, 5, 9, 11]),
      tokenIds: Int32Array.from([20, 22]),
      tokens: ['cat', 'sat'],
      text: 'a cat sat .',
    },
    attention: [],
    elapsedMs: 1,
  };
}

describe('toPredictResult', () => {
  it('keeps the JSON contract and rounds float32 noise to 6 significant digits', () => {
    expect(toPredictResult(analysisWithTwoSlots())).toEqual({
      model: 'hand-made',
      tokens: ['[CLS]', 'a', '[MASK]', '[MASK]', '.', '[SEP]'],
      masks: [
        {
          position: 2,
          top: [
            { token: 'cat', prob: 0.302 },
            { token: 'dog', prob: 0.25 },
          ],
          entropy: 1.23457,
        },
        { position: 3, top: [{ token: 'sat', prob: 0.9 }], entropy: 0.4 },
      ],
      fill: { tokens: ['cat', 'sat'], text: 'a cat sat .' },
    });
  });
});

describe('formatTable', () => {
  it('lists each slot with its candidates, percentages and the best fill', () => {
    const table = formatTable(toPredictResult(analysisWithTwoSlots()), 'a [MASK] [MASK] .');
    expect(table).toContain('[MASK] 1 of 2 at position 2, entropy 1.23 nats');
    expect(table).toMatch(/1\. cat\s+30\.2%\s+#{6}\n/);
    expect(table).toMatch(/2\. dog\s+25\.0%\s+#{5}\n/);
    expect(table).toContain('[MASK] 2 of 2 at position 3, entropy 0.40 nats');
    expect(table).toContain('best fill: a cat sat .');
  });

  it('says there is nothing to predict without a mask', () => {
    const result = { ...toPredictResult(analysisWithTwoSlots()), masks: [] };
    expect(formatTable(result, 'a b')).toContain('no [MASK] in the text: nothing to predict');
  });
});

describe('formatTable with control characters', () => {
  it('shows them as markers, so a terminal never acts on an escape sequence', () => {
    const title = 'a \u001b[31mred\u001b[0m [MASK] \u202e';
    const table = formatTable(toPredictResult(analysisWithTwoSlots()), title);
    expect(table.includes('\u001b') || table.includes('\u202e')).toBe(false);
    expect(table.split('\n')[0]).toBe('a <U+001B>[31mred<U+001B>[0m [MASK] <U+202E>');
  });
});
