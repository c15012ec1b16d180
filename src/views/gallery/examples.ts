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
    why: 'A fixed name: after "the united", both models are nearly sure of "states" (ExLM about 87%, the twin 88%), "nations" a distant second; the entropy is under 1 nat.',
    expect: [
      { slot: 0, top: 'states', topIncludes: ['nations'], within: 2, maxEntropy: 1 },
      { model: 'exlm', slot: 0, probs: { states: [0.83, 0.91] } },
      { model: 'mlm', slot: 0, probs: { states: [0.84, 0.92] } },
    ],
  },
  {
    text: 'she went to the store to buy some milk .',
    masks: [2],
    why: 'A short function word: both models put "to" first (ExLM about 26%, the twin 19%), with "on" second (12% and 11%) and "for" under 10%.',
    expect: [
      { slot: 0, top: 'to', topIncludes: ['on'], within: 2, probs: { for: [0, 0.1] } },
      { model: 'exlm', slot: 0, probs: { to: [0.22, 0.3], on: [0.1, 0.14] } },
      { model: 'mlm', slot: 0, probs: { to: [0.15, 0.23], on: [0.09, 0.13] } },
    ],
  },
  {
    text: 'she went to the bank to get some money .',
    masks: [4],
    why: 'A content word is hard for a model this small: the first guess is "way" with only about 5% (the twin: 3%), "bank" is not in the top 10, and the entropy is near 7 nats (ExLM: as unsure as a pick among about 950 words).',
    expect: [
      { slot: 0, top: 'way', notInTop: ['bank'], minEntropy: 6.5, maxEntropy: 7.5 },
      { model: 'exlm', slot: 0, probs: { way: [0.03, 0.07] }, minEntropy: 6.76, maxEntropy: 6.96 },
      { model: 'mlm', slot: 0, probs: { way: [0.02, 0.045] } },
    ],
  },
  {
    text: 'for the first time in his life , he was afraid .',
    masks: [3],
    why: 'Right but unsure: in a common phrase, "time" comes first with only about 10% (the twin: 6%), ahead of "thing" and "day". The bar shows how little 10% is.',
    expect: [
      { slot: 0, top: 'time', topIncludes: ['thing', 'day'] },
      { model: 'exlm', slot: 0, probs: { time: [0.08, 0.12] } },
      { model: 'mlm', slot: 0, probs: { time: [0.045, 0.07] } },
    ],
  },
  {
    text: 'the cat sat on the mat .',
    masks: [3],
    why: 'A close call, decided both ways: ExLM puts "on" first (20%) just ahead of "in" (17%); the twin turns it round, "in" at 18% and "on" at 14%. Neither model is sure.',
    expect: [
      { slot: 0, maxProb: 0.25, topIncludes: ['on', 'in'], within: 2 },
      { model: 'exlm', slot: 0, top: 'on', probs: { on: [0.18, 0.22], in: [0.145, 0.185] } },
      { model: 'mlm', slot: 0, top: 'in', probs: { in: [0.16, 0.2], on: [0.12, 0.16] } },
    ],
  },
  {
    text: 'she was born in new york in 1950 .',
    masks: [2],
    why: 'The right kind of word, no sure answer: both models list past participles (born, found, built, named, located, ...) with "born" first, but only at 8% (the twin: 4%), and "found" at about 2%.',
    expect: [
      {
        slot: 0,
        maxProb: 0.1,
        top: 'born',
        topIncludes: ['found', 'built', 'named', 'located'],
        within: 10,
        probs: { found: [0.01, 0.03] },
      },
      { model: 'exlm', slot: 0, probs: { born: [0.06, 0.1] } },
      { model: 'mlm', slot: 0, probs: { born: [0.03, 0.05] } },
    ],
  },
  {
    text: 'the birds are singing .',
    masks: [2],
    why: 'Agreement after a plural, not a sure thing: ExLM puts "are" first (39%) and "were" second (22%), but the singular "is" and "was" still get about 11% each; the twin puts "were" first (26%), with "are" and "was" level behind it (11% each). Open Compare to see both.',
    expect: [
      {
        model: 'exlm',
        slot: 0,
        top: 'are',
        probs: { are: [0.36, 0.41], were: [0.2, 0.24], is: [0.095, 0.135], was: [0.095, 0.135] },
      },
      {
        model: 'mlm',
        slot: 0,
        top: 'were',
        probs: { were: [0.23, 0.29], are: [0.095, 0.13], was: [0.095, 0.13] },
      },
    ],
  },
  {
    text: 'he said that he would be back later .',
    masks: [1, 5],
    why: 'Two masks, both right: each model fills "he said that he would be back later." The twin is surer of "be" (16%) than ExLM (12%).',
    expect: [
      { fill: 'he said that he would be back later.' },
      { slot: 0, top: 'said' },
      { slot: 1, top: 'be' },
      { model: 'exlm', slot: 1, probs: { be: [0.09, 0.15] } },
      { model: 'mlm', slot: 1, probs: { be: [0.12, 0.2] } },
    ],
  },
  {
    text: 'we must do more to help the people of this country .',
    masks: [2, 10],
    why: 'Two masks, two levels of certainty: after "we must", both models put "be" first, at about 18%, well ahead of "have" (ExLM 6%, the twin 5%) and the hidden "do" (7% and 3%); "this ..." stays open: country, nation, world, each under 10%.',
    expect: [
      { slot: 0, top: 'be', topIncludes: ['have'], within: 3 },
      { model: 'exlm', slot: 0, topIncludes: ['do'], within: 2 },
      {
        model: 'exlm',
        slot: 0,
        probs: { be: [0.16, 0.2], do: [0.047, 0.087], have: [0.04, 0.08] },
      },
      {
        model: 'mlm',
        slot: 0,
        probs: { be: [0.14, 0.22], do: [0.015, 0.04], have: [0.035, 0.075] },
      },
      { slot: 1, maxProb: 0.1, topIncludes: ['nation', 'country', 'world'] },
    ],
  },
  {
    text: 'i do not know what to do .',
    masks: [2, 3],
    why: 'Two readings: in mask 1 ExLM puts the hidden "not" first, just ahead of "you" (24% against 21%), and fills "i do not know what to do."; the twin turns it round ("you" 26%, "not" 19%) and fills "i do you know what to do.", a question without its question mark. Both put "know" first in mask 2.',
    expect: [
      { slot: 0, topIncludes: ['not', 'you'], within: 2 },
      { model: 'exlm', slot: 0, top: 'not', probs: { not: [0.22, 0.26], you: [0.19, 0.23] } },
      { model: 'exlm', fill: 'i do not know what to do.' },
      { model: 'mlm', slot: 0, top: 'you', probs: { you: [0.24, 0.28], not: [0.17, 0.21] } },
      { model: 'mlm', fill: 'i do you know what to do.' },
      { slot: 1, top: 'know' },
    ],
  },
  {
    text: 'the cat sat on the mat .',
    masks: [1, 5],
    why: 'Two nouns hidden: each slot spreads over some 1,000 to 1,400 words (first guess under 2%, "cat" and "mat" not in the top 10). ExLM fills "the door sat on the door.", the same word twice; the twin "the man sat on the door."',
    expect: [
      { slot: 0, maxProb: 0.02, minEntropy: 6.88, maxEntropy: 7.25, notInTop: ['cat'] },
      { slot: 1, maxProb: 0.02, minEntropy: 6.88, maxEntropy: 7.25, notInTop: ['mat'] },
      { model: 'exlm', fill: 'the door sat on the door.' },
      { model: 'exlm', slot: 0, top: 'door' },
      { model: 'exlm', slot: 1, top: 'door' },
      { model: 'mlm', fill: 'the man sat on the door.' },
      { model: 'mlm', slot: 0, top: 'man' },
      { model: 'mlm', slot: 1, top: 'door' },
    ],
  },
];
