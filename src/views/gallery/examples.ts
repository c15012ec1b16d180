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
    why: 'A content word is hard for a model this small: the first guess is "way" with only about 8% (the twin: 3%), "bank" is not in the top 10, and the entropy is near 7 nats (ExLM: as unsure as a pick among about 900 words).',
    expect: [
      { slot: 0, top: 'way', notInTop: ['bank'], minEntropy: 6.5, maxEntropy: 7.5 },
      { model: 'exlm', slot: 0, probs: { way: [0.06, 0.1] }, minEntropy: 6.7, maxEntropy: 6.9 },
      { model: 'mlm', slot: 0, probs: { way: [0.02, 0.045] } },
    ],
  },
  {
    text: 'for the first time in his life , he was afraid .',
    masks: [3],
    why: 'Right but unsure: in a common phrase, "time" comes first with only about 8% (the twin: 6%), ahead of "movie", "man" and "day". The bar shows how little 8% is.',
    expect: [
      { slot: 0, top: 'time', topIncludes: ['movie', 'man', 'day'] },
      { model: 'exlm', slot: 0, probs: { time: [0.06, 0.1] } },
      { model: 'mlm', slot: 0, probs: { time: [0.045, 0.075] } },
    ],
  },
  {
    text: 'the cat sat on the mat .',
    masks: [3],
    why: 'A close call: ExLM puts "on" first (17% against 14% for "in"), the twin "in" (15% against 13%). Both fit; neither model is sure.',
    expect: [
      { slot: 0, maxProb: 0.2, topIncludes: ['on', 'in'], within: 2 },
      { model: 'exlm', slot: 0, top: 'on', probs: { on: [0.15, 0.19], in: [0.12, 0.16] } },
      { model: 'mlm', slot: 0, top: 'in', probs: { in: [0.13, 0.17], on: [0.11, 0.15] } },
    ],
  },
  {
    text: 'she was born in new york in 1950 .',
    masks: [2],
    why: 'The right kind of word, no sure answer: both models list past participles (known, used, born, made, ...), each under 3%, with "born" in their top three.',
    expect: [
      { slot: 0, maxProb: 0.03, topIncludes: ['born'], within: 3 },
      { model: 'exlm', slot: 0, topIncludes: ['known', 'used'], within: 3 },
      { model: 'mlm', slot: 0, topIncludes: ['made', 'used'] },
    ],
  },
  {
    text: 'the dogs are barking in the yard .',
    masks: [2],
    why: 'Agreement after a plural: ExLM puts "are" first (22%, "is" 14%), the twin puts "is" first (27%, "are" 9%). Open Compare to see both.',
    expect: [
      { model: 'exlm', slot: 0, top: 'are', probs: { are: [0.18, 0.26], is: [0.11, 0.16] } },
      { model: 'mlm', slot: 0, top: 'is', probs: { is: [0.23, 0.31], are: [0.06, 0.11] } },
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
    why: 'Two masks, two levels of certainty: after "we must", "be" leads (ExLM 16%, the twin 43%; the hidden "do" is in ExLM\'s top three, 9%), while "this ..." stays open: country, world, government, each under 10%.',
    expect: [
      { slot: 0, top: 'be' },
      { model: 'exlm', slot: 0, probs: { be: [0.13, 0.19], do: [0.07, 0.11] } },
      { model: 'exlm', slot: 0, topIncludes: ['do'], within: 3 },
      { model: 'mlm', slot: 0, probs: { be: [0.38, 0.48] } },
      { slot: 1, maxProb: 0.1, topIncludes: ['country', 'world', 'government'] },
    ],
  },
  {
    text: 'i do not know what to do .',
    masks: [2, 3],
    why: 'Side by side: both models put "you" first in mask 1 ("not" second, about 16%). In mask 2 ExLM puts "know" first (14%), the twin "you" again, so its fill reads "i do you you what to do."',
    expect: [
      { slot: 0, top: 'you', topIncludes: ['not'], within: 2, probs: { not: [0.14, 0.2] } },
      { model: 'exlm', slot: 1, top: 'know', probs: { know: [0.11, 0.17] } },
      { model: 'exlm', fill: 'i do you know what to do.' },
      { model: 'mlm', slot: 1, top: 'you' },
      { model: 'mlm', fill: 'i do you you what to do.' },
    ],
  },
  {
    text: 'the cat sat on the mat .',
    masks: [1, 5],
    why: 'Two nouns hidden: each slot spreads over more than a thousand words (first guess about 2%), and both models fill "the door sat on the door.": the joint fill does not stop the repeat.',
    expect: [
      { fill: 'the door sat on the door.' },
      { slot: 0, top: 'door', maxProb: 0.03, minEntropy: 6.91, notInTop: ['cat'] },
      { slot: 1, top: 'door', maxProb: 0.03, minEntropy: 6.91, notInTop: ['mat'] },
    ],
  },
];
