// The words the views use, each explained in plain words for a student: the text behind every
// <Term> (Term.tsx). The ids are a union type, so a view that names a term the glossary lacks does
// not type-check; glossary.test.ts checks that every definition says something. Terms whose
// definition speaks of sentences and words have a molecule mode's own.

import type { InputMode } from '../../core/inputMode';

export interface GlossaryEntry {
  /** The term as the glossary names it. */
  term: string;
  /** Two or three sentences, for someone who has never trained a model. */
  definition: string;
  /** The same for molecule mode, where the definition above would speak of sentences and words:
   *  molecules, SMILES tokens, atoms. Absent where the definition holds for both. */
  molecules?: string;
}

export const GLOSSARY = {
  exlm: {
    term: 'ExLM',
    definition:
      'ExLM is a masked language model (Zheng et al., 2025) that turns every [MASK] into several states and links them with a transition DAG. The idea is to give the model more room to think about a missing word and to guess neighbouring masks together. The one on this page is small: 3.65 million parameters, trained for under two hours on one CPU core.',
    molecules:
      "ExLM is a masked language model (Zheng et al., 2025) that turns every [MASK] into several states and links them with a transition DAG. Here it reads molecules written as SMILES strings and guesses the hidden atoms, bonds, branches and ring digits; its encoder has the English model's size, and it was trained on SMILES of known molecules.",
  },
  'mlm-twin': {
    term: 'MLM twin',
    definition:
      'A plain masked language model trained like the ExLM here: the same data, the same number of steps, an encoder of the same size. It keeps one state per [MASK] and has no transition DAG, so comparing the two shows what those add.',
  },
  mask: {
    term: '[MASK]',
    definition:
      'The special token that hides a word: the model has to guess what was there from the words around it. Masked language models learn by guessing words hidden this way. Here one [MASK] always stands for one whole word.',
    molecules:
      'The special token that hides one SMILES token: an atom (C, N, [NH+]), a bond (=, #), a branch bracket or a ring digit. The model has to guess what was there from the rest of the molecule, and learned by guessing tokens hidden this way.',
  },
  slot: {
    term: 'slot',
    definition:
      'The gap left by one [MASK]: the place where the model has to guess a word. Slots are numbered left to right (Mask 1, Mask 2, ...), and each gets its own list of guesses.',
    molecules:
      'The gap left by one [MASK]: the place in the SMILES where the model has to guess a token (an atom, a bond, a branch bracket or a ring digit). Slots are numbered left to right (Mask 1, Mask 2, ...), and each gets its own list of guesses.',
  },
  'top-k': {
    term: 'top-k',
    definition:
      'The k most likely words for a slot or a state, best first; you choose k in the top-k box. Each percentage is out of every word the model could put there, so the listed ones often add up to far less than 100%.',
    molecules:
      'The k most likely SMILES tokens for a slot or a state, best first; you choose k in the top-k box. Each percentage is out of every token the model could put there, so the listed ones can add up to less than 100%.',
  },
  accuracy: {
    term: 'top-1 / top-5 accuracy',
    definition:
      "How often the hidden word was the model's first guess (top-1) or among its first five (top-5), measured on sentences it never saw in training. A top-1 of 30% means the first guess was right for about 3 hidden words in 10.",
    molecules:
      "How often the hidden SMILES token was the model's first guess (top-1) or among its first five (top-5), measured on molecules it never saw in training. A top-1 of 60% means the first guess was right for about 6 hidden tokens in 10.",
  },
  marginal: {
    term: 'marginal probability',
    definition:
      "A slot's marginal probabilities are its guesses on their own, without deciding what goes in the other masks. For ExLM they mix the guesses of the slot's states, each weighted by how likely the paths through the transition DAG are to use it. They can disagree with the best joint fill, which picks all the masks together.",
  },
  entropy: {
    term: 'entropy',
    definition:
      'How unsure the model is about a slot, measured over its whole list of probabilities, not just the top guess. 0 means certain; an entropy of H nats is as unsure as a fair pick among e^H words (2.1 nats: about 8 words). The page writes that number next to the entropy.',
    molecules:
      'How unsure the model is about a slot, measured over its whole list of probabilities, not just the top guess. 0 means certain; an entropy of H nats is as unsure as a fair pick among e^H SMILES tokens (1.1 nats: about 3 tokens). The page writes that number next to the entropy.',
  },
  nats: {
    term: 'nats',
    definition:
      'The unit entropy is measured in here (it uses the natural logarithm). Each extra nat means about e = 2.7 times as many equally likely words: 0 nats is one word, 1 nat about 3 words, 4.6 nats about 100. One nat is 1.44 bits.',
    molecules:
      'The unit entropy is measured in here (it uses the natural logarithm). Each extra nat means about e = 2.7 times as many equally likely SMILES tokens: 0 nats is one token, 1 nat about 3 tokens, 2.3 nats about 10. One nat is 1.44 bits.',
  },
  'joint-fill': {
    term: 'best joint fill (Viterbi)',
    definition:
      "One word for every mask, chosen together rather than one slot at a time. ExLM takes the words along the most likely path through its transition DAG, found by the Viterbi algorithm without trying every path one by one. For the MLM twin it is simply each slot's top guess.",
    molecules:
      "One SMILES token for every mask, chosen together rather than one slot at a time. ExLM takes the tokens along the most likely path through its transition DAG (found by the Viterbi algorithm), the MLM twin each slot's top guess; the filled SMILES is a valid molecule only when RDKit can read it.",
  },
  'expanded-state': {
    term: 'expanded state',
    definition:
      'ExLM turns every [MASK], [CLS] and [SEP] into k copies called states, so it has several places to work out the missing word. Each state makes its own guesses, and the transition DAG links the states from left to right. The MLM twin keeps one state each (k = 1).',
    molecules:
      'ExLM turns every [MASK], [CLS] and [SEP] into k copies called states, so it has several places to work out the missing SMILES token. Each state makes its own guesses, and the transition DAG links the states from left to right. The MLM twin keeps one state each (k = 1).',
  },
  copy: {
    term: 'copy',
    definition:
      'One of the k states ExLM makes from a single [MASK], [CLS] or [SEP]; the views name it by its mask and copy number ("mask 2 · copy 3", or "m2·c3" where space is tight). The copies of a token sit at the same place in the sentence and differ only in their second position number. In the model shipped here they learned nearly the same guesses.',
    molecules:
      'One of the k states ExLM makes from a single [MASK], [CLS] or [SEP]; the views name it by its mask and copy number ("mask 2 · copy 3", or "m2·c3" where space is tight). The copies of a token sit at the same place in the SMILES and differ only in their second position number.',
  },
  position: {
    term: 'position (i, j)',
    definition:
      'Where a token or state sits, as two numbers (i, j), also called pos1 and pos2. i is its place in the sentence ([CLS] is 0); j is its copy number: 0 for an ordinary word, 1 to k for the copies of a [MASK], [CLS] or [SEP]. The model feels both numbers through its rotary position encoding.',
    molecules:
      'Where a token or state sits, as two numbers (i, j), also called pos1 and pos2. i is its place in the SMILES, counted in tokens ([CLS] is 0); j is its copy number: 0 for an ordinary token, 1 to k for the copies of a [MASK], [CLS] or [SEP]. The model feels both numbers through its rotary position encoding.',
  },
  dag: {
    term: 'transition DAG',
    definition:
      "A directed acyclic graph: ExLM's states joined by arrows (links) that only point to the right, so there are no loops. A way of reading the sentence is a path through it from the first [CLS] state to the last [SEP] state.",
    molecules:
      "A directed acyclic graph: ExLM's states joined by arrows (links) that only point to the right, so there are no loops. A way of filling the molecule's masks is a path through it from the first [CLS] state to the last [SEP] state.",
  },
  link: {
    term: 'link',
    definition:
      'An arrow of the transition DAG from one state to a later one, with the probability that a path takes that step. The links leaving a state add up to 100%, and the page draws likely links thicker.',
  },
  path: {
    term: 'path',
    definition:
      'A route through the transition DAG from its first state to its last that stops at one state for each [MASK], left to right. Each path is one way to read the masks: the slot guesses add up over all paths, and the best joint fill follows the best one.',
  },
  attention: {
    term: 'attention',
    definition:
      'How much each position looks at every other position while the model builds up its picture of the sentence. In the heatmap a row is the position that looks and a column the position it looks at; the darker the cell, the more weight, and each row adds up to 1.',
    molecules:
      'How much each position looks at every other position while the model builds up its picture of the molecule. In the heatmap a row is the position that looks and a column the position it looks at; the darker the cell, the more weight, and each row adds up to 1.',
  },
  layer: {
    term: 'layer',
    definition:
      "The model reads the sentence in steps called layers; each one updates every position using attention and then a small network of its own. The shipped models have 4 layers, and the attention view shows one layer's attention at a time.",
    molecules:
      "The model reads the SMILES in steps called layers; each one updates every position using attention and then a small network of its own. The shipped models have 4 layers, and the attention view shows one layer's attention at a time.",
  },
  head: {
    term: 'attention head',
    definition:
      "Each layer's attention is split into heads that look at the sentence separately, each with its own pattern, and their results are combined. The shipped models have 4 heads per layer; 'mean over heads' averages them.",
    molecules:
      "Each layer's attention is split into heads that look at the SMILES separately, each with its own pattern, and their results are combined. The shipped models have 4 heads per layer; 'mean over heads' averages them.",
  },
} as const satisfies Record<string, GlossaryEntry>;

/** Every term a view may explain: a <Term id> outside this list does not type-check. */
export type GlossaryId = keyof typeof GLOSSARY;

export const GLOSSARY_IDS = Object.keys(GLOSSARY) as GlossaryId[];

/** A term's definition in the words of the page's mode. */
export function definitionOf(id: GlossaryId, domain: InputMode): string {
  const entry: GlossaryEntry = GLOSSARY[id];
  return domain === 'molecules' ? (entry.molecules ?? entry.definition) : entry.definition;
}
