// The guided lesson: eight steps about English sentences a teacher can run in about twenty minutes,
// then three about molecules (SMILES, ring closures, ExLM's copies on a molecule), each a short
// text for the projected screen, the teacher's notes (the full text), a "Try this" prompt and the
// store state it puts on the page (mode, text, masks, open views, top-k).
// Steps never change the model: a link's model stays (a step in the other mode loads the model
// that mode had, its default pair at first, and the way back brings the link's model back). The
// text is written against the shipped pair of the step's mode (exlm-en-small and its twin
// mlm-en-small; exlm-smiles-small and mlm-smiles-small for molecules); the page says so when
// another model is shown.
// Every number the text states about them is a placeholder for a claim of the step (`claims`,
// lessonClaims.ts explains the placeholders), checked against both models by
// lessonSteps.models.test.ts; words quoted from the models are written in the text and in the
// claims. Masks are word indices (src/core/words.ts), or SMILES token indices in a molecule step
// (src/core/smilesTokens.ts), checked by lessonSteps.test.ts.
// After new weights, `npx vitest run src/views/lesson/lessonSteps.models.test.ts` lists every claim
// that no longer holds with what the model says instead: rewrite the claim's numbers (the text
// follows) and, where the model's words changed, the words in the claim and in the text.
import { DEFAULT_TOP_K, MAX_TOP_K } from '../../core/defaults';
import type { InputMode } from '../../core/inputMode';
import { EXPERIMENT_RATIOS } from '../../model/maskRatio';
import type { ViewId } from '../../state/viewIds';
import { type LessonClaim, renderTemplate } from './lessonClaims';

/** What the lesson is about, in one line: the handout's heading. */
export const LESSON_TITLE = 'Guessing hidden words: a masked language model and ExLM';

/** The heading of each mode's handout (the English steps, the molecule steps). */
export const LESSON_TITLES: Readonly<Record<InputMode, string>> = {
  text: LESSON_TITLE,
  molecules: 'Guessing hidden atoms: a masked language model and ExLM on molecules',
};

/** One sentence (or SMILES) a step can show, with the words (or SMILES tokens) it hides. */
export interface LessonVariant {
  /** The button that switches to it, when a step has several (short: "1 mask", "A sure guess"). */
  label: string;
  text: string;
  /** Indices into splitterFor(mode)(text): words, or SMILES tokens in a molecule step. */
  masks: readonly number[];
}

export interface LessonStep {
  /** Stable name of the step (screenshots, tests). */
  id: string;
  /** The input the step is about, which the page switches to: English text when absent, or
   *  molecules (its sentences are SMILES, its claims about the shipped molecule pair). */
  mode?: InputMode;
  title: string;
  /** What the class reads on the projected screen beside the step's view: a sentence or two. In
   *  LESSON_SOURCE a template whose placeholders name the step's claims; in LESSON_STEPS written
   *  out. It states nothing that the notes do not. */
  short: string;
  /** The teacher's notes, one paragraph per entry: the full teaching text, shown in the presenter
   *  view and under "Notes" in the panel (a template like `short`). */
  notes: readonly string[];
  /** A prompt for the class (a template like `body`). */
  tryThis: string;
  /** The sentences of the step; the first is shown when the step opens, and with several, buttons
   *  in the step switch between them. */
  variants: readonly [LessonVariant, ...LessonVariant[]];
  /** What the variant buttons are, for screen readers ("Sentence", "How many masks"). */
  variantsLabel?: string;
  openViews: readonly ViewId[];
  /** The view the step is about, one of `openViews`: the page shows it first, right under the
   *  step's text. */
  view: ViewId;
  topK: number;
  /** Show the live readout of each mask's top guess and entropy in plain words. */
  readout?: boolean;
  /** What the text says about the shipped models, by the name its placeholders use. */
  claims?: Readonly<Record<string, LessonClaim>>;
}

/** The mode a step puts the page in. */
export const stepMode = (step: LessonStep): InputMode => step.mode ?? 'text';

const percentOf = (share: number | undefined): string => `${Math.round(100 * (share ?? 0))}%`;

/** Numbers in the text that are not about a model's output, each with where it comes from. */
const LESSON_FACTS: Readonly<Record<string, string>> = {
  /** The ExLM paper: Zheng et al., ICML 2025. */
  paperYear: '2025',
  /** Word pieces in the training corpus (README, "The shipped models"). */
  corpus: '7.6 million',
  /** All probabilities of a distribution together. */
  everything: '100%',
  /** A row of attention weights together. */
  rowSum: '1',
  /** The DAG view's "Hide edges below p =" slider where it hides no edge. */
  noEdgeHidden: '0',
  /** The mask ratios of the experiment (src/model/maskRatio.ts). */
  experimentRange: `${percentOf(EXPERIMENT_RATIOS[0])} to ${percentOf(EXPERIMENT_RATIOS.at(-1))}`,
};

/** The steps as written: text with placeholders, and the claims they name. */
export const LESSON_SOURCE: readonly LessonStep[] = [
  {
    id: 'guess',
    title: 'A masked language model guesses a word',
    short:
      'The model guesses a hidden word from the words around it. Here “york” is hidden, and the Predictions view puts “york” first, at about {york.p.york}.',
    notes: [
      'A masked language model reads a sentence in which some words are hidden behind [MASK] and guesses each hidden word from the words on both sides of it. It learned by doing exactly that, again and again, on about {fact:corpus} word pieces of English: everyday sentences, news and fiction, dictionary definitions, presidents’ speeches and Moby-Dick.',
      'Here “york” is hidden (the marked chip in the editor). The Predictions view lists the model’s guesses with their probabilities: the shipped ExLM puts “york” first, at about {york.p.york}, and its next guess, “states”, gets under {york.p.states}.',
      'This is a small model ({size.parameters} parameters, trained for under {size.trainingHours|words} hours in all, on {size.trainingThreads|words} processor core). On held-out sentences its first guess is right about {scored.top1|tenths} times in ten, so expect wrong guesses and read them as clues to what it has learned.',
    ],
    tryThis:
      'Click the chip “city” to hide it as well, or click “york” to bring it back and hide “lives” instead. Then type a sentence of your own and mask a word: which words does the model find, and which does it miss?',
    variants: [
      { label: 'he lives in new york city', text: 'he lives in new york city .', masks: [4] },
    ],
    openViews: ['predictions'],
    view: 'predictions',
    topK: DEFAULT_TOP_K,
    claims: {
      york: {
        sentence: 0,
        model: 'exlm',
        top: 'york',
        topIncludes: ['states'],
        within: 2,
        p: { york: { about: 0.59 }, states: { under: 0.05 } },
      },
      size: {
        model: 'exlm',
        parameters: { about: 3.6e6 },
        trainingHours: { under: 6 },
        trainingThreads: 1,
      },
      scored: { model: 'exlm', ratio: 0.15, top1: { about: 0.321 } },
    },
  },
  {
    id: 'certainty',
    title: 'How sure is the model?',
    short:
      'One long bar: the model is sure; many short bars: it is not. Entropy says it in one number: H nats is as unsure as a fair pick among e^H words.',
    notes: [
      'Every guess comes with a probability, and the probabilities of all the words the model knows add up to {fact:everything}. One long bar and many short ones: the model is sure. Many short bars of about the same length: it is not.',
      'Entropy puts this in one number, in nats. In plain words, an entropy of H nats makes the model as unsure as a fair pick among e^H words. For “the united [MASK] of america .” the ExLM gives “states” about {sure.p.states}; entropy {sure.entropy}, as unsure as a pick among {sure.picks} words.',
      'Now switch to a harder sentence, “the man went to the [MASK] to get some money .” The hidden word is “bank”, but the best guess is “way” at only about {spread.p.way}, and “bank” is not among the ten guesses shown. Entropy {spread.entropy}: as unsure as a pick among about {spread.picks} words. The readout below gives these numbers for the sentence on screen.',
    ],
    tryThis:
      'Before you switch, ask the class: how sure are you of the hidden word, as a pick among how many words? Then compare with the model’s number.',
    variants: [
      { label: 'A sure guess', text: 'the united states of america .', masks: [2] },
      { label: 'A spread guess', text: 'the man went to the bank to get some money .', masks: [5] },
    ],
    variantsLabel: 'Sentence',
    openViews: ['predictions'],
    view: 'predictions',
    topK: MAX_TOP_K,
    readout: true,
    claims: {
      sure: {
        sentence: 0,
        model: 'exlm',
        top: 'states',
        p: { states: { about: 0.82 } },
        entropy: { about: 1.03 },
      },
      spread: {
        sentence: 1,
        model: 'exlm',
        top: 'way',
        notInTop: ['bank'],
        p: { way: { about: 0.06 } },
        entropy: { about: 6.78 },
      },
    },
  },
  {
    id: 'context',
    title: 'Context decides',
    short:
      'The same word, “states”, is hidden in two sentences that differ only in the word before it. Switch between them: one word moves the answer.',
    notes: [
      'A masked model knows nothing about the hidden word except the words around it. Here the same word, “states”, is hidden in two sentences that differ in the one word before it. Switch between them.',
      'After “the united”, the ExLM says “states” at about {united.p.states}: as unsure as a pick among {united.picks} words. After “the federal”, it says “government” at about {federal.p.government}, and “states” is not even among its first ten guesses: it is as unsure as a pick among about {federal.picks} words. One word of context moved the answer.',
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
    view: 'predictions',
    topK: DEFAULT_TOP_K,
    readout: true,
    claims: {
      united: {
        sentence: 0,
        model: 'exlm',
        top: 'states',
        p: { states: { about: 0.81 } },
        entropy: { about: 1.05 },
      },
      federal: {
        sentence: 1,
        model: 'exlm',
        top: 'government',
        notInTop: ['states'],
        p: { government: { about: 0.1 } },
        entropy: { about: 5.82 },
      },
      money: {
        sentence: { text: 'the man went to the bank to get some money .', masks: [5] },
        model: 'exlm',
        top: 'way',
        notInTop: ['bank'],
      },
      river: {
        sentence: { text: 'he sat on the bank of the river .', masks: [4] },
        model: 'exlm',
        top: 'end',
        topIncludes: ['side'],
        within: 2,
        notInTop: ['bank'],
      },
    },
  },
  {
    id: 'corrupted',
    title: 'Hide more words: corrupted meaning',
    short:
      'Each [MASK] takes information away. Hide one, two, then four words: the guesses grow less sure, and with four hidden the fill makes little sense.',
    notes: [
      'Each [MASK] takes information away. With one word hidden, “new york is a big city in the united [MASK] .”, the ExLM is about {one.p.states} sure of “states”: as unsure as a pick among {one.picks} words.',
      'Hide “united” too, and both slots fall apart: the two words were each other’s best clue. The best guesses drop to {two.topP}: “world” for the first slot (“first” level with it), and for the second “city” at about {twoSecond.p.city}, then “river” ({twoSecond.p.river}) and “century” ({twoSecond.p.century}). Each slot is as unsure as a pick among {two.picks} words, and the fill ends “in the world city”.',
      'With four masks (“york”, “city”, “united”, “states”) every slot is as unsure as a pick among {four.picks} words. The fill, “new york is a big way in the same time .”, finds “york” again, the one word that “new” still gives away, but the rest is made of English words that mean nothing. Many readings fit the few words left. The ExLM paper calls this corrupted semantics: the more [MASK]s, the more meanings the input could have, and the blurrier the model’s view of each hidden word.',
    ],
    tryThis:
      'Before each click, let the class fill the hidden words themselves. Do people also get less sure as more words vanish? Do they agree with each other more than with the model? To see the same over many sentences, tick “Mask-ratio experiment” under Views and run it on your sentence or on the sample: it hides {fact:experimentRange} of the words at random and shows how the guesses of both models change.',
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
    view: 'predictions',
    topK: DEFAULT_TOP_K,
    readout: true,
    claims: {
      one: {
        sentence: 0,
        model: 'exlm',
        top: 'states',
        p: { states: { about: 0.84 } },
        entropy: { about: 0.91 },
      },
      two: {
        sentence: 1,
        model: 'exlm',
        eachSlot: true,
        topP: { from: 0.03, to: 0.07 },
        picks: { from: 550, to: 660 },
        fill: 'new york is a big city in the world city.',
      },
      // Two guesses within a tenth of a point of each other: the text names them as level.
      twoFirst: {
        sentence: 1,
        model: 'exlm',
        slot: 0,
        top: 'world',
        topIncludes: ['first'],
        within: 2,
        p: { world: { about: 0.03 }, first: { about: 0.03 } },
      },
      twoSecond: {
        sentence: 1,
        model: 'exlm',
        slot: 1,
        top: 'city',
        topIncludes: ['river', 'century'],
        within: 3,
        p: { city: { about: 0.07 }, river: { about: 0.04 }, century: { about: 0.02 } },
      },
      four: {
        sentence: 2,
        model: 'exlm',
        eachSlot: true,
        picks: { from: 550, to: 1000 },
        fill: 'new york is a big way in the same time.',
      },
      fourFirst: { sentence: 2, model: 'exlm', slot: 0, top: 'york' },
    },
  },
  {
    id: 'states',
    title: 'ExLM’s answer: k states per [MASK]',
    short:
      'ExLM turns each [MASK] into k = {k.expansion} states, copies told apart by a second position. The Expanded states view shows their guesses: on this model, nearly the same.',
    notes: [
      'ExLM (Zheng et al., {fact:paperYear}) does not give a [MASK] one place in the model: it expands it into k = {k.expansion} states, copies of the same [MASK] told apart by a second position number ({k.expansion|upTo}). The start and end markers, [CLS] and [SEP], get {k.expansion|words} copies too. The idea: different copies could hold different readings of the hidden word.',
      'The Expanded states view draws every state with its own top guesses. On step {step:guess}’s sentence the {k.expansion|words} copies of the [MASK] say “york” at about {york.copies}. The Predictions view mixes them: the slot’s {york.p.york} is the copies’ average, weighted by how likely each copy is to be on the path (about {york.pathWeights} here).',
      'Be honest about what you see: the {k.expansion|words} copies learned nearly the same distribution. Measured on held-out sentences, each copy’s own first guess is right {learned.copyTop1} of the time, and the copies of one [MASK] are on average {learned.copyDivergence} nats apart (Jensen-Shannon divergence, a measure of how far two distributions differ: near zero means nearly the same). Nothing in training rewarded them for differing, so on this model they rarely hold different readings.',
    ],
    tryThis:
      'Point at a state card to find the same state in the other views. Mask a second word: do its four copies agree with each other too?',
    variants: [
      { label: 'he lives in new york city', text: 'he lives in new york city .', masks: [4] },
    ],
    openViews: ['predictions', 'states'],
    view: 'states',
    topK: DEFAULT_TOP_K,
    claims: {
      k: { model: 'exlm', expansion: 4 },
      learned: {
        model: 'exlm',
        copyTop1: { from: 0.28, to: 0.3 },
        copyDivergence: { about: 0.065 },
      },
      york: {
        sentence: 0,
        model: 'exlm',
        top: 'york',
        p: { york: { about: 0.59 } },
        copies: {
          word: 'york',
          p: [{ about: 0.59 }, { about: 0.6 }, { about: 0.58 }, { about: 0.59 }],
        },
        pathWeights: [{ about: 0.37 }, { about: 0.23 }, { about: 0.2 }, { about: 0.21 }],
      },
    },
  },
  {
    id: 'dag',
    title: 'The DAG: a joint fill, or guesses one by one?',
    short:
      'The best joint fill reads the words along the most likely path through the DAG, one copy of each [MASK]. Here it takes the slots’ own first guesses, “the” and “city”.',
    notes: [
      'The states are linked by a learned transition DAG: edges run left to right, from each state to later ones, each with a probability. A path starts at the first [CLS] state, passes through one copy of every [MASK] in order and ends at the last [SEP] state. The best joint fill, the first line of the Predictions view, reads the words along the most likely path. If the copies held different readings, the path could pick words that fit together, such as “new” and “york”, where guessing each slot alone might mix readings.',
      'Here “new” and “york” are both hidden. The first slot says “the” (about {first.p.the}), the second “city” (about {second.p.city}), with “that” and “it” next (about {second.p.that} each). The best joint fill takes the same words: “the city is a big city in the united states .”, with “city” twice. Every copy of the first [MASK] says “the” and spreads its links over all the copies of the second ({first.links} each), so the path can reach any of them, and nothing in it keeps the fill from saying “city” twice.',
      'The measurements agree: on test sentences the joint fill scores two neighbouring hidden words no better than the slots’ own guesses. On this model the fill and the per-slot top guesses usually agree, as here; where they differ, the top guesses are close, and the path goes through a copy that ranks them the other way.',
    ],
    tryThis:
      'Click a [MASK] state in the DAG to see all its guesses, and slide “Hide edges below p =” to {fact:noEdgeHidden} to see every edge. Then unmask “new”: does “york” come back?',
    variants: [
      {
        label: 'new york is a big city',
        text: 'new york is a big city in the united states .',
        masks: [0, 1],
      },
    ],
    openViews: ['predictions', 'dag'],
    view: 'dag',
    topK: DEFAULT_TOP_K,
    claims: {
      first: {
        sentence: 0,
        model: 'exlm',
        slot: 0,
        top: 'the',
        p: { the: { about: 0.42 } },
        copies: { word: 'the' },
        links: { from: 0.18, to: 0.35 },
        fill: 'the city is a big city in the united states.',
      },
      second: {
        sentence: 0,
        model: 'exlm',
        slot: 1,
        top: 'city',
        topIncludes: ['that', 'it'],
        within: 3,
        p: { city: { about: 0.04 }, that: { about: 0.02 }, it: { about: 0.02 } },
      },
      noGain: { model: 'exlm', jointGain: { under: 0.005 } },
    },
  },
  {
    id: 'attention',
    title: 'What a [MASK] looks at',
    short:
      'Each row of the heatmap is one position and shows how much it looks at every column. Some heads look at the word after the [MASK], some at the word before.',
    notes: [
      'Inside, the model works in {size.layers} layers, and each layer has {size.heads} heads; each head decides where every position looks: its attention. In the heatmap each row is one position (the {k.expansion|words} copies of the [MASK] among them) and shows how much it looks at each column; a row adds up to {fact:rowSum}.',
      'Choose Layer {after.layer} and head {after.head}: every copy of the [MASK] puts {after.weight} of its attention on “of”, the word right after it. Layer {before.layer}, head {before.head} looks back instead: {before.weight} on “united”, the word before it. Layer {mixed.layer}, head {mixed.head} is less tidy: its copies look at “america” or “the”, in different amounts.',
      'Attention shows where information flows, not why the model guessed what it did: a head that looks at “united” is a clue, not an explanation.',
    ],
    tryThis:
      'Focus the heatmap and use the arrow keys to read single weights. Change the sentence: does layer {before.layer}, head {before.head} still look at the word just before the [MASK]?',
    variants: [
      {
        label: 'the united states of america',
        text: 'the united states of america .',
        masks: [2],
      },
    ],
    openViews: ['predictions', 'attention'],
    view: 'attention',
    topK: DEFAULT_TOP_K,
    claims: {
      size: { layers: 4, heads: 4 },
      k: { model: 'exlm', expansion: 4 },
      after: {
        sentence: 0,
        model: 'exlm',
        layer: 1,
        head: 3,
        on: 'of',
        weight: { from: 0.88, to: 0.97 },
      },
      before: {
        sentence: 0,
        model: 'exlm',
        layer: 2,
        head: 4,
        on: 'united',
        weight: { from: 0.97, to: 0.99 },
      },
      mixed: {
        sentence: 0,
        model: 'exlm',
        layer: 2,
        head: 2,
        onOneOf: ['america', 'the'],
      },
    },
  },
  {
    id: 'compare',
    title: 'ExLM against its MLM twin',
    short:
      'The MLM twin is the same model without the expansion and the DAG. On held-out sentences the two are right about as often, within a point of each other.',
    notes: [
      'The MLM twin is the same model without the expansion and the DAG: one state per [MASK], trained on the same text in the same order. The Compare view runs both on the sentence on screen.',
      'On one sentence either can look better. For “he lives in new [MASK] city .” both say “york”, but the twin is surer: about {mlmCity.p.york} against the ExLM’s {exlmCity.p.york}. Switch to “the cat sat [MASK] the mat .”: here the two disagree. The ExLM puts “on” first ({exlmCat.p.on}, with “in” {exlmCat.rank.in|ordinal} at {exlmCat.p.in}); the twin puts “in” first ({mlmCat.p.in}) and “on” {mlmCat.rank.on|ordinal} ({mlmCat.p.on}).',
      'Measured on {exlm15.sentences} held-out sentences: with {exlm15.ratio} of the words hidden, the ExLM’s first guess is right {exlm15.top1} of the time against the twin’s {mlm15.top1}; with {exlm30.ratio} hidden, {exlm30.top1} against {mlm30.top1}; with half the words hidden, {exlm50.top1} against {mlm50.top1}. The ExLM is a little ahead at every share of hidden words, and by less than a point each time. At this size, ExLM’s extra states buy very little, because the copies learned the same thing (step {step:states}) and the DAG has no different readings to join (step {step:dag}).',
    ],
    tryThis:
      'Hide more and more words of one sentence and watch both models’ mean entropy. Which model would you pick for sentences with half their words hidden, and why?',
    variants: [
      { label: 'new york city', text: 'he lives in new york city .', masks: [4] },
      { label: 'the cat sat on the mat', text: 'the cat sat on the mat .', masks: [3] },
    ],
    variantsLabel: 'Sentence',
    openViews: ['compare'],
    view: 'compare',
    topK: DEFAULT_TOP_K,
    claims: {
      exlmCity: { sentence: 0, model: 'exlm', top: 'york', p: { york: { about: 0.59 } } },
      mlmCity: { sentence: 0, model: 'mlm', top: 'york', p: { york: { about: 0.75 } } },
      exlmCat: {
        sentence: 1,
        model: 'exlm',
        top: 'on',
        rank: { in: 2 },
        p: { on: { about: 0.2 }, in: { about: 0.17 } },
      },
      mlmCat: {
        sentence: 1,
        model: 'mlm',
        top: 'in',
        rank: { on: 2 },
        p: { in: { about: 0.18 }, on: { about: 0.14 } },
      },
      exlm15: { model: 'exlm', ratio: 0.15, top1: { about: 0.321 }, sentences: 1000 },
      mlm15: { model: 'mlm', ratio: 0.15, top1: { about: 0.317 }, sentences: 1000 },
      exlm30: { model: 'exlm', ratio: 0.3, top1: { about: 0.283 } },
      mlm30: { model: 'mlm', ratio: 0.3, top1: { about: 0.282 } },
      exlm50: { model: 'exlm', ratio: 0.5, top1: { about: 0.244 } },
      mlm50: { model: 'mlm', ratio: 0.5, top1: { about: 0.239 } },
    },
  },
  {
    id: 'smiles',
    mode: 'molecules',
    title: 'A molecule as a sentence: SMILES',
    short:
      'SMILES writes a molecule as a line of tokens: atoms, bonds, branches, ring digits. A model guesses a hidden token as it guesses a word: here “O” first, at about {acid.p.O}.',
    notes: [
      'The page switches to Molecules. SMILES writes a molecule as one line of text: aspirin is “CC(=O)Oc1ccccc1C(=O)O”. Each token is an atom (“C”, “O”; a lower-case “c” is an atom of an aromatic ring), a bond (“=” is a double bond), a branch (a side group between parentheses) or a ring digit (two equal digits close a ring). The molecule models are built like the English ones and learned the same way: by guessing hidden tokens of molecules.',
      'Here the last “O” of aspirin, the oxygen of its acid group, is hidden. The ExLM puts “O” first, at about {acid.p.O}, then “C” ({acid.p.C}) and “N” ({acid.p.N}): an acid, a ketone or an amide. The Structures view draws each candidate and says whether RDKit, a chemistry library, reads it as a molecule: here all three are.',
      'Switch to the ester’s oxygen, between the acetyl group and the ring. The ExLM puts “N” first ({ester.p.N}), and “O”, the right answer, comes only third ({ester.p.O}): an amide, as in paracetamol, a molecule but not aspirin. A model that guesses tokens knows which pieces often stand together, not which molecule you meant.',
    ],
    tryThis:
      'Click another chip of aspirin to hide it: an atom, the “=” of a bond, a parenthesis, a ring digit. Which candidates does the Structures view call not valid, and why?',
    variants: [
      { label: 'The acid’s oxygen', text: 'CC(=O)Oc1ccccc1C(=O)O', masks: [20] },
      { label: 'The ester’s oxygen', text: 'CC(=O)Oc1ccccc1C(=O)O', masks: [6] },
    ],
    variantsLabel: 'Hidden atom',
    openViews: ['predictions'],
    view: 'predictions',
    topK: DEFAULT_TOP_K,
    claims: {
      acid: {
        sentence: 0,
        model: 'exlm',
        top: 'O',
        topIncludes: ['C', 'N'],
        within: 3,
        p: { O: { about: 0.63 }, C: { about: 0.24 }, N: { about: 0.07 } },
        validWith: { O: true, C: true, N: true },
      },
      ester: {
        sentence: 1,
        model: 'exlm',
        top: 'N',
        rank: { O: 3 },
        p: { N: { about: 0.56 }, O: { about: 0.07 } },
        validFill: true,
      },
    },
  },
  {
    id: 'rings',
    mode: 'molecules',
    title: 'A ring closure must pair',
    short:
      'A ring digit opens a ring and the same digit closes it. In benzene the model is sure of the closing “1”; in nicotine it is torn, and its fill is not a molecule.',
    notes: [
      'A ring in SMILES is written as a chain whose two ends carry the same digit: benzene, “c1ccccc1”, opens its ring with the “1” after the first atom and closes it with the “1” after the last. A digit that never meets its partner leaves a bond open, and the string is not a molecule: RDKit, which draws the Structures view, refuses it.',
      'In benzene the closing digit is hidden, and the ExLM is all but sure of “1”, at about {benzene.p.1}. Its next guess, “2”, would open a second ring that never closes.',
      'In nicotine, “CN1CCCC1c1cccnc1”, the hidden digit closes the five-membered ring, four atoms after it opens. Here the ExLM puts “1” first, but only just: about {nicotine.p.1}, against {nicotine.p.C} for “C”. Its best joint fill is read off the likeliest path through the [MASK]’s copies (path weights {nicotine.pathWeights}), not off the slot’s first guess, and with two guesses this close it takes “C”: “CN1CCCCCc1cccnc1” leaves the ring open, and RDKit refuses it. Its MLM twin is surer: “1” first, at about {nicotineTwin.p.1}, and its fill “CN1CCCC1c1cccnc1” is nicotine again. Pairing a digit with a partner several tokens back is hard for models this small.',
    ],
    tryThis:
      'Hide the first “1” of benzene instead of the last, or a ring digit of caffeine: does the model find the partner? Which of its candidates does the Structures view call valid?',
    variants: [
      { label: 'Benzene', text: 'c1ccccc1', masks: [7] },
      { label: 'Nicotine', text: 'CN1CCCC1c1cccnc1', masks: [7] },
    ],
    variantsLabel: 'Molecule',
    openViews: ['predictions'],
    view: 'predictions',
    topK: DEFAULT_TOP_K,
    claims: {
      benzene: {
        sentence: 0,
        model: 'exlm',
        top: '1',
        topIncludes: ['2'],
        within: 2,
        p: { '1': { about: 0.99 } },
        validFill: true,
        validWith: { '1': true, '2': false },
      },
      nicotine: {
        sentence: 1,
        model: 'exlm',
        top: '1',
        topP: { under: 0.4 },
        p: { '1': { about: 0.3 }, C: { about: 0.26 } },
        pathWeights: [{ about: 0.4 }, { about: 0.26 }, { about: 0.19 }, { about: 0.16 }],
        fill: 'CN1CCCCCc1cccnc1',
        validFill: false,
      },
      nicotineTwin: {
        sentence: 1,
        model: 'mlm',
        top: '1',
        p: { '1': { about: 0.7 } },
        fill: 'CN1CCCC1c1cccnc1',
        validFill: true,
      },
    },
  },
  {
    id: 'molecule-states',
    mode: 'molecules',
    title: 'ExLM’s copies on a molecule',
    short:
      'Caffeine with both C=O oxygens hidden: each [MASK] gets {k.expansion|words} copies again. They all say “O”, and the best joint fill gives back caffeine.',
    notes: [
      'The molecule ExLM is built like the English one: each [MASK] becomes k = {k.expansion} states, copies told apart by a second position, linked left to right by a transition DAG. Here the oxygens of caffeine’s two C=O groups are hidden.',
      'In the Expanded states view the {k.expansion|words} copies of the first [MASK] all say “O”, at about {first.copies}, with path weights of about {first.pathWeights}. The DAG’s edges from them to the copies of the second [MASK] carry {first.links} each: the path prefers some copies, but every copy it can take says the same.',
      'The best joint fill, “CN1C=NC2=C1C(=O)N(C(=O)N2C)C”, is caffeine again, and a molecule. As on English sentences, the copies learned nearly the same thing, so the path has little to choose: here the joint fill takes each slot’s own first guess.',
      'The measurements agree: on held-out molecules the copies of one [MASK] are on average {learned.copyDivergence} nats apart, and the joint fill gains nothing measurable over the slots’ own guesses. With {exlm15.ratio} of the tokens of {exlm15.sentences} held-out molecules hidden, the ExLM’s first guess is right {exlm15.top1} of the time, its MLM twin’s {mlm15.top1}; with half of them hidden, {exlm50.top1} against {mlm50.top1}. On molecules the twin is ahead, and the more of the tokens are hidden, the further.',
    ],
    tryThis:
      'Click a copy in the Transition DAG to see its guesses. Then hide a ring digit as well: do the copies of that [MASK] agree with each other, and is the fill still a molecule?',
    variants: [
      {
        label: 'caffeine, two oxygens hidden',
        text: 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C',
        masks: [14, 21],
      },
    ],
    openViews: ['predictions', 'states', 'dag'],
    view: 'states',
    topK: DEFAULT_TOP_K,
    claims: {
      k: { model: 'exlm', expansion: 4 },
      first: {
        sentence: 0,
        model: 'exlm',
        slot: 0,
        top: 'O',
        copies: {
          word: 'O',
          p: [{ about: 0.72 }, { about: 0.7 }, { about: 0.71 }, { about: 0.76 }],
        },
        pathWeights: [{ about: 0.32 }, { about: 0.16 }, { about: 0.14 }, { about: 0.38 }],
        links: { from: 0.05, to: 0.28 },
        fill: 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C',
        validFill: true,
      },
      second: { sentence: 0, model: 'exlm', slot: 1, top: 'O' },
      learned: { model: 'exlm', copyDivergence: { about: 0.01 }, jointGain: { under: 0.005 } },
      exlm15: { model: 'exlm', ratio: 0.15, top1: { about: 0.829 }, sentences: 600 },
      mlm15: { model: 'mlm', ratio: 0.15, top1: { about: 0.837 } },
      exlm50: { model: 'exlm', ratio: 0.5, top1: { about: 0.622 } },
      mlm50: { model: 'mlm', ratio: 0.5, top1: { about: 0.656 } },
    },
  },
];

/** A step with its text written out from its claims. Throws on a placeholder that names nothing
 *  (lessonSteps.test.ts reads every step). */
export function renderStep(step: LessonStep, steps: readonly LessonStep[]): LessonStep {
  const context = { stepIds: steps.map((s) => s.id), facts: LESSON_FACTS };
  const render = (template: string): string => {
    try {
      return renderTemplate(template, step.claims ?? {}, context);
    } catch (error) {
      throw new Error(`lesson step "${step.id}": ${error instanceof Error ? error.message : ''}`);
    }
  };
  return {
    ...step,
    short: render(step.short),
    notes: step.notes.map(render),
    tryThis: render(step.tryThis),
  };
}

/** The steps as the page shows them. */
export const LESSON_STEPS: readonly LessonStep[] = LESSON_SOURCE.map((step) =>
  renderStep(step, LESSON_SOURCE),
);
