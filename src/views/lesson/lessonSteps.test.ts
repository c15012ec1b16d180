// The lesson's steps as data, their text against their claims (every number from a claim, every
// quoted word of a claim in the text), and what applying one does to the store.
import { describe, expect, it } from 'vitest';

import { MAX_TOP_K } from '../../core/defaults';
import { type InputMode, splitterFor } from '../../core/inputMode';
import { smilesTokenRole, splitSmiles } from '../../core/smilesTokens';
import type { Word } from '../../core/words';
import { selectEffectiveMasks } from '../../state/selectors';
import { createPlaygroundStore } from '../../state/store';
import { VIEW_IDS, VIEW_TITLES } from '../../state/viewIds';
import {
  applyLessonStep,
  clampStep,
  firstStepOf,
  lessonLeadView,
  shownVariant,
} from './applyLessonStep';
import { claimSentence, type LessonClaim, PLACEHOLDER } from './lessonClaims';
import { LESSON_SOURCE, LESSON_STEPS, type LessonStep, stepMode } from './lessonSteps';

/** A unit a step may hide: a word (letters only: punctuation teaches nothing), or a SMILES token
 *  that is an atom, a bond, a branch or a ring closure. */
function hideable(unit: Word | undefined, mode: InputMode): boolean {
  if (unit === undefined || unit.literalMask || unit.ignored) return false;
  if (mode === 'text') return /^\p{L}+$/u.test(unit.text);
  return ['atom', 'bond', 'branch', 'ring closure'].includes(smilesTokenRole(unit.text));
}

describe('lesson steps', () => {
  it('has eight steps about English text, then three about molecules, with unique ids and titles', () => {
    expect(LESSON_STEPS.map(stepMode)).toEqual([
      ...Array<InputMode>(8).fill('text'),
      ...Array<InputMode>(3).fill('molecules'),
    ]);
    expect(new Set(LESSON_STEPS.map((s) => s.id)).size).toBe(LESSON_STEPS.length);
    expect(new Set(LESSON_STEPS.map((s) => s.title)).size).toBe(LESSON_STEPS.length);
    expect(firstStepOf('text')).toBe(0);
    expect(firstStepOf('molecules')).toBe(8);
  });

  it.each(LESSON_STEPS.map((step) => [step.id, step] as const))(
    '%s: text, masks, views and top-k are valid',
    (_id, step) => {
      expect(step.title.trim()).not.toBe('');
      expect(step.short.trim()).not.toBe('');
      expect(step.notes.length).toBeGreaterThan(0);
      for (const paragraph of step.notes) expect(paragraph.trim()).not.toBe('');
      expect(step.tryThis.trim()).not.toBe('');
      expect(step.openViews.length).toBeGreaterThan(0);
      for (const view of step.openViews) expect(VIEW_IDS).toContain(view);
      expect(step.topK).toBeGreaterThanOrEqual(1);
      expect(step.topK).toBeLessThanOrEqual(MAX_TOP_K);
      expect(new Set(step.variants.map((v) => v.label)).size).toBe(step.variants.length);
      for (const variant of step.variants) {
        const words = splitterFor(stepMode(step))(variant.text);
        expect(variant.masks.length).toBeGreaterThan(0);
        expect(new Set(variant.masks).size).toBe(variant.masks.length);
        expect([...variant.masks].sort((a, b) => a - b)).toEqual(variant.masks);
        for (const mask of variant.masks) {
          expect(Number.isInteger(mask)).toBe(true);
          const word = words[mask];
          expect(word, `mask ${mask} of "${variant.text}"`).toBeDefined();
          // A mask hides a real word or SMILES token: not a typed [MASK], not an invisible one,
          // not punctuation.
          expect(hideable(word, stepMode(step)), `mask ${mask} of "${variant.text}"`).toBe(true);
        }
        // Never every word: the model needs something to read.
        expect(variant.masks.length).toBeLessThan(words.length);
      }
    },
  );

  it('masks the words the step text talks about', () => {
    const hidden = (id: string, variant = 0): string[] => {
      const step = LESSON_STEPS.find((s) => s.id === id);
      const shown = step?.variants[variant];
      if (step === undefined || shown === undefined) {
        throw new Error(`no variant ${variant} in step ${id}`);
      }
      const words = splitterFor(stepMode(step))(shown.text);
      return shown.masks.map((m) => words[m]?.text ?? '');
    };
    expect(hidden('guess')).toEqual(['york']);
    expect(hidden('certainty', 0)).toEqual(['states']);
    expect(hidden('certainty', 1)).toEqual(['bank']);
    expect(hidden('context', 0)).toEqual(['states']);
    expect(hidden('context', 1)).toEqual(['states']);
    expect(hidden('corrupted', 0)).toEqual(['states']);
    expect(hidden('corrupted', 1)).toEqual(['united', 'states']);
    expect(hidden('corrupted', 2)).toEqual(['york', 'city', 'united', 'states']);
    expect(hidden('states')).toEqual(['york']);
    expect(hidden('dag')).toEqual(['new', 'york']);
    expect(hidden('attention')).toEqual(['states']);
    expect(hidden('compare', 1)).toEqual(['on']);
    // Aspirin's acid oxygen, then its ester oxygen; the closing ring digits; caffeine's C=O oxygens.
    expect(hidden('smiles', 0)).toEqual(['O']);
    expect(hidden('smiles', 1)).toEqual(['O']);
    expect(hidden('rings', 0)).toEqual(['1']);
    expect(hidden('rings', 1)).toEqual(['1']);
    expect(hidden('molecule-states')).toEqual(['O', 'O']);
  });

  it('names the views by the titles the page shows them under', () => {
    const step = (id: string) => LESSON_STEPS.find((s) => s.id === id);
    expect(step('corrupted')?.tryThis).toContain(`“${VIEW_TITLES.experiment}”`);
    for (const text of [step('states')?.short, step('states')?.notes.join(' ')]) {
      expect(text).toContain(`${VIEW_TITLES.states} view`);
    }
    for (const text of [step('guess')?.short, step('guess')?.notes.join(' ')]) {
      expect(text).toContain(`${VIEW_TITLES.predictions} view`);
    }
  });

  it('opens the views each step is about', () => {
    const views = (id: string) => LESSON_STEPS.find((s) => s.id === id)?.openViews;
    expect(views('guess')).toContain('predictions');
    expect(views('states')).toContain('states');
    expect(views('dag')).toContain('dag');
    expect(views('attention')).toContain('attention');
    expect(views('compare')).toContain('compare');
    for (const step of LESSON_STEPS) expect(step.openViews).toContain(step.view);
    const view = (id: string) => LESSON_STEPS.find((s) => s.id === id)?.view;
    expect([view('states'), view('dag'), view('attention'), view('compare')]).toEqual([
      'states',
      'dag',
      'attention',
      'compare',
    ]);
  });
});

/** Every claim of the lesson, with the step it belongs to. */
const CLAIMS = LESSON_SOURCE.flatMap((step) =>
  Object.entries(step.claims ?? {}).map(([name, claim]) => ({
    where: `step "${step.id}", claim "${name}"`,
    step,
    claim: claim as LessonClaim,
  })),
);

/** A step's text as the page shows it: title, short text, notes, prompt. */
const shownText = (step: LessonStep): string => {
  const shown = LESSON_STEPS.find((s) => s.id === step.id);
  return [shown?.title, shown?.short, ...(shown?.notes ?? []), shown?.tryThis].join('\n');
};

/** A quoted SMILES (“c1ccccc1”): SMILES tokens only, at least one of them an atom. A molecule
 *  step's text may write one with its ring digits. */
const isSmiles = (phrase: string): boolean => {
  const tokens = splitSmiles(phrase);
  return (
    tokens.map((t) => t.text).join('') === phrase &&
    tokens.some((t) => smilesTokenRole(t.text) === 'atom') &&
    tokens.every((t) => !['not SMILES', 'special token'].includes(smilesTokenRole(t.text)))
  );
};

/** The phrases a text quotes (“...”). */
const quoted = (text: string): string[] => [...text.matchAll(/“([^”]*)”/g)].map((m) => m[1] ?? '');

/** A sentence or fill without the space the editor puts before punctuation or a final full stop. */
const normalised = (text: string): string =>
  text
    .replace(/\s+([.,;:!?])/g, '$1')
    .replace(/\.$/, '')
    .trim();

describe('lesson text and claims', () => {
  it.each(LESSON_SOURCE.map((step) => [step.id, step] as const))(
    '%s: every number in the text is a placeholder for a claim, a step or a fact',
    (_id, step) => {
      const templates = [
        step.title,
        step.short,
        ...step.notes,
        step.tryThis,
        step.variantsLabel ?? '',
      ];
      for (const template of templates) {
        let literal = template.replace(PLACEHOLDER, '');
        // A molecule step quotes SMILES with their ring digits, and the tokens it names (“1”).
        if (stepMode(step) === 'molecules') {
          literal = literal.replace(/“([^”]*)”/g, (quote, phrase: string) =>
            isSmiles(phrase) || smilesTokenRole(phrase) === 'ring closure' ? '' : quote,
          );
        }
        expect(
          literal.match(/\d[\d.,]*/g) ?? [],
          `numbers written into the text of step "${step.id}" instead of taken from its claims: "${template}"`,
        ).toEqual([]);
      }
      // A sentence button may count its masks ("2 masks"), nothing else.
      for (const variant of step.variants) {
        const numbers = variant.label.match(/\d+/g) ?? [];
        for (const n of numbers) {
          expect(`${n} ${Number(n) === 1 ? 'mask' : 'masks'}`, `label "${variant.label}"`).toBe(
            variant.label.match(/\d+ masks?/)?.[0],
          );
          expect(Number(n), `label "${variant.label}"`).toBe(variant.masks.length);
        }
      }
    },
  );

  it.each(LESSON_SOURCE.map((step) => [step.id, step] as const))(
    '%s: the short text fits beside the view and says nothing the notes do not',
    (_id, step) => {
      // Three lines at most on a projector at 800 px: the view must fit on the same screen.
      expect(step.short.length).toBeLessThanOrEqual(180);
      const notes = step.notes.join('\n');
      for (const placeholder of step.short.match(PLACEHOLDER) ?? []) {
        expect(notes, `step "${step.id}" states ${placeholder} only in its short text`).toContain(
          placeholder,
        );
      }
      for (const word of quoted(step.short)) {
        expect(
          quoted(notes),
          `step "${step.id}" quotes “${word}” only in its short text`,
        ).toContain(word);
      }
    },
  );

  it('shows every placeholder written out', () => {
    for (const step of LESSON_STEPS) {
      for (const text of [step.title, step.short, ...step.notes, step.tryThis]) {
        expect(text, `step "${step.id}"`).not.toMatch(/[{}]/);
      }
    }
  });

  it('writes the text of the steps from their claims', () => {
    const step = (id: string) => LESSON_STEPS.find((s) => s.id === id);
    expect(step('certainty')?.notes.join(' ')).toContain(
      '“states” about 82%; entropy 1.03, as unsure as a pick among 3 words.',
    );
    expect(step('corrupted')?.notes.join(' ')).toContain('a pick among 550-1,000 words');
    expect(step('states')?.notes.join(' ')).toContain('On step 1’s sentence the four copies');
    expect(step('compare')?.notes.join(' ')).toContain('right 32.1% of the time');
  });

  it.each(CLAIMS.map((c) => [c.where, c] as const))(
    '%s: sentence, slot and fields fit the step',
    (_where, { step, claim }) => {
      const sentence = claimSentence(claim, step.variants);
      const aboutModel =
        claim.parameters !== undefined ||
        claim.expansion !== undefined ||
        claim.layers !== undefined ||
        claim.heads !== undefined ||
        claim.trainingHours !== undefined ||
        claim.trainingThreads !== undefined ||
        claim.jointGain !== undefined ||
        claim.copyTop1 !== undefined ||
        claim.copyDivergence !== undefined ||
        claim.ratio !== undefined;
      const aboutSentence = Object.keys(claim).some(
        (key) =>
          ![
            'model',
            'parameters',
            'expansion',
            'layers',
            'heads',
            'trainingHours',
            'trainingThreads',
            'jointGain',
            'copyTop1',
            'copyDivergence',
            'ratio',
            'top1',
            'sentences',
          ].includes(key),
      );
      // A claim is about a sentence or about the model itself, not both.
      expect(aboutModel && aboutSentence).toBe(false);
      expect(sentence !== undefined).toBe(aboutSentence);
      if (claim.top1 !== undefined || claim.sentences !== undefined) {
        expect(claim.ratio).toBeDefined();
      }
      // What RDKit says is a molecule is only claimed of SMILES.
      if (claim.validFill !== undefined || claim.validWith !== undefined) {
        expect(stepMode(step)).toBe('molecules');
      }
      if (sentence === undefined) return;
      const words = splitterFor(stepMode(step))(sentence.text);
      for (const mask of sentence.masks) expect(hideable(words[mask], stepMode(step))).toBe(true);
      expect(claim.slot ?? 0).toBeLessThan(sentence.masks.length);
      if (claim.eachSlot) {
        // Words and probabilities of words belong to one slot.
        for (const key of ['slot', 'top', 'topIncludes', 'notInTop', 'p', 'rank'] as const) {
          expect(claim[key], key).toBeUndefined();
        }
      }
      // Only the ExLM has copies, a DAG and more than one state per [MASK].
      if (
        claim.copies !== undefined ||
        claim.pathWeights !== undefined ||
        claim.links !== undefined
      ) {
        expect(claim.model).toBe('exlm');
      }
      if (claim.links !== undefined) {
        expect((claim.slot ?? 0) + 1).toBeLessThan(sentence.masks.length);
      }
      if (claim.layer !== undefined || claim.head !== undefined || claim.on !== undefined) {
        expect(claim.layer).toBeGreaterThanOrEqual(1);
        expect(claim.head).toBeGreaterThanOrEqual(1);
        expect(claim.on !== undefined || claim.onOneOf !== undefined).toBe(true);
      }
    },
  );

  it.each(CLAIMS.map((c) => [c.where, c] as const))(
    '%s: the step quotes the words and the fill the claim names',
    (where, { step, claim }) => {
      const text = shownText(step);
      const quotes = quoted(text);
      const words = [
        claim.top,
        ...(claim.topIncludes ?? []),
        ...(claim.notInTop ?? []),
        ...Object.keys(claim.p ?? {}),
        ...Object.keys(claim.rank ?? {}),
        claim.copies?.word,
        claim.on,
        ...(claim.onOneOf ?? []),
        ...Object.keys(claim.validWith ?? {}),
      ].filter((w): w is string => w !== undefined);
      for (const word of words) {
        expect(quotes, `${where} names “${word}”, which its step does not quote`).toContain(word);
      }
      if (claim.fill !== undefined) {
        // The whole fill, or how a sentence's fill ends ("the fill ends “in the first city”"); a
        // SMILES fill whole.
        const fill = normalised(claim.fill);
        const quotesFill =
          stepMode(step) === 'molecules'
            ? quotes.includes(claim.fill)
            : quotes.some(
                (q) => normalised(q).split(' ').length >= 3 && fill.endsWith(normalised(q)),
              );
        expect(quotesFill, `${where}: its step does not quote the fill "${claim.fill}"`).toBe(true);
      }
    },
  );
});

describe('applyLessonStep', () => {
  it.each(LESSON_STEPS.map((step, i) => [i, step.id] as const))(
    'step %i (%s) puts its text, masks, views and top-k in the store',
    (i) => {
      const store = createPlaygroundStore();
      const step = LESSON_STEPS[i];
      if (step === undefined) throw new Error('no step');
      expect(applyLessonStep(store.getState(), i)).toBe(i);
      const s = store.getState();
      expect(s.lessonStep).toBe(i);
      expect(s.mode).toBe(stepMode(step));
      expect(s.text).toBe(step.variants[0].text);
      expect(s.masks).toEqual(step.variants[0].masks);
      expect(selectEffectiveMasks(s)).toEqual(step.variants[0].masks);
      expect(s.openViews).toEqual(VIEW_IDS.filter((v) => step.openViews.includes(v)));
      expect(s.topK).toBe(step.topK);
      expect(shownVariant(step, s.text, s.masks, s.mode)).toBe(0);
    },
  );

  it("switches the page to a step's mode and back, each mode's input kept, the lesson open", () => {
    const store = createPlaygroundStore();
    store.getState().setMode('molecules');
    store.getState().setDocument('CCO', [2]);
    store.getState().setMode('text');
    applyLessonStep(store.getState(), 7);
    const molecules = firstStepOf('molecules');
    applyLessonStep(store.getState(), molecules);
    expect([store.getState().mode, store.getState().lessonStep]).toEqual(['molecules', molecules]);
    // The molecule step's SMILES in the editor, the English step's sentence kept for Text.
    expect(store.getState().keptDocuments.text.text).toBe(LESSON_STEPS[7]?.variants[0].text);
    applyLessonStep(store.getState(), molecules - 1);
    expect([store.getState().mode, store.getState().lessonStep]).toEqual(['text', molecules - 1]);
    // A step's sentence read in the other mode is not the step's.
    const step = LESSON_STEPS[molecules];
    if (step === undefined) throw new Error('no molecule step');
    const { text, masks } = step.variants[0];
    expect(shownVariant(step, text, masks, 'text')).toBeNull();
    expect(shownVariant(step, text, masks, 'molecules')).toBe(0);
    // Switching modes by hand closes the lesson: its step is about the other mode's input.
    applyLessonStep(store.getState(), molecules);
    store.getState().setMode('text');
    expect(store.getState().lessonStep).toBeNull();
  });

  it('applies a chosen sentence of a step, and the first for one it does not have', () => {
    const store = createPlaygroundStore();
    const step = LESSON_STEPS.find((s) => s.variants.length >= 3);
    if (step === undefined) throw new Error('no step with three sentences');
    const index = LESSON_STEPS.indexOf(step);
    applyLessonStep(store.getState(), index, 2);
    expect(store.getState().masks).toEqual(step.variants[2]?.masks);
    expect(shownVariant(step, store.getState().text, store.getState().masks)).toBe(2);
    applyLessonStep(store.getState(), index, 99);
    expect(store.getState().masks).toEqual(step.variants[0].masks);
  });

  it('leaves the model, the backend and everything else alone, each mode its own model', () => {
    const store = createPlaygroundStore();
    store.getState().requestModel('tiny-random');
    store.getState().setDagThreshold(0.2);
    for (let i = 0; i < firstStepOf('molecules'); i += 1) applyLessonStep(store.getState(), i);
    const s = store.getState();
    expect(s.requestedModel).toBe('tiny-random');
    expect(s.preferredBackend).toBeNull();
    expect(s.dagThreshold).toBe(0.2);
    // A molecule step asks for molecule mode's own pair, as the mode switch does; back on an
    // English step, the model the link asked for returns.
    applyLessonStep(store.getState(), firstStepOf('molecules'));
    expect(store.getState().requestedModel).toBeNull();
    applyLessonStep(store.getState(), firstStepOf('molecules') - 1);
    expect(store.getState().requestedModel).toBe('tiny-random');
    expect(store.getState().dagThreshold).toBe(0.2);
  });

  it('names the view of the open step, which the page shows first', () => {
    expect(lessonLeadView(null)).toBeNull();
    LESSON_STEPS.forEach((step, i) => expect(lessonLeadView(i)).toBe(step.view));
    expect(lessonLeadView(99)).toBe(LESSON_STEPS.at(-1)?.view);
  });

  it('keeps a step number inside the lesson', () => {
    const store = createPlaygroundStore();
    expect(applyLessonStep(store.getState(), 42)).toBe(LESSON_STEPS.length - 1);
    expect(store.getState().lessonStep).toBe(LESSON_STEPS.length - 1);
    expect(applyLessonStep(store.getState(), -3)).toBe(0);
    expect(clampStep(Number.NaN)).toBe(0);
    expect(clampStep(2.4)).toBe(2);
  });

  it('notices when the user changed the sentence, and a reset puts it back', () => {
    const store = createPlaygroundStore();
    applyLessonStep(store.getState(), 2);
    const step = LESSON_STEPS[2];
    if (step === undefined) throw new Error('no step');
    store.getState().setText(`${store.getState().text} again`);
    expect(store.getState().lessonStep).toBe(2);
    expect(shownVariant(step, store.getState().text, store.getState().masks)).toBeNull();
    applyLessonStep(store.getState(), 2);
    expect(shownVariant(step, store.getState().text, store.getState().masks)).toBe(0);
    store.getState().toggleMask(0);
    expect(shownVariant(step, store.getState().text, store.getState().masks)).toBeNull();
  });
});
