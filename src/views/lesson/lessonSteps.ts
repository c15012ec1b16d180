// The guided lesson: eight steps a teacher can run in about twenty minutes, each a few sentences,
// a "Try this" prompt and the store state it puts on the page (text, masks, open views, top-k).
// Steps never change the model: a link's model stays. Every number in the text was read from the
// shipped pair (exlm-en-small and its twin mlm-en-small) with `exlm predict` on the step's own
// sentence, and from the models' evaluation on 1,000 held-out sentences; the page says so when
// another model is shown. Masks are word indices (src/core/words.ts), checked by
// lessonSteps.test.ts.
import type { ViewId } from '../../state/viewIds';

/** One sentence a step can show, with the words it hides. */
export interface LessonVariant {
  /** The button that switches to it, when a step has several (short: "1 mask", "A sure guess"). */
  label: string;
  text: string;
  /** Word indices into splitWords(text). */
  masks: readonly number[];
}

export interface LessonStep {
  /** Stable name of the step (screenshots, tests). */
  id: string;
  title: string;
  /** The teaching text, one paragraph per entry. */
  body: readonly string[];
  /** A prompt for the class. */
  tryThis: string;
  /** The sentences of the step; the first is shown when the step opens, and with several, buttons
   *  in the step switch between them. */
  variants: readonly [LessonVariant, ...LessonVariant[]];
  /** What the variant buttons are, for screen readers ("Sentence", "How many masks"). */
  variantsLabel?: string;
  openViews: readonly ViewId[];
  topK: number;
  /** Show the live readout of each mask's top guess and entropy in plain words. */
  readout?: boolean;
}

export const LESSON_STEPS: readonly LessonStep[] = [
  {
    id: 'guess',
    title: 'A masked language model guesses a word',
    body: [
      'A masked language model reads a sentence in which some words are hidden behind [MASK] and guesses each hidden word from the words on both sides of it. It learned by doing exactly that, again and again, on about 7.6 million word pieces of English: everyday sentences, news and fiction, dictionary definitions, presidents’ speeches and Moby-Dick.',
      'Here “york” is hidden (the marked chip in the editor). The Predictions view lists the model’s guesses with their probabilities: the shipped ExLM puts “york” first, at about 51%, and its next guess, “states”, gets under 3%.',
      'This is a small model (3.6 million parameters, trained for under two hours on one processor core). On held-out sentences its first guess is right about three times in ten, so expect wrong guesses and read them as clues to what it has learned.',
    ],
    tryThis:
      'Click the chip “city” to hide it as well, or click “york” to bring it back and hide “lives” instead. Then type a sentence of your own and mask a word: which words does the model find, and which does it miss?',
    variants: [
      { label: 'he lives in new york city', text: 'he lives in new york city .', masks: [4] },
    ],
    openViews: ['predictions'],
    topK: 5,
  },
  {
    id: 'certainty',
    title: 'How sure is the model?',
    body: [
      'Every guess comes with a probability, and the probabilities of all the words the model knows add up to 100%. One long bar and many short ones: the model is sure. Many short bars of about the same length: it is not.',
      'Entropy puts this in one number, in nats. In plain words, an entropy of H nats makes the model as unsure as a fair pick among e^H words. For “the united [MASK] of america .” the ExLM gives “states” about 76%; entropy 1.71, as unsure as a pick among 6 words.',
      'Now switch to the sentence the page opens with, “the man went to the [MASK] to get some money .” The hidden word is “bank”, but the best guess is “way” at under 8%, and “bank” is not among the ten guesses shown. Entropy 6.82: as unsure as a pick among about 900 words. The readout below gives these numbers for the sentence on screen.',
    ],
    tryThis:
      'Before you switch, ask the class: how sure are you of the hidden word, as a pick among how many words? Then compare with the model’s number.',
    variants: [
      { label: 'A sure guess', text: 'the united states of america .', masks: [2] },
      { label: 'A spread guess', text: 'the man went to the bank to get some money .', masks: [5] },
    ],
    variantsLabel: 'Sentence',
    openViews: ['predictions'],
    topK: 10,
    readout: true,
  },
  {
    id: 'context',
    title: 'Context decides',
    body: [
      'A masked model knows nothing about the hidden word except the words around it. Here the same word, “states”, is hidden in two sentences that differ in the one word before it. Switch between them.',
      'After “the united”, the ExLM says “states” at about 80%: as unsure as a pick among 4 words. After “the federal”, it says “government” at about 7%, and “states” falls under 2%: as unsure as a pick among about 600 words. One word of context moved the answer.',
      'The classic example is “bank”: money in one sentence, a river in another. This small model does not manage it: for “the man went to the [MASK] to get some money .” it says “way”, and for “he sat on the [MASK] of the river .” it says “end” and “side”. Neither list holds “bank”, but the lists differ: the context changes what kind of word it expects.',
    ],
    tryThis:
      'Type the two “bank” sentences and mask “bank” in each, or replace “united” and “federal” with words of your own and watch the guesses move.',
    variants: [
      { label: 'the united …', text: 'the united states must act now .', masks: [2] },
      { label: 'the federal …', text: 'the federal states must act now .', masks: [2] },
    ],
    variantsLabel: 'Context',
    openViews: ['predictions'],
    topK: 5,
    readout: true,
  },
  {
    id: 'corrupted',
    title: 'Hide more words: corrupted meaning',
    body: [
      'Each [MASK] takes information away. With one word hidden, “new york is a big city in the united [MASK] .”, the ExLM is about 79% sure of “states”: as unsure as a pick among 5 words.',
      'Hide “united” too, and both slots fall apart: the two words were each other’s best clue. The best guesses drop to about 3-4% (“first” and “city”), each as unsure as a pick among 700-800 words, and the fill ends “in the first city”.',
      'With four masks (“york”, “city”, “united”, “states”) every slot is as unsure as a pick among 750-1,100 words, and the fill, “new york is a big man in the same time .”, is English word by word but means nothing. Many readings fit the few words left. The ExLM paper calls this corrupted semantics: the more [MASK]s, the more meanings the input could have, and the blurrier the model’s view of each hidden word.',
    ],
    tryThis:
      'Before each click, let the class fill the hidden words themselves. Do people also get less sure as more words vanish? Do they agree with each other more than with the model? To see the same over many sentences, tick “Mask-ratio experiment” under Views and run it on your sentence or on the sample: it hides 5% to 80% of the words at random and shows how the guesses of both models change.',
    variants: [
      { label: '1 mask', text: 'new york is a big city in the united states .', masks: [9] },
      { label: '2 masks', text: 'new york is a big city in the united states .', masks: [8, 9] },
      {
        label: '4 masks',
        text: 'new york is a big city in the united states .',
        masks: [1, 5, 8, 9],
      },
    ],
    variantsLabel: 'How many masks',
    openViews: ['predictions'],
    topK: 5,
    readout: true,
  },
  {
    id: 'states',
    title: 'ExLM’s answer: k states per [MASK]',
    body: [
      'ExLM (Zheng et al., 2025) does not give a [MASK] one place in the model: it expands it into k = 4 states, copies of the same [MASK] told apart by a second position number (1 to 4). The start and end markers, [CLS] and [SEP], get four copies too. The idea: different copies could hold different readings of the hidden word.',
      'The Expanded states view draws every state with its own top guesses. On step 1’s sentence the four copies of the [MASK] say “york” at about 55%, 56%, 49% and 38%. The Predictions view mixes them: the slot’s 51% is the copies’ average, weighted by how likely each copy is to be on the path (about 0.39, 0.26, 0.19 and 0.16 here).',
      'Be honest about what you see: the four copies learned nearly the same distribution. Nothing in training rewarded them for differing, so on this model they rarely hold different readings.',
    ],
    tryThis:
      'Point at a state card to find the same state in the other views. Mask a second word: do its four copies agree with each other too?',
    variants: [
      { label: 'he lives in new york city', text: 'he lives in new york city .', masks: [4] },
    ],
    openViews: ['predictions', 'states'],
    topK: 5,
  },
  {
    id: 'dag',
    title: 'The DAG: a joint fill, or guesses one by one?',
    body: [
      'The states are linked by a learned transition DAG: edges run left to right, from each state to later ones, each with a probability. A path starts at the first [CLS] state, passes through one copy of every [MASK] in order and ends at the last [SEP] state. The best joint fill, the first line of the Predictions view, reads the words along the most likely path. If the copies held different readings, the path could pick words that fit together, such as “new” and “york”, where guessing each slot alone might mix readings.',
      'Here “new” and “york” are both hidden. The first slot says “the” (about 47%), the second “president” (about 3%), and the best joint fill is just those two: “the president is a big city in the united states .” Each copy of the first [MASK] links about evenly to the copies of the second (20-33% each), and the copies all say nearly the same, so the path has nothing to choose.',
      'The measurements agree: on test sentences the joint fill scores two neighbouring hidden words no better than the slots’ own guesses. On this model the fill and the per-slot top guesses usually agree; where they differ, the top guesses are close, and the path goes through a copy that ranks them the other way.',
    ],
    tryThis:
      'Click a [MASK] state in the DAG to see all its guesses, and slide “Hide edges below p =” to 0 to see every edge. Then unmask “new”: does “york” come back?',
    variants: [
      {
        label: 'new york is a big city',
        text: 'new york is a big city in the united states .',
        masks: [0, 1],
      },
    ],
    openViews: ['predictions', 'dag'],
    topK: 5,
  },
  {
    id: 'attention',
    title: 'What a [MASK] looks at',
    body: [
      'Inside, the model works in 4 layers, and each layer has 4 heads; each head decides where every position looks: its attention. In the heatmap each row is one position (the four copies of the [MASK] among them) and shows how much it looks at each column; a row adds up to 1.',
      'Choose Layer 1 and head 3: every copy of the [MASK] puts about 98% of its attention on “of”, the word right after it. Layer 2, head 4 looks back instead: 97-99% on “united”, the word before it. Layer 2, head 3 is less tidy: its copies look at “america”, “united” or “the”, in different amounts.',
      'Attention shows where information flows, not why the model guessed what it did: a head that looks at “united” is a clue, not an explanation.',
    ],
    tryThis:
      'Focus the heatmap and use the arrow keys to read single weights. Change the sentence: does layer 2, head 4 still look at the word just before the [MASK]?',
    variants: [
      {
        label: 'the united states of america',
        text: 'the united states of america .',
        masks: [2],
      },
    ],
    openViews: ['predictions', 'attention'],
    topK: 5,
  },
  {
    id: 'compare',
    title: 'ExLM against its MLM twin',
    body: [
      'The MLM twin is the same model without the expansion and the DAG: one state per [MASK], trained on the same text in the same order. The Compare view runs both on the sentence on screen.',
      'On one sentence either can look better. For “he lives in new [MASK] city .” both say “york”, the ExLM at about 51% and the twin at about 32%. Switch to “the whale swam in the [MASK] .”: the twin puts “sea” first (2%), the ExLM says “door” and ranks “sea” eighth.',
      'Measured on 1,000 held-out sentences: with 15% of the words hidden, the ExLM’s first guess is right 30.9% of the time against the twin’s 30.4%; with 30% hidden, 26.0% against 25.6%; with half the words hidden the twin is ahead, 22.0% against 21.4%. Half a point either way: at this size, ExLM’s extra states buy very little, because the copies learned the same thing (step 5) and the DAG has no different readings to join (step 6).',
    ],
    tryThis:
      'Hide more and more words of one sentence and watch both models’ mean entropy. Which model would you pick for sentences with half their words hidden, and why?',
    variants: [
      { label: 'new york city', text: 'he lives in new york city .', masks: [4] },
      { label: 'the whale', text: 'the whale swam in the sea .', masks: [5] },
    ],
    variantsLabel: 'Sentence',
    openViews: ['compare'],
    topK: 5,
  },
];
