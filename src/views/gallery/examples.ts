// Example sentences, each chosen to show one thing about masked prediction. Masks are word indices
// (words as split by src/state/words.ts), checked by gallery.test.ts.

export interface Example {
  text: string;
  masks: number[];
  /** What the example shows, in one line. */
  why: string;
}

export const EXAMPLES: readonly Example[] = [
  {
    text: 'she went to the bank to get some money .',
    masks: [4],
    why: 'One mask, a few good answers (bank, store, office): the distribution is spread.',
  },
  {
    text: 'the river bank was covered in mud after the rain .',
    masks: [2],
    why: 'Context after the mask decides the word: compare with the first example.',
  },
  {
    text: 'i would like a cup of hot coffee please .',
    masks: [6, 7],
    why: 'Two adjacent masks must agree: "hot coffee" or "black tea", not "hot tea" mixed up.',
  },
  {
    text: 'new york is a big city in the united states .',
    masks: [0, 1],
    why: 'A two-word name: each slot alone is unsure, the joint fill should be one place.',
  },
  {
    text: 'he played the guitar and she played the piano .',
    masks: [3, 8],
    why: 'Two masks far apart with the same kind of answer (instruments).',
  },
  {
    text: 'the cat sat on the mat .',
    masks: [1, 5],
    why: 'A sentence every model has seen: both slots should be fairly sure.',
  },
  {
    text: 'they were very happy because they won the game .',
    masks: [3, 6],
    why: 'Cause and effect: the reason decides the feeling.',
  },
  {
    text: 'the doctor told the patient to take the medicine twice a day .',
    masks: [1, 4, 8],
    why: 'Three related masks (doctor, patient, medicine): the fill has to fit together.',
  },
  {
    text: 'i saw her duck under the table .',
    masks: [3],
    why: 'Corrupted semantics: "duck" as a bird or a movement; many readings fit.',
  },
  {
    text: 'it was a dark and stormy night .',
    masks: [3, 5],
    why: 'Adjectives that come in pairs: changing one changes the other.',
  },
];
