// The lesson's own checks on a hand-made analysis (no model needed): copies, path weights, links,
// attention, ranks, and the model's size, training and evaluation; what a broken claim reports.
import { describe, expect, it } from 'vitest';

import type { Analysis, ModelInfo } from '../../model/types';
import { describeSubject, lessonClaimFailures, slotStates } from './lessonClaimChecks';
import type { LessonClaim } from './lessonClaims';

const top = (...guesses: [string, number][]) =>
  guesses.map(([token, prob], id) => ({ id, token, prob }));

// "[CLS] [MASK] [MASK] b [SEP]" with k = 2: every [CLS], [MASK] and [SEP] twice.
const T = 9;
const attention = new Float32Array(T * T);
const look = (row: number, column: number, weight: number) => {
  attention[row * T + column] = weight;
  attention[row * T + ((column + 1) % T)] = 1 - weight;
};
look(2, 6, 0.9); // slot 0's copies look at "b"
look(3, 6, 0.95);
look(4, 6, 0.8); // slot 1's first copy at "b", its second at [CLS]
look(5, 0, 0.7);
const L = 8;
const links = new Float32Array(L * L).fill(-Infinity);
for (const s of [2, 3]) for (const t of [4, 5]) links[s * L + t] = Math.log(0.5);
const gamma = new Float32Array(2 * L);
gamma.set([0.7, 0.3], 2);
gamma.set([0.4, 0.6], L + 4);

const analysis = {
  tokens: ['[CLS]', '[MASK]', '[MASK]', 'b', '[SEP]'],
  expanded: {
    tokenIds: new Int32Array(T),
    pos1: Int32Array.from([0, 0, 1, 1, 2, 2, 3, 4, 4]),
    pos2: Int32Array.from([1, 2, 1, 2, 1, 2, 0, 1, 2]),
  },
  states: Int32Array.from([0, 1, 2, 3, 4, 5, 7, 8]),
  stateTop: [
    top(['[CLS]', 1]),
    top(['[CLS]', 1]),
    top(['x', 0.6], ['y', 0.2]),
    top(['x', 0.5], ['y', 0.3]),
    top(['z', 0.4]),
    top(['y', 0.4], ['z', 0.3]),
    top(['[SEP]', 1]),
    top(['[SEP]', 1]),
  ],
  links,
  gamma,
  masks: [
    { position: 1, top: top(['x', 0.55], ['y', 0.25]), entropy: 1.1 },
    { position: 2, top: top(['z', 0.35], ['y', 0.34]), entropy: 1.5 },
  ],
  fill: { text: 'x z b.' },
  attention: [attention],
} as unknown as Analysis;

const info = {
  name: 'hand-made',
  parameterCount: 3_646_020,
  weightBytes: 0,
  config: {
    expansion: 2,
    num_layers: 1,
    num_heads: 1,
    training: {
      minutes: 150,
      config: { threads: 1 },
      validation: {
        dag: { joint_gain: 0.01, copy_top1: [0.27, 0.29], copy_divergence: 0.04 },
      },
    },
    evaluation: { sentences: 10, ratios: [{ ratio: 0.15, top1: 0.3, top5: 0.5, entropy: 4 }] },
  },
} as unknown as ModelInfo;

const failures = (claim: LessonClaim) => lessonClaimFailures(claim, { info, analysis });

describe('lessonClaimFailures', () => {
  it('finds the copies of each slot in copy order', () => {
    expect(slotStates(analysis, 0)).toEqual([2, 3]);
    expect(slotStates(analysis, 1)).toEqual([4, 5]);
  });

  it('passes claims that hold', () => {
    expect(
      failures({
        sentence: 0,
        top: 'x',
        p: { x: { about: 0.55 } },
        rank: { y: 2 },
        copies: { word: 'x', p: [{ about: 0.6 }, { about: 0.5 }] },
        pathWeights: [{ about: 0.7 }, { about: 0.3 }],
        links: { from: 0.5, to: 0.5 },
        fill: 'x z b.',
      }),
    ).toEqual([]);
    expect(
      failures({ sentence: 0, layer: 1, head: 1, on: 'b', weight: { from: 0.9, to: 0.95 } }),
    ).toEqual([]);
    expect(failures({ sentence: 0, slot: 1, layer: 1, head: 1, onOneOf: ['b', '[CLS]'] })).toEqual(
      [],
    );
    expect(
      failures({
        parameters: { about: 3.6e6 },
        expansion: 2,
        layers: 1,
        heads: 1,
        trainingThreads: 1,
        copyTop1: { from: 0.27, to: 0.29 },
        copyDivergence: { about: 0.04 },
      }),
    ).toEqual([]);
    expect(failures({ ratio: 0.15, top1: { about: 0.3 }, sentences: 10 })).toEqual([]);
  });

  it('says what each broken part is, in the unit the text uses', () => {
    expect(
      failures({
        sentence: 0,
        top: 'y',
        rank: { y: 3 },
        copies: { word: 'x', p: [{ about: 0.8 }, { about: 0.5 }] },
        pathWeights: [{ about: 0.5 }, { about: 0.3 }],
        links: { from: 0.2, to: 0.3 },
      }),
    ).toEqual([
      'slot 0: first guess is "x", not "y"',
      'slot 0: "y" ranks 2, not 3',
      'slot 0, copy 1: p("x"): 60.0%, not within 78.0%-82.0%',
      'slot 0, copy 1: path weight: 0.7, not within 0.48-0.52',
      // The four links from slot 0's copies to slot 1's.
      ...Array.from({ length: 4 }, () =>
        expect.stringMatching(
          /^slot 0: link from state [23] to state [45]: 50\.0%, not within 18\.0%-32\.0%$/,
        ),
      ),
    ]);
    expect(failures({ sentence: 0, slot: 1, layer: 1, head: 1, on: 'b' })).toEqual([
      'slot 1, layer 1 head 1, copy 2: looks most at "[CLS]", not "b"',
    ]);
    expect(failures({ sentence: 0, layer: 1, head: 1, onOneOf: ['b', 'a'] })).toEqual([
      'slot 0, layer 1 head 1: no copy looks most at "a"',
    ]);
    expect(
      failures({
        expansion: 4,
        trainingHours: { under: 2 },
        jointGain: { under: 0.005 },
        copyTop1: { from: 0.275, to: 0.29 },
        copyDivergence: { about: 0.03 },
        ratio: 0.15,
        top1: { about: 0.31 },
        sentences: 1000,
      }),
    ).toEqual([
      'config.json expansion is 2, not 4',
      'hours of training: 2.5, above 2',
      'joint gain: 0.01, above 0.005',
      'top-1 of copy 1: 27.0%, not within 27.4%-29.1%',
      'copy divergence: 0.04, not within 0.025-0.035',
      'top-1 at ratio 0.15: 30.0%, not within 30.9%-31.1%',
      'evaluated on 10 sentences, not 1000',
    ]);
    expect(failures({ ratio: 0.3, top1: { about: 0.3 } })).toEqual([
      'config.json has no evaluation at ratio 0.3 (npm run eval -- --write-config)',
    ]);
  });

  it('describes what the model did, as far as the claim looks', () => {
    const said = describeSubject(
      { sentence: 0, copies: { word: 'x' }, links: { under: 1 }, layer: 1, head: 1, on: 'b' },
      { info, analysis },
    );
    expect(said).toContain('slot 0: x 55.0%, y 25.0%; entropy 1.100 nats (a pick among 3)');
    expect(said).toContain('slot 1: z 35.0%, y 34.0%; entropy 1.500 nats (a pick among 4)');
    expect(said).toContain('fill: "x z b."');
    expect(said).toContain('slot 0, copy 1: x 60.0%, y 20.0%; path weight 0.700');
    expect(said).toContain('links from slot 0 to slot 1: 50.0%-50.0%');
    expect(said).toContain('layer 1 head 1, copy 2: most on "b" 95.0%, on "b" 95.0%');
    const model = describeSubject({ parameters: { about: 1 } }, { info });
    expect(model).toContain('3646020 parameters; expansion 2, 1 layers, 1 heads');
    expect(model).toContain('training: 150 minutes, 1 threads, joint gain 0.01');
    expect(model).toContain('evaluation on 10 sentences: 15.0% masked: top-1 0.3');
  });
});
