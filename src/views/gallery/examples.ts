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
    why: 'A fixed name: after "the united", both models are nearly sure of "states" (ExLM about 88%, the twin 90%), "nations" a distant second; the entropy is under 1 nat.',
    expect: [
      { slot: 0, top: 'states', topIncludes: ['nations'], within: 2, maxEntropy: 1 },
      { model: 'exlm', slot: 0, probs: { states: [0.84, 0.92] } },
      { model: 'mlm', slot: 0, probs: { states: [0.86, 0.94] } },
    ],
  },
  {
    text: 'she went to the store to buy some milk .',
    masks: [2],
    why: 'A short function word: both models put "to" first (ExLM about 29%, the twin 24%), with "on" second (11% each) and "for" under 10%.',
    expect: [
      { slot: 0, top: 'to', topIncludes: ['on'], within: 2, probs: { for: [0, 0.1] } },
      { model: 'exlm', slot: 0, probs: { to: [0.25, 0.33], on: [0.09, 0.13] } },
      { model: 'mlm', slot: 0, probs: { to: [0.2, 0.28], on: [0.09, 0.13] } },
    ],
  },
  {
    text: 'she went to the bank to get some money .',
    masks: [4],
    why: 'A content word is hard for a model this small: the first guess is "way" with only about 7% (the twin: 3%), "bank" is not in the top 10, and the entropy is near 7 nats (ExLM: as unsure as a pick among about 900 words).',
    expect: [
      { slot: 0, top: 'way', notInTop: ['bank'], minEntropy: 6.5, maxEntropy: 7.5 },
      { model: 'exlm', slot: 0, probs: { way: [0.05, 0.09] }, minEntropy: 6.7, maxEntropy: 6.9 },
      { model: 'mlm', slot: 0, probs: { way: [0.02, 0.045] } },
    ],
  },
  {
    text: 'for the first time in his life , he was afraid .',
    masks: [3],
    why: 'Right but unsure: in a common phrase, "time" comes first with only about 10% (the twin: 7%), ahead of "movie" and "thing". The bar shows how little 10% is.',
    expect: [
      { slot: 0, top: 'time', topIncludes: ['movie', 'thing'] },
      { model: 'exlm', slot: 0, probs: { time: [0.08, 0.12] } },
      { model: 'mlm', slot: 0, probs: { time: [0.055, 0.08] } },
    ],
  },
  {
    text: 'the cat sat on the mat .',
    masks: [3],
    why: 'A close call: both models put "on" first, ExLM at 21% against 15% for "in", the twin only by a hair ("on" and "in" both about 13%). Both fit; neither model is sure.',
    expect: [
      { slot: 0, top: 'on', maxProb: 0.25, topIncludes: ['in'], within: 2 },
      { model: 'exlm', slot: 0, probs: { on: [0.19, 0.23], in: [0.13, 0.17] } },
      { model: 'mlm', slot: 0, probs: { on: [0.11, 0.15], in: [0.11, 0.15] } },
    ],
  },
  {
    text: 'she was born in new york in 1950 .',
    masks: [2],
    why: 'The right kind of word, no sure answer: both models list past participles (born, found, made, built, named, ...) with "born" first, but only at 8% (the twin: 4%), and "found" and "made" at about 2% or less.',
    expect: [
      {
        slot: 0,
        maxProb: 0.1,
        top: 'born',
        topIncludes: ['found', 'made', 'built', 'named'],
        within: 10,
        probs: { found: [0.01, 0.03], made: [0.01, 0.03] },
      },
      { model: 'exlm', slot: 0, probs: { born: [0.06, 0.1] } },
      { model: 'mlm', slot: 0, probs: { born: [0.03, 0.05] } },
    ],
  },
  {
    text: 'the birds are singing .',
    masks: [2],
    why: 'Agreement after a plural, not a sure thing: ExLM puts "are" first (25%), but "were" and the singular "is" come close behind (20% and 19%), and its best joint fill even reads "the birds is singing."; the twin puts the plural "were" first (28%), "was" second (17%), "are" only 10%. Open Compare to see both.',
    expect: [
      {
        model: 'exlm',
        slot: 0,
        top: 'are',
        probs: { are: [0.22, 0.27], were: [0.18, 0.22], is: [0.17, 0.21] },
      },
      { model: 'exlm', fill: 'the birds is singing.' },
      {
        model: 'mlm',
        slot: 0,
        top: 'were',
        probs: { were: [0.25, 0.31], was: [0.15, 0.19], are: [0.085, 0.12] },
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
    why: 'Two masks, two levels of certainty: after "we must", both models put "be" first, ExLM only just (12%, the hidden "do" 10%, "have" 8%), the twin clearly (19%, "have" 6%, "do" 4%); "this ..." stays open: country, nation, world, each under 10%.',
    expect: [
      { slot: 0, top: 'be', topIncludes: ['have'], within: 3 },
      { model: 'exlm', slot: 0, topIncludes: ['do'], within: 2 },
      { model: 'exlm', slot: 0, probs: { be: [0.1, 0.14], do: [0.08, 0.12], have: [0.06, 0.1] } },
      {
        model: 'mlm',
        slot: 0,
        probs: { be: [0.15, 0.23], do: [0.03, 0.055], have: [0.045, 0.085] },
      },
      { slot: 1, maxProb: 0.1, topIncludes: ['nation', 'country', 'world'] },
    ],
  },
  {
    text: 'i do not know what to do .',
    masks: [2, 3],
    why: 'A plausible misreading: in mask 1 both models put "you" first, ExLM only just (26%, the hidden "not" 23%), the twin clearly (36%, "not" 16%), and both fill "i do you know what to do.", a question without its question mark. Both put "know" first in mask 2.',
    expect: [
      { slot: 0, top: 'you', topIncludes: ['not'], within: 2 },
      { model: 'exlm', slot: 0, probs: { you: [0.24, 0.28], not: [0.21, 0.25] } },
      { model: 'mlm', slot: 0, probs: { you: [0.34, 0.38], not: [0.14, 0.18] } },
      { slot: 1, top: 'know' },
      { fill: 'i do you know what to do.' },
    ],
  },
  {
    text: 'the cat sat on the mat .',
    masks: [1, 5],
    why: 'Two nouns hidden: each slot spreads over more than a thousand words (first guess under 2%, "cat" and "mat" not in the top 10). ExLM fills "the sun sat on the door.", the twin "the man sat on the ground."',
    expect: [
      { slot: 0, maxProb: 0.02, minEntropy: 6.91, notInTop: ['cat'] },
      { slot: 1, maxProb: 0.02, minEntropy: 6.91, notInTop: ['mat'] },
      { model: 'exlm', fill: 'the sun sat on the door.' },
      { model: 'exlm', slot: 0, top: 'sun' },
      { model: 'exlm', slot: 1, top: 'door' },
      { model: 'mlm', fill: 'the man sat on the ground.' },
      { model: 'mlm', slot: 0, top: 'man' },
      { model: 'mlm', slot: 1, top: 'ground' },
    ],
  },
];
