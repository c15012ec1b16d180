import { describe, expect, it } from 'vitest';

import type { Analysis } from '../../model/types';
import {
  CSV_HEADER,
  RESULTS_FORMAT,
  resultsCsv,
  resultsJson,
  resultsJsonText,
} from './exportResults';
import { TINY } from './tinyExpanded.testdata';

const top = (...pairs: [string, number][]) =>
  pairs.map(([token, prob], id) => ({ id: id + 10, token, prob }));

/** "[CLS] the [MASK] sat [SEP]" with k = 2 (tinyExpanded.testdata.ts): 6 states, one slot. The
 *  links are those of a chain with two choices per step; path 0 -> 2 -> 4. */
function exlm(): Analysis {
  const L = 6;
  const links = new Float32Array(L * L).fill(-Infinity);
  const set = (from: number, to: number, p: number) => (links[from * L + to] = Math.log(p));
  set(0, 2, 0.7);
  set(0, 3, 0.3);
  set(1, 2, 0.96);
  set(1, 3, 0.04);
  set(2, 4, 0.02); // on the path, under any threshold
  set(2, 5, 0.98);
  set(3, 4, 0.5);
  set(3, 5, 0.5);
  return {
    model: 'tiny',
    architecture: 'exlm',
    text: 'the [MASK] sat',
    ...TINY,
    tokenIds: Int32Array.from([2, 10, 4, 11, 3]),
    stateTop: [
      top(['the', 0.5], ['a', 0.25], ['sat', 0.125]),
      top(['the', 0.5]),
      top(['cat', 0.625], ['dog', 0.25], ['"hat"', 0.0625]),
      top(['dog', 0.5]),
      top(['.', 0.75]),
      top(['.', 0.75]),
    ],
    stateEntropy: Float32Array.from([1, 1.5, 0.75, 2, 0.5, 0.25]),
    links,
    gamma: Float32Array.from([0, 0, 0.6, 0.4, 0, 0]),
    masks: [
      { position: 2, top: top(['cat', 0.5], ['dog, big', 0.25], ['=1+2', 0.125]), entropy: 1.25 },
    ],
    fill: {
      path: Int32Array.from([0, 2, 4]),
      tokenIds: Int32Array.from([12]),
      tokens: ['cat'],
      text: 'the cat sat',
    },
    attention: [new Float32Array(64)],
    elapsedMs: 3,
  };
}

function mlm(): Analysis {
  const a = exlm();
  return {
    ...a,
    model: 'tiny-mlm',
    architecture: 'mlm',
    links: new Float32Array(36).fill(-Infinity),
    masks: [{ position: 2, top: top(['dog', 0.75], ['cat', 0.25]), entropy: 0.5 }],
  };
}

describe('resultsJson', () => {
  it('gives the documented shape: tokens, slots, fill, states and links above the threshold', () => {
    const json = resultsJson({
      analyses: [exlm()],
      hiddenWords: ['cat'],
      topK: 2,
      dagThreshold: 0.5,
    });
    expect(json).toMatchObject({
      format: RESULTS_FORMAT,
      version: 1,
      input: 'the [MASK] sat',
      topK: 2,
      dagThreshold: 0.5,
    });
    expect(json.analyses).toHaveLength(1);
    const [analysis] = json.analyses;
    expect(analysis?.model).toBe('tiny');
    expect(analysis?.architecture).toBe('exlm');
    expect(analysis?.tokens).toEqual(['[CLS]', 'the', '[MASK]', 'sat', '[SEP]']);
    expect(analysis?.slots).toEqual([
      {
        slot: 1,
        position: 2,
        hiddenWord: 'cat',
        entropy: 1.25,
        top: [
          { rank: 1, token: 'cat', prob: 0.5 },
          { rank: 2, token: 'dog, big', prob: 0.25 },
        ],
      },
    ]);
    expect(analysis?.fill).toEqual({ tokens: ['cat'], text: 'the cat sat', path: [0, 2, 4] });
    expect(analysis?.states.map((s) => [s.state, s.position, s.copy, s.token, s.onPath])).toEqual([
      [0, 0, 1, '[CLS]', true],
      [1, 0, 2, '[CLS]', false],
      [2, 2, 1, '[MASK]', true],
      [3, 2, 2, '[MASK]', false],
      [4, 4, 1, '[SEP]', true],
      [5, 4, 2, '[SEP]', false],
    ]);
    expect(analysis?.states[2]).toMatchObject({
      entropy: 0.75,
      top: [
        { rank: 1, token: 'cat', prob: 0.625 },
        { rank: 2, token: 'dog', prob: 0.25 },
      ],
    });
    // >= 0.5 (float32 tolerance as the DAG view), plus the path's weak 2 -> 4, ordered by state.
    expect(analysis?.links.map((l) => [l.from, l.to, l.onPath])).toEqual([
      [0, 2, true],
      [1, 2, false],
      [2, 4, true],
      [2, 5, false],
      [3, 4, false],
      [3, 5, false],
    ]);
    expect(analysis?.links[0]?.prob).toBeCloseTo(0.7, 6);
  });

  it('is plain JSON: no typed arrays, and it parses back to the same', () => {
    const input = { analyses: [exlm(), mlm()], hiddenWords: [null], topK: 3, dagThreshold: 0 };
    const text = resultsJsonText(input);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(resultsJson(input));
    const walk = (value: unknown): void => {
      expect(ArrayBuffer.isView(value)).toBe(false);
      if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(resultsJson(input));
  });

  it('keeps the twin after the ExLM, with no links, and the hidden word unknown when null', () => {
    const json = resultsJson({
      analyses: [exlm(), mlm()],
      hiddenWords: [null],
      topK: 5,
      dagThreshold: 0.05,
    });
    expect(json.analyses.map((a) => [a.model, a.architecture, a.links.length])).toEqual([
      ['tiny', 'exlm', 7],
      ['tiny-mlm', 'mlm', 0],
    ]);
    expect(json.analyses[1]?.slots[0]?.hiddenWord).toBeNull();
    expect(json.analyses[1]?.slots[0]?.top.map((t) => t.token)).toEqual(['dog', 'cat']);
  });

  it('says nothing of an analysis the page does not have', () => {
    expect(resultsJson({ analyses: [], hiddenWords: [], topK: 5, dagThreshold: 0.05 })).toEqual({
      format: RESULTS_FORMAT,
      version: 1,
      input: '',
      topK: 5,
      dagThreshold: 0.05,
      analyses: [],
    });
  });
});

describe('resultsCsv', () => {
  it('writes a header and one row per slot and candidate of every model', () => {
    const csv = resultsCsv({
      analyses: [exlm(), mlm()],
      hiddenWords: ['cat'],
      topK: 3,
      dagThreshold: 0.05,
    });
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.split('\r\n').slice(0, -1);
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines[0]).toBe('slot,position,hidden_word,rank,token,probability,model');
    expect(lines.slice(1)).toEqual([
      '1,2,cat,1,cat,0.5,tiny',
      '1,2,cat,2,"dog, big",0.25,tiny',
      "1,2,cat,3,'=1+2,0.125,tiny",
      '1,2,cat,1,dog,0.75,tiny-mlm',
      '1,2,cat,2,cat,0.25,tiny-mlm',
    ]);
  });

  it('leaves the hidden word empty when it is not known', () => {
    const csv = resultsCsv({ analyses: [exlm()], hiddenWords: [null], topK: 1, dagThreshold: 0 });
    expect(csv.split('\r\n')[1]).toBe('1,2,,1,cat,0.5,tiny');
  });

  it('puts the rows that say what the file holds before the header', () => {
    const input = { analyses: [exlm()], hiddenWords: [null], topK: 1, dagThreshold: 0 };
    const lines = resultsCsv(input, [['# sentence', 'the [MASK] sat'], []]).split('\r\n');
    expect(lines.slice(0, 4)).toEqual([
      '# sentence,the [MASK] sat',
      '',
      CSV_HEADER.join(','),
      '1,2,,1,cat,0.5,tiny',
    ]);
  });
});
