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
    why: 'A fixed name: after "the united", both models are nearly sure of "states" (ExLM about 87%, the twin 90%), "nations" a distant second; the entropy is under 1 nat.',
    expect: [
      { slot: 0, top: 'states', topIncludes: ['nations'], within: 2, maxEntropy: 1 },
      { model: 'exlm', slot: 0, probs: { states: [0.83, 0.91] } },
      { model: 'mlm', slot: 0, probs: { states: [0.86, 0.94] } },
    ],
  },
  {
    text: 'she went to the store to buy some milk .',
    masks: [2],
    why: 'A short function word: both models put "to" first (ExLM about 34%, the twin 23%); "on" and "for" follow with under 10% each.',
    expect: [
      { slot: 0, top: 'to', probs: { on: [0, 0.1], for: [0, 0.1] } },
      { model: 'exlm', slot: 0, probs: { to: [0.3, 0.38] } },
      { model: 'mlm', slot: 0, probs: { to: [0.19, 0.27] } },
    ],
  },
  {
    text: 'she went to the bank to get some money .',
    masks: [4],
    why: 'A content word is hard for a model this small: the first guess is "way" with only about 10% (the twin: 5%), "bank" is not in the top 10, and the entropy is near 7 nats (ExLM: as unsure as a pick among about 800 words).',
    expect: [
      { slot: 0, top: 'way', notInTop: ['bank'], minEntropy: 6.5, maxEntropy: 7.5 },
      { model: 'exlm', slot: 0, probs: { way: [0.08, 0.12] }, minEntropy: 6.55, maxEntropy: 6.75 },
      { model: 'mlm', slot: 0, probs: { way: [0.04, 0.065] } },
    ],
  },
  {
    text: 'for the first time in his life , he was afraid .',
    masks: [3],
    why: 'Right but unsure: in a common phrase, "time" comes first with only about 8% (the twin: 5%), ahead of "movie" and "thing". The bar shows how little 8% is.',
    expect: [
      { slot: 0, top: 'time', topIncludes: ['movie', 'thing'] },
      { model: 'exlm', slot: 0, probs: { time: [0.06, 0.1] } },
      { model: 'mlm', slot: 0, probs: { time: [0.04, 0.065] } },
    ],
  },
  {
    text: 'the cat sat on the mat .',
    masks: [3],
    why: 'A close call: ExLM puts "on" first (18% against 17% for "in"), the twin "in" (15% against 12%). Both fit; neither model is sure.',
    expect: [
      { slot: 0, maxProb: 0.2, topIncludes: ['on', 'in'], within: 2 },
      { model: 'exlm', slot: 0, top: 'on', probs: { on: [0.16, 0.2], in: [0.15, 0.19] } },
      { model: 'mlm', slot: 0, top: 'in', probs: { in: [0.13, 0.17], on: [0.1, 0.14] } },
    ],
  },
  {
    text: 'she was born in new york in 1950 .',
    masks: [2],
    why: 'The right kind of word, no sure answer: both models list past participles (born, found, known, made, held, ...), each under 5%, with "born" first.',
    expect: [
      { slot: 0, maxProb: 0.05, top: 'born', topIncludes: ['found'] },
      { model: 'exlm', slot: 0, topIncludes: ['known'], within: 3 },
      { model: 'mlm', slot: 0, topIncludes: ['made', 'held'], within: 3 },
    ],
  },
  {
    text: 'the dogs are barking in the yard .',
    masks: [2],
    why: 'Agreement after a plural: ExLM puts "are" first (17%, "is" 11%), the twin puts the singular "was" first (27%, "is" 25%, "are" only 5%). Open Compare to see both.',
    expect: [
      { model: 'exlm', slot: 0, top: 'are', probs: { are: [0.14, 0.19], is: [0.09, 0.13] } },
      {
        model: 'mlm',
        slot: 0,
        top: 'was',
        probs: { was: [0.24, 0.3], is: [0.23, 0.28], are: [0.04, 0.07] },
      },
    ],
  },
  {
    text: 'he said that he would be back later .',
    masks: [1, 5],
    why: 'Two masks, both right: each model fills "he said that he would be back later." The twin is surer of "be" (31%) than ExLM (14%).',
    expect: [
      { fill: 'he said that he would be back later.' },
      { slot: 0, top: 'said' },
      { slot: 1, top: 'be' },
      { model: 'exlm', slot: 1, probs: { be: [0.11, 0.17] } },
      { model: 'mlm', slot: 1, probs: { be: [0.27, 0.35] } },
    ],
  },
  {
    text: 'we must do more to help the people of this country .',
    masks: [2, 10],
    why: 'Two masks, two levels of certainty: after "we must", "be" leads (ExLM 19%, the twin 36%; the hidden "do" is in ExLM\'s top three, 8%), while "this ..." stays open: nation, country, world, each under 10%.',
    expect: [
      { slot: 0, top: 'be' },
      { model: 'exlm', slot: 0, probs: { be: [0.16, 0.21], do: [0.06, 0.09] } },
      { model: 'exlm', slot: 0, topIncludes: ['do'], within: 3 },
      { model: 'mlm', slot: 0, probs: { be: [0.32, 0.4] } },
      { slot: 1, maxProb: 0.1, topIncludes: ['nation', 'country', 'world'] },
    ],
  },
  {
    text: 'i do not know what to do .',
    masks: [2, 3],
    why: 'A plausible misreading: both models put "you" first in mask 1, with the hidden "not" second (ExLM 14%, the twin 19%), and "know" first in mask 2 (17%), so both fill "i do you know what to do." instead of "i do not know".',
    expect: [
      { slot: 0, top: 'you', topIncludes: ['not'], within: 2 },
      { model: 'exlm', slot: 0, probs: { not: [0.12, 0.16] } },
      { model: 'mlm', slot: 0, probs: { not: [0.17, 0.21] } },
      { slot: 1, top: 'know', probs: { know: [0.15, 0.19] } },
      { fill: 'i do you know what to do.' },
    ],
  },
  {
    text: 'the cat sat on the mat .',
    masks: [1, 5],
    why: 'Two nouns hidden: each slot spreads over more than a thousand words (first guess under 2%), and ExLM fills "the door sat on the door.": its joint fill does not stop the repeat. The twin fills "the door sat on the sea."',
    expect: [
      { slot: 0, top: 'door', maxProb: 0.02, minEntropy: 6.91, notInTop: ['cat'] },
      { slot: 1, maxProb: 0.02, minEntropy: 6.91, notInTop: ['mat'] },
      { model: 'exlm', fill: 'the door sat on the door.' },
      { model: 'exlm', slot: 1, top: 'door' },
      { model: 'mlm', fill: 'the door sat on the sea.' },
      { model: 'mlm', slot: 1, top: 'sea' },
    ],
  },
];
