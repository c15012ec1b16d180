// The lesson's steps as data, and what applying one does to the store.
import { describe, expect, it } from 'vitest';

import { MAX_TOP_K } from '../../core/defaults';
import { splitWords } from '../../core/words';
import { selectEffectiveMasks } from '../../state/selectors';
import { createPlaygroundStore } from '../../state/store';
import { VIEW_IDS, VIEW_TITLES } from '../../state/viewIds';
import { applyLessonStep, clampStep, shownVariant } from './applyLessonStep';
import { LESSON_STEPS } from './lessonSteps';

describe('lesson steps', () => {
  it('has about eight steps with unique ids and titles', () => {
    expect(LESSON_STEPS.length).toBe(8);
    expect(new Set(LESSON_STEPS.map((s) => s.id)).size).toBe(LESSON_STEPS.length);
    expect(new Set(LESSON_STEPS.map((s) => s.title)).size).toBe(LESSON_STEPS.length);
  });

  it.each(LESSON_STEPS.map((step) => [step.id, step] as const))(
    '%s: text, masks, views and top-k are valid',
    (_id, step) => {
      expect(step.title.trim()).not.toBe('');
      expect(step.body.length).toBeGreaterThan(0);
      for (const paragraph of step.body) expect(paragraph.trim()).not.toBe('');
      expect(step.tryThis.trim()).not.toBe('');
      expect(step.openViews.length).toBeGreaterThan(0);
      for (const view of step.openViews) expect(VIEW_IDS).toContain(view);
      expect(step.topK).toBeGreaterThanOrEqual(1);
      expect(step.topK).toBeLessThanOrEqual(MAX_TOP_K);
      expect(new Set(step.variants.map((v) => v.label)).size).toBe(step.variants.length);
      for (const variant of step.variants) {
        const words = splitWords(variant.text);
        expect(variant.masks.length).toBeGreaterThan(0);
        expect(new Set(variant.masks).size).toBe(variant.masks.length);
        expect([...variant.masks].sort((a, b) => a - b)).toEqual(variant.masks);
        for (const mask of variant.masks) {
          expect(Number.isInteger(mask)).toBe(true);
          const word = words[mask];
          expect(word, `mask ${mask} of "${variant.text}"`).toBeDefined();
          // A mask hides a real word: not a typed [MASK], not an invisible one, not punctuation.
          expect(word?.literalMask).toBe(false);
          expect(word?.ignored).toBe(false);
          expect(word?.text).toMatch(/^\p{L}+$/u);
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
      if (shown === undefined) throw new Error(`no variant ${variant} in step ${id}`);
      const words = splitWords(shown.text);
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
    expect(hidden('compare', 1)).toEqual(['sea']);
  });

  it('names the views by the titles the page shows them under', () => {
    const step = (id: string) => LESSON_STEPS.find((s) => s.id === id);
    expect(step('corrupted')?.tryThis).toContain(`“${VIEW_TITLES.experiment}”`);
    expect(step('states')?.body.join(' ')).toContain(`${VIEW_TITLES.states} view`);
    expect(step('guess')?.body.join(' ')).toContain(`${VIEW_TITLES.predictions} view`);
  });

  it('opens the views each step is about', () => {
    const views = (id: string) => LESSON_STEPS.find((s) => s.id === id)?.openViews;
    expect(views('guess')).toContain('predictions');
    expect(views('states')).toContain('states');
    expect(views('dag')).toContain('dag');
    expect(views('attention')).toContain('attention');
    expect(views('compare')).toContain('compare');
  });
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
      expect(s.text).toBe(step.variants[0].text);
      expect(s.masks).toEqual(step.variants[0].masks);
      expect(selectEffectiveMasks(s)).toEqual(step.variants[0].masks);
      expect(s.openViews).toEqual(VIEW_IDS.filter((v) => step.openViews.includes(v)));
      expect(s.topK).toBe(step.topK);
      expect(shownVariant(step, s.text, s.masks)).toBe(0);
    },
  );

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

  it('leaves the model, the backend and everything else alone', () => {
    const store = createPlaygroundStore();
    store.getState().requestModel('tiny-random');
    store.getState().setDagThreshold(0.2);
    for (let i = 0; i < LESSON_STEPS.length; i += 1) applyLessonStep(store.getState(), i);
    const s = store.getState();
    expect(s.requestedModel).toBe('tiny-random');
    expect(s.preferredBackend).toBeNull();
    expect(s.dagThreshold).toBe(0.2);
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
