// The lesson's claims about the shipped models, as data, and the lesson text made from them.
//
// A step's text is a template: every number in it is a placeholder that names a claim of the step
// and one of its values, `{sure.p.states}`, and is written from that value ("76%"), so the text and
// the data cannot drift apart. lessonSteps.models.test.ts runs both shipped models on each claim's
// sentence and checks the claim (lessonClaimChecks.ts); lessonSteps.test.ts checks that the text
// holds no digit outside a placeholder. Words the text quotes from the models (“york”) are written
// in the text and in the claim (`top: 'york'`); lessonSteps.test.ts checks that each claimed word is
// quoted in its step.
//
// Placeholders:
//   {claim.path}        a value of the step's claim `claim`, e.g. {sure.p.states}, {sure.entropy}
//   {claim.path|form}   the same value in another form: words ("four"), ordinal ("eighth"),
//                       tenths (0.31 as "three", for "three times in ten"), upTo ("1 to 4")
//   {claim.picks}       e^entropy: as unsure as a fair pick among that many words
//   {step:id}           the number of the step `id` ("5")
//   {fact:name}         a number that is not about a model's output (LESSON_FACTS in lessonSteps.ts)
import type { Expectation, ShippedModel } from '../common/modelClaims';

/** A number the text states. `about`: checked within `within` of it (by default 1 point for a
 *  probability under 10%, else 2 points; 0.05 nats for an entropy; 0.02 for a path weight; 0.1
 *  point for an evaluation score). `under`: at most this. `from`-`to`: a range, each end checked
 *  with the same tolerance as `about`. */
export type Said =
  | { about: number; within?: number }
  | { under: number }
  | { from: number; to: number; within?: number };

/** A sentence of a claim's own (not one of the step's variants). */
export interface LessonSentence {
  text: string;
  /** Indices into splitterFor(mode)(text) for the step's mode: words, or SMILES tokens. */
  masks: readonly number[];
}

/** One thing a step's text says about a shipped model. The fields of the gallery's Expectation
 *  that hold words (fill, slot, top, topIncludes/within, notInTop) mean what they mean there; the
 *  numbers are written as `Said` values so that the text can be made from them. */
export interface LessonClaim extends Omit<
  Expectation,
  'probs' | 'maxProb' | 'minProb' | 'minEntropy' | 'maxEntropy'
> {
  /** The sentence the claim is about: an index into the step's variants, or a sentence of its
   *  own. Absent for claims about the model itself (size, training, evaluation). */
  sentence?: number | LessonSentence;

  // About one slot (`slot`, default 0), or about every slot with `eachSlot`.
  /** Probabilities of words among the slot's first 10 guesses. */
  p?: Record<string, Said>;
  /** The first guess's probability. */
  topP?: Said;
  /** The slot's entropy in nats; `{claim.picks}` writes e^entropy from it. */
  entropy?: Said;
  /** e^entropy as a range of words ("as unsure as a pick among 700-800 words"); checked on the
   *  entropy, with 0.05 nats to spare at each end. */
  picks?: { from: number; to: number };
  /** `topP`, `entropy` and `picks` hold for every slot of the sentence. */
  eachSlot?: boolean;
  /** 1-based ranks of words among the slot's first 10 guesses. */
  rank?: Record<string, number>;

  // Molecules (a molecule step's claims), by RDKit's verdict as on the page.
  /** Whether the best joint fill is a molecule. */
  validFill?: boolean;
  /** Whether the SMILES is a molecule with the slot's token replaced by each of these tokens. */
  validWith?: Record<string, boolean>;

  // The ExLM's expanded states of the slot's [MASK] (its k copies, in order).
  /** Every copy's first guess is `word`; with `p`, at these probabilities, one per copy. */
  copies?: { word: string; p?: Said[] };
  /** How likely each copy is to be on the path (gamma), one per copy. */
  pathWeights?: Said[];
  /** Every DAG edge from a copy of this slot to a copy of the next one. */
  links?: Said;

  // Attention, in the Attention view's 1-based numbering.
  layer?: number;
  head?: number;
  /** Every copy of the slot's [MASK] looks most at this word, with `weight`. */
  on?: string;
  weight?: Said;
  /** Every copy looks most at one of these words, and each of them is looked at most by a copy. */
  onOneOf?: string[];

  // The model folder: its size (weights, config.json) and how it was trained (config.json).
  parameters?: Said;
  expansion?: number;
  layers?: number;
  heads?: number;
  trainingHours?: Said;
  trainingThreads?: number;
  /** How much the ExLM's joint fill gained over the slots' own guesses on neighbouring masks of
   *  held-out sentences (config.json training.validation.dag.joint_gain, a share of the masks). */
  jointGain?: Said;
  /** How often each copy's own first guess is right on held-out sentences, every copy within this
   *  (config.json training.validation.dag.copy_top1, one share per copy). */
  copyTop1?: Said;
  /** The mean Jensen-Shannon divergence between the distributions of a [MASK]'s copies on
   *  held-out sentences, in nats (config.json training.validation.dag.copy_divergence). */
  copyDivergence?: Said;

  // Its evaluation (config.json "evaluation"): at the share of words masked `ratio`, the first
  // guess is right `top1` of the time, over `sentences` held-out sentences.
  ratio?: number;
  top1?: Said;
  sentences?: number;
}

/** How a kind of value is written and how far off a stated `about` may be. */
export interface Kind {
  write: (value: number) => string;
  unit: string;
  within: (value: number) => number;
}

const whole = (value: number): string =>
  Math.round(value).toLocaleString('en-US', { maximumFractionDigits: 0 });

const PERCENT: Kind = {
  write: (v) => whole(100 * v),
  unit: '%',
  within: (v) => (v < 0.1 ? 0.01 : 0.02),
};
const KINDS: Record<string, Kind> = {
  p: PERCENT,
  topP: PERCENT,
  links: PERCENT,
  weight: PERCENT,
  copies: PERCENT,
  ratio: PERCENT,
  top1: { write: (v) => (100 * v).toFixed(1), unit: '%', within: () => 0.001 },
  entropy: { write: (v) => v.toFixed(2), unit: '', within: () => 0.05 },
  pathWeights: { write: (v) => v.toFixed(2), unit: '', within: () => 0.02 },
  parameters: {
    write: (v) => (v / 1e6).toFixed(1),
    unit: ' million',
    within: () => 0.05e6,
  },
  trainingHours: { write: whole, unit: '', within: () => 0 },
  copyTop1: { write: (v) => (100 * v).toFixed(1), unit: '%', within: () => 0.001 },
  copyDivergence: { write: (v) => v.toFixed(2), unit: '', within: () => 0.005 },
};
const COUNT: Kind = { write: whole, unit: '', within: () => 0 };

/** The kind of a claim's field (by its name); whole numbers for the others. */
export const kindOf = (field: string): Kind => KINDS[field] ?? COUNT;

/** Entropy to spare at each end of a `picks` range, in nats. */
export const PICKS_WITHIN = 0.05;

/** The range of values a stated number allows. */
export function saidRange(said: Said, kind: Kind): [number, number] {
  if ('under' in said) return [-Infinity, said.under];
  if ('about' in said) {
    const within = said.within ?? kind.within(said.about);
    return [said.about - within, said.about + within];
  }
  const within = said.within ?? kind.within(said.from);
  return [said.from - within, said.to + within];
}

/** The number a stated value names when it is written as one number. */
const saidValue = (said: Said): number =>
  'under' in said ? said.under : 'about' in said ? said.about : said.from;

function writeSaid(said: Said, kind: Kind): string {
  if ('from' in said) return `${kind.write(said.from)}-${kind.write(said.to)}${kind.unit}`;
  return `${kind.write(saidValue(said))}${kind.unit}`;
}

/** e^entropy rounded as the text says it: to 1 below 10, to 10 below 100, else to 100. */
export function roundPicks(picks: number): number {
  const step = picks < 10 ? 1 : picks < 100 ? 10 : 100;
  return Math.round(picks / step) * step;
}

const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
];
const ORDINALS = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

const inWords = (n: number, table: readonly string[]): string => {
  const word = table[n];
  if (!Number.isInteger(n) || word === undefined) {
    throw new Error(`${n} has no word here (whole numbers 0-10 only)`);
  }
  return word;
};

const FORMS: Record<string, (value: number) => string> = {
  words: (n) => inWords(n, WORDS),
  ordinal: (n) => inWords(n, ORDINALS),
  tenths: (p) => inWords(Math.round(10 * p), WORDS),
  upTo: (n) => `1 to ${whole(n)}`,
};

/** What a template may refer to besides the step's own claims. */
export interface LessonContext {
  /** The lesson's step ids, in order. */
  stepIds: readonly string[];
  /** Numbers that are not about a model's output, by name. */
  facts: Readonly<Record<string, string>>;
}

/** A claim's value at `path` ("p.states", "entropy", "copies"), written out. */
function writeValue(claim: LessonClaim, path: readonly string[], form?: string): string {
  const [field = '', ...rest] = path;
  if (field === 'picks' && rest.length === 0) {
    if (claim.picks !== undefined) {
      return `${whole(claim.picks.from)}-${whole(claim.picks.to)}`;
    }
    if (claim.entropy === undefined) throw new Error('has neither picks nor entropy');
    return whole(roundPicks(Math.exp(saidValue(claim.entropy))));
  }
  const kind = kindOf(field);
  let value: unknown = (claim as Record<string, unknown>)[field];
  if (field === 'copies') value = claim.copies?.p;
  for (const key of rest) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  if (value === undefined) throw new Error('names no value of the claim');
  const said = (v: unknown): Said | undefined =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Said) : undefined;
  if (form !== undefined) {
    const write = FORMS[form];
    if (write === undefined) throw new Error(`has an unknown form "${form}"`);
    const s = said(value);
    const n = s === undefined ? value : saidValue(s);
    if (typeof n !== 'number') throw new Error(`is not a number, so it has no form "${form}"`);
    return write(n);
  }
  if (typeof value === 'number') return `${kind.write(value)}${kind.unit}`;
  if (Array.isArray(value)) {
    const items = value.map((v: Said) => writeSaid(v, kind));
    return items.length < 2
      ? items.join('')
      : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  }
  const s = said(value);
  if (s === undefined || !('under' in s || 'about' in s || 'from' in s)) {
    throw new Error('is not a number');
  }
  return writeSaid(s, kind);
}

/** Placeholders in a template: `{...}` with no braces inside. */
export const PLACEHOLDER = /\{([^{}]*)\}/g;

/** A template with its placeholders written out from `claims` and `context`. Throws on a
 *  placeholder that names nothing, with the placeholder and the reason. */
export function renderTemplate(
  template: string,
  claims: Readonly<Record<string, LessonClaim>>,
  context: LessonContext,
): string {
  return template.replace(PLACEHOLDER, (placeholder, inner: string) => {
    try {
      const [ref = '', form] = inner.split('|').map((s) => s.trim());
      if (ref.startsWith('step:')) {
        const index = context.stepIds.indexOf(ref.slice('step:'.length));
        if (index < 0) throw new Error('names no step');
        return String(index + 1);
      }
      if (ref.startsWith('fact:')) {
        const fact = context.facts[ref.slice('fact:'.length)];
        if (fact === undefined) throw new Error('names no fact');
        return fact;
      }
      const [name = '', ...path] = ref.split('.');
      const claim = claims[name];
      if (claim === undefined) throw new Error(`names no claim "${name}"`);
      if (path.length === 0) throw new Error('names a claim but none of its values');
      return writeValue(claim, path, form);
    } catch (error) {
      throw new Error(`${placeholder} ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

/** The sentence of a claim: one of the step's variants or its own; none for a claim about the
 *  model itself. */
export function claimSentence(
  claim: LessonClaim,
  variants: readonly LessonSentence[],
): LessonSentence | undefined {
  if (claim.sentence === undefined) return undefined;
  if (typeof claim.sentence === 'number') {
    const variant = variants[claim.sentence];
    if (variant === undefined) throw new Error(`no sentence ${claim.sentence} in the step`);
    return variant;
  }
  return claim.sentence;
}

/** Which models a claim is about. */
export const claimModels = (claim: LessonClaim): ShippedModel[] =>
  claim.model === undefined ? ['exlm', 'mlm'] : [claim.model];

/** The claim's parts that the gallery's checker covers, as its Expectations: one for the claim's
 *  slot, or one per slot (of `slots`) with `eachSlot`. */
export function claimExpectations(claim: LessonClaim, slots: number): Expectation[] {
  const base: Expectation = {};
  if (claim.fill !== undefined) base.fill = claim.fill;
  if (claim.top !== undefined) base.top = claim.top;
  if (claim.topIncludes !== undefined) base.topIncludes = claim.topIncludes;
  if (claim.within !== undefined) base.within = claim.within;
  if (claim.notInTop !== undefined) base.notInTop = claim.notInTop;
  if (claim.p !== undefined) {
    base.probs = Object.fromEntries(
      Object.entries(claim.p).map(([word, said]) => {
        const [min, max] = saidRange(said, PERCENT);
        return [word, [Math.max(0, min), max]];
      }),
    );
  }
  const perSlot: Expectation = {};
  if (claim.topP !== undefined) {
    const [min, max] = saidRange(claim.topP, PERCENT);
    if (min > 0) perSlot.minProb = min;
    perSlot.maxProb = max;
  }
  if (claim.entropy !== undefined) {
    const [min, max] = saidRange(claim.entropy, kindOf('entropy'));
    if (Number.isFinite(min)) perSlot.minEntropy = min;
    perSlot.maxEntropy = max;
  }
  if (claim.picks !== undefined) {
    perSlot.minEntropy = Math.log(claim.picks.from) - PICKS_WITHIN;
    perSlot.maxEntropy = Math.log(claim.picks.to) + PICKS_WITHIN;
  }
  if (claim.eachSlot) {
    // Only the fill is about the whole sentence; the slot's words need a `slot`.
    const whole: Expectation[] = claim.fill === undefined ? [] : [{ fill: claim.fill }];
    return [...whole, ...Array.from({ length: slots }, (_, slot) => ({ slot, ...perSlot }))];
  }
  const one: Expectation = { ...base, ...perSlot };
  if (Object.keys(one).some((k) => k !== 'fill')) one.slot = claim.slot ?? 0;
  return Object.keys(one).length > 0 ? [one] : [];
}
