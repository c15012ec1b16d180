// The printable handout of the lesson: one page a teacher gives the class, built from the same
// steps the lesson panel shows (LESSON_STEPS), so that it never says something the lesson does
// not. It holds the steps of one mode, the one the lesson is in: the English steps, or the
// molecule steps (all eleven do not fit one page). Per step: its number in the lesson, title,
// short text, its sentences with the hidden words (or SMILES tokens) marked, the view to look at
// and its "Try this" prompt; on top, the page's address and a link that opens the handout's first
// step, as the page's own links do (urlHash.ts). Pure data: LessonHandout.tsx lays it out,
// lessonHandout.test.ts checks it.
import { type InputMode, splitterFor } from '../../core/inputMode';
import { HASH_DEFAULTS, encodeHash } from '../../state/urlHash';
import { VIEW_IDS, VIEW_TITLES } from '../../state/viewIds';
import {
  LESSON_STEPS,
  LESSON_TITLES,
  type LessonStep,
  type LessonVariant,
  stepMode,
} from './lessonSteps';

/** A run of a sentence's text: a hidden word, or what lies between hidden words. */
export interface HandoutPiece {
  text: string;
  hidden: boolean;
}

/** One sentence of a step as the handout prints it. */
export interface HandoutSentence {
  /** The step's button for it, or null where the step has one sentence only. */
  label: string | null;
  /** The sentence as typed, cut where its hidden words start and end. */
  pieces: HandoutPiece[];
  /** The words to hide, left to right. */
  hidden: string[];
  /** Same text as the sentence before it (a step that hides more and more of one sentence): the
   *  sheet names only the words it hides. */
  repeatsText: boolean;
}

export interface HandoutStep {
  /** 1-based, as the lesson's dots count. */
  number: number;
  id: string;
  title: string;
  short: string;
  sentences: HandoutSentence[];
  /** The title of the view the step is about ("Predictions"). */
  lookAt: string;
  tryThis: string;
}

export interface LessonHandoutContent {
  title: string;
  /** The mode of the handout's steps: what its boxes hide are words, or SMILES tokens. */
  mode: InputMode;
  /** The page's own address, short enough to type: no link state. */
  pageUrl: string;
  /** The address that opens the lesson at the handout's first step, with its sentence. */
  link: string;
  steps: HandoutStep[];
}

/** Where the page lives: the parts of `window.location` the handout reads. */
export type PageLocation = Pick<Location, 'origin' | 'pathname'>;

/** The sentence of `variant`, its hidden words (or SMILES tokens, in `mode` molecules) marked;
 *  `previous` is the step's sentence before it, if any. */
export function handoutSentence(
  variant: LessonVariant,
  label: string | null,
  previous: LessonVariant | null = null,
  mode: InputMode = 'text',
): HandoutSentence {
  const words = splitterFor(mode)(variant.text);
  const pieces: HandoutPiece[] = [];
  const hidden: string[] = [];
  let cursor = 0;
  for (const index of variant.masks) {
    const word = words[index];
    if (word === undefined) continue;
    if (word.start > cursor)
      pieces.push({ text: variant.text.slice(cursor, word.start), hidden: false });
    pieces.push({ text: word.text, hidden: true });
    hidden.push(word.text);
    cursor = word.end;
  }
  if (cursor < variant.text.length)
    pieces.push({ text: variant.text.slice(cursor), hidden: false });
  return { label, pieces, hidden, repeatsText: previous?.text === variant.text };
}

/** The link that opens step `index` of `steps` (the first unless asked) on its first sentence,
 *  with `model` (null: the page's default) and the mode, views, top-k and step that
 *  applyLessonStep puts on the page. */
export function lessonLink(
  location: PageLocation,
  model: string | null,
  steps: readonly LessonStep[] = LESSON_STEPS,
  index = 0,
): string {
  const first = steps[index];
  if (first === undefined) throw new Error('The lesson has no steps: there is nothing to link to.');
  const hash = encodeHash({
    ...HASH_DEFAULTS,
    mode: stepMode(first),
    text: first.variants[0].text,
    masks: [...first.variants[0].masks],
    model,
    views: VIEW_IDS.filter((id) => first.openViews.includes(id)),
    topK: first.topK,
    lessonStep: index,
  });
  return `${location.origin}${location.pathname}${hash}`;
}

/** The handout of the steps of `steps` about `mode` for the page at `location` showing `model` (a
 *  name a link can hold, null for the mode's default). */
export function buildLessonHandout(
  location: PageLocation,
  model: string | null,
  mode: InputMode = 'text',
  steps: readonly LessonStep[] = LESSON_STEPS,
): LessonHandoutContent {
  const numbered = steps.map((step, i) => ({ step, i })).filter((s) => stepMode(s.step) === mode);
  return {
    title: LESSON_TITLES[mode],
    mode,
    pageUrl: `${location.origin}${location.pathname}`,
    link: lessonLink(location, model, steps, numbered[0]?.i ?? 0),
    steps: numbered.map(({ step, i }) => ({
      number: i + 1,
      id: step.id,
      title: step.title,
      short: step.short,
      sentences: step.variants.map((variant, v) =>
        handoutSentence(
          variant,
          step.variants.length > 1 ? variant.label : null,
          step.variants[v - 1] ?? null,
          stepMode(step),
        ),
      ),
      lookAt: VIEW_TITLES[step.view],
      tryThis: step.tryThis,
    })),
  };
}
