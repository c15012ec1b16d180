// Example sentences, each chosen to show one thing about masked prediction, with a caption that
// says what the shipped models (models/exlm-en-small and its twin models/mlm-en-small) really do
// with it. Masks are word indices (words as split by src/core/words.ts), checked by
// gallery.test.ts; every claim of a caption is also written as data in `expect`, and
// examples.models.test.ts runs both shipped models on each example and checks them, so a caption
// cannot promise what the models do not show.

import type { Expectation } from '../common/modelClaims';

export interface Example {
  text: string;
  masks: number[];
  /** What the example shows, in the models' own numbers. */
  why: string;
  /** The caption's claims, checked against the shipped models. */
  expect: Expectation[];
}

export const EXAMPLES: readonly Example[] = [
  {
    text: 'the united states is a nation of laws .',
    masks: [2],
    why: 'A fixed name: after "the united", both models are nearly sure of "states" (ExLM about 88%, the twin 91%), "nations" a distant second; the entropy is under 1 nat.',
    expect: [
      { slot: 0, top: 'states', topIncludes: ['nations'], within: 2, maxEntropy: 1 },
      { model: 'exlm', slot: 0, probs: { states: [0.83, 0.91] } },
      { model: 'mlm', slot: 0, probs: { states: [0.86, 0.94] } },
    ],
  },
  {
    text: 'she went to the store to buy some milk .',
    masks: [2],
    why: 'A short function word: both models put "to" first (ExLM about 26%, the twin 29%), with "on" second (11% and 8%) and "for" under 10%.',
    expect: [
      { slot: 0, top: 'to', topIncludes: ['on'], within: 2, probs: { for: [0, 0.1] } },
      { model: 'exlm', slot: 0, probs: { to: [0.22, 0.3], on: [0.09, 0.13] } },
      { model: 'mlm', slot: 0, probs: { to: [0.25, 0.33], on: [0.06, 0.1] } },
    ],
  },
  {
    text: 'she went to the bank to get some money .',
    masks: [4],
    why: 'A content word is hard for a model this small: the first guess is "way" with only about 6% (the twin: 4%), "bank" is not in the top 10, and the entropy is near 7 nats (ExLM: as unsure as a pick among about 900 words).',
    expect: [
      { slot: 0, top: 'way', notInTop: ['bank'], minEntropy: 6.5, maxEntropy: 7.5 },
      { model: 'exlm', slot: 0, probs: { way: [0.04, 0.08] }, minEntropy: 6.7, maxEntropy: 6.9 },
      { model: 'mlm', slot: 0, probs: { way: [0.025, 0.05] } },
    ],
  },
  {
    text: 'for the first time in his life , he was afraid .',
    masks: [3],
    why: 'Right but unsure: in a common phrase, "time" comes first with only about 12% (the twin: 7%), ahead of "movie" and "thing". The bar shows how little 12% is.',
    expect: [
      { slot: 0, top: 'time', topIncludes: ['movie', 'thing'] },
      { model: 'exlm', slot: 0, probs: { time: [0.1, 0.14] } },
      { model: 'mlm', slot: 0, probs: { time: [0.055, 0.08] } },
    ],
  },
  {
    text: 'the cat sat on the mat .',
    masks: [3],
    why: 'A close call: ExLM puts "on" first (19% against 17% for "in"), the twin "in" (12% against 11%). Both fit; neither model is sure.',
    expect: [
      { slot: 0, maxProb: 0.2, topIncludes: ['on', 'in'], within: 2 },
      { model: 'exlm', slot: 0, top: 'on', probs: { on: [0.17, 0.21], in: [0.15, 0.19] } },
      { model: 'mlm', slot: 0, top: 'in', probs: { in: [0.1, 0.14], on: [0.09, 0.13] } },
    ],
  },
  {
    text: 'she was born in new york in 1950 .',
    masks: [2],
    why: 'The right kind of word, no sure answer: both models list past participles (born, found, made, placed, built, ...), each under 5%, with "born" first.',
    expect: [
      {
        slot: 0,
        maxProb: 0.05,
        top: 'born',
        topIncludes: ['found', 'made', 'placed', 'built'],
        within: 10,
      },
      { model: 'exlm', slot: 0, topIncludes: ['found'], within: 2 },
      { model: 'mlm', slot: 0, topIncludes: ['made', 'placed'], within: 3 },
    ],
  },
  {
    text: 'the birds are singing .',
    masks: [2],
    why: 'Agreement after a plural: ExLM puts "are" first (28%, "is" 19%), the twin puts the singular "was" first (22%, "were" 18%, "are" only 6%). Open Compare to see both.',
    expect: [
      { model: 'exlm', slot: 0, top: 'are', probs: { are: [0.26, 0.31], is: [0.17, 0.21] } },
      {
        model: 'mlm',
        slot: 0,
        top: 'was',
        probs: { was: [0.19, 0.25], were: [0.15, 0.2], are: [0.045, 0.075] },
      },
    ],
  },
  {
    text: 'he said that he would be back later .',
    masks: [1, 5],
    why: 'Two masks, both right: each model fills "he said that he would be back later." The twin is surer of "be" (21%) than ExLM (14%).',
    expect: [
      { fill: 'he said that he would be back later.' },
      { slot: 0, top: 'said' },
      { slot: 1, top: 'be' },
      { model: 'exlm', slot: 1, probs: { be: [0.11, 0.17] } },
      { model: 'mlm', slot: 1, probs: { be: [0.17, 0.25] } },
    ],
  },
  {
    text: 'we must do more to help the people of this country .',
    masks: [2, 10],
    why: 'Two masks, two levels of certainty: after "we must", ExLM puts the hidden "do" first, but only just (12%, "be" 11%, "have" 10%), while the twin says "be" (26%); "this ..." stays open: nation, country, world, each under 10%.',
    expect: [
      { slot: 0, topIncludes: ['be', 'have'], within: 3 },
      { model: 'exlm', slot: 0, top: 'do', probs: { do: [0.1, 0.14], be: [0.09, 0.13] } },
      { model: 'exlm', slot: 0, probs: { have: [0.08, 0.12] } },
      { model: 'mlm', slot: 0, top: 'be', probs: { be: [0.22, 0.3] } },
      { slot: 1, maxProb: 0.1, topIncludes: ['nation', 'country', 'world'] },
    ],
  },
  {
    text: 'i do not know what to do .',
    masks: [2, 3],
    why: 'A plausible misreading, and a close call: in mask 1 ExLM puts the hidden "not" first (22%, "you" 19%) and fills "i do not know what to do.", while the twin puts "you" first (26%, "not" 19%) and fills "i do you know what to do." Both put "know" first in mask 2.',
    expect: [
      { slot: 0, topIncludes: ['not', 'you'], within: 2 },
      { model: 'exlm', slot: 0, top: 'not', probs: { not: [0.2, 0.24], you: [0.17, 0.21] } },
      { model: 'mlm', slot: 0, top: 'you', probs: { you: [0.24, 0.28], not: [0.17, 0.21] } },
      { slot: 1, top: 'know' },
      { model: 'exlm', fill: 'i do not know what to do.' },
      { model: 'mlm', fill: 'i do you know what to do.' },
    ],
  },
  {
    text: 'the cat sat on the mat .',
    masks: [1, 5],
    why: 'Two nouns hidden: each slot spreads over more than a thousand words (first guess under 2%, "cat" and "mat" not in the top 10). ExLM fills "the sun sat on the room.", the twin "the man sat on the sea."',
    expect: [
      { slot: 0, maxProb: 0.02, minEntropy: 6.91, notInTop: ['cat'] },
      { slot: 1, maxProb: 0.02, minEntropy: 6.91, notInTop: ['mat'] },
      { model: 'exlm', fill: 'the sun sat on the room.' },
      { model: 'exlm', slot: 0, top: 'sun' },
      { model: 'exlm', slot: 1, top: 'room' },
      { model: 'mlm', fill: 'the man sat on the sea.' },
      { model: 'mlm', slot: 0, top: 'man' },
      { model: 'mlm', slot: 1, top: 'sea' },
    ],
  },
];
