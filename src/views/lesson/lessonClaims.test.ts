// Lesson text from claims: how each kind of placeholder is written, and which checks a claim turns
// into for the gallery's checker.
import { describe, expect, it } from 'vitest';

import {
  claimExpectations,
  type LessonClaim,
  PICKS_WITHIN,
  renderTemplate,
  roundPicks,
} from './lessonClaims';

const context = { stepIds: ['first', 'second'], facts: { year: '2025' } };
const render = (template: string, claims: Record<string, LessonClaim>): string =>
  renderTemplate(template, claims, context);

describe('renderTemplate', () => {
  const sure: LessonClaim = {
    sentence: 0,
    p: { states: { about: 0.76 }, nations: { under: 0.09 } },
    entropy: { about: 1.71 },
  };

  it('writes probabilities as whole percentages, an entropy in nats and its picks', () => {
    expect(
      render(
        '“states” about {sure.p.states}, “nations” under {sure.p.nations}; entropy {sure.entropy}, a pick among {sure.picks}.',
        { sure },
      ),
    ).toBe('“states” about 76%, “nations” under 9%; entropy 1.71, a pick among 6.');
  });

  it('rounds picks to 1 below 10, to 10 below 100 and to 100 above', () => {
    expect([3.6, 5.53, 21, 608, 916, 1065].map(roundPicks)).toEqual([4, 6, 20, 600, 900, 1100]);
    expect(render('{c.picks}', { c: { entropy: { about: 6.82 } } })).toBe('900');
    expect(render('{c.picks}', { c: { picks: { from: 750, to: 1100 } } })).toBe('750-1,100');
  });

  it('writes ranges, lists, model facts and evaluation scores', () => {
    const claims: Record<string, LessonClaim> = {
      r: { topP: { from: 0.03, to: 0.04 }, links: { from: 0.2, to: 0.33 } },
      l: {
        copies: { word: 'york', p: [{ about: 0.55 }, { about: 0.56 }, { about: 0.38 }] },
        pathWeights: [{ about: 0.39 }, { about: 0.16 }],
      },
      m: { parameters: { about: 3.6e6 }, expansion: 4, layers: 4 },
      e: { ratio: 0.15, top1: { about: 0.26 }, sentences: 1000 },
    };
    expect(render('{r.topP}; {r.links}', claims)).toBe('3-4%; 20-33%');
    expect(render('{l.copies}; {l.pathWeights}', claims)).toBe('55%, 56% and 38%; 0.39 and 0.16');
    expect(render('{m.parameters}, k = {m.expansion}, {m.layers} layers', claims)).toBe(
      '3.6 million, k = 4, 4 layers',
    );
    expect(render('{e.sentences}: {e.ratio} hidden, {e.top1}', claims)).toBe(
      '1,000: 15% hidden, 26.0%',
    );
  });

  it('writes numbers in words when asked', () => {
    const claims: Record<string, LessonClaim> = {
      c: { expansion: 4, rank: { sea: 8 }, ratio: 0.15, top1: { about: 0.309 } },
      t: { trainingHours: { under: 2 } },
    };
    expect(
      render(
        '{c.expansion|words} copies ({c.expansion|upTo}); “sea” {c.rank.sea|ordinal}; ' +
          '{c.top1|tenths} times in ten; under {t.trainingHours|words} hours',
        claims,
      ),
    ).toBe('four copies (1 to 4); “sea” eighth; three times in ten; under two hours');
  });

  it('writes step numbers and facts', () => {
    expect(render('step {step:second}, {fact:year}', {})).toBe('step 2, 2025');
  });

  it('refuses a placeholder that names nothing, and says which and why', () => {
    expect(() => render('{nope.p.x}', { sure })).toThrow('{nope.p.x} names no claim "nope"');
    expect(() => render('{sure.p.cats}', { sure })).toThrow('{sure.p.cats} names no value');
    expect(() => render('{sure}', { sure })).toThrow('{sure} names a claim but none of its values');
    expect(() => render('{sure.entropy|roman}', { sure })).toThrow('unknown form "roman"');
    expect(() => render('{step:last}', {})).toThrow('{step:last} names no step');
    expect(() => render('{fact:age}', {})).toThrow('{fact:age} names no fact');
    expect(() => render('{c.picks}', { c: {} })).toThrow('has neither picks nor entropy');
  });
});

describe('claimExpectations', () => {
  it('turns stated numbers into the ranges the gallery checks', () => {
    const [e] = claimExpectations(
      {
        sentence: 0,
        slot: 1,
        top: 'way',
        notInTop: ['bank'],
        p: { way: { under: 0.08 }, time: { about: 0.3 }, day: { about: 0.05, within: 0.001 } },
        entropy: { about: 6.82 },
      },
      2,
    );
    expect(e?.slot).toBe(1);
    expect(e?.top).toBe('way');
    expect(e?.notInTop).toEqual(['bank']);
    expect(e?.probs?.way).toEqual([0, 0.08]);
    expect(e?.probs?.time?.[0]).toBeCloseTo(0.28, 10);
    expect(e?.probs?.time?.[1]).toBeCloseTo(0.32, 10);
    expect(e?.probs?.day?.[0]).toBeCloseTo(0.049, 10);
    expect(e?.minEntropy).toBeCloseTo(6.77, 10);
    expect(e?.maxEntropy).toBeCloseTo(6.87, 10);
  });

  it('gives every slot its own check with eachSlot, and picks as an entropy range', () => {
    const expectations = claimExpectations(
      {
        sentence: 1,
        eachSlot: true,
        topP: { from: 0.03, to: 0.04 },
        picks: { from: 700, to: 800 },
        fill: 'a b.',
      },
      2,
    );
    expect(expectations).toHaveLength(3);
    expect(expectations[0]).toEqual({ fill: 'a b.' });
    expect(expectations.slice(1).map((e) => e.slot)).toEqual([0, 1]);
    const [, first] = expectations;
    expect(first?.minProb).toBeCloseTo(0.02, 10);
    expect(first?.maxProb).toBeCloseTo(0.05, 10);
    expect(first?.minEntropy).toBeCloseTo(Math.log(700) - PICKS_WITHIN, 10);
    expect(first?.maxEntropy).toBeCloseTo(Math.log(800) + PICKS_WITHIN, 10);
  });

  it('has nothing for the gallery in a claim about the model itself', () => {
    expect(claimExpectations({ model: 'exlm', parameters: { about: 3.6e6 } }, 0)).toEqual([]);
    expect(claimExpectations({ sentence: 0, fill: 'a b.' }, 1)).toEqual([{ fill: 'a b.' }]);
  });
});
