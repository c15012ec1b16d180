// The lesson's steps as data, their text against their claims (every number from a claim, every
// quoted word of a claim in the text), and what applying one does to the store.
import { describe, expect, it } from 'vitest';

import { MAX_TOP_K } from '../../core/defaults';
import { splitWords } from '../../core/words';
import { selectEffectiveMasks } from '../../state/selectors';
import { createPlaygroundStore } from '../../state/store';
import { VIEW_IDS, VIEW_TITLES } from '../../state/viewIds';
import { applyLessonStep, clampStep, lessonLeadView, shownVariant } from './applyLessonStep';
import { claimSentence, type LessonClaim, PLACEHOLDER } from './lessonClaims';
import { LESSON_SOURCE, LESSON_STEPS, type LessonStep } from './lessonSteps';

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
    expect(hidden('compare', 1)).toEqual(['on']);
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
        const literal = template.replace(PLACEHOLDER, '');
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
      '“states” about 79%; entropy 1.44, as unsure as a pick among 4 words.',
    );
    expect(step('corrupted')?.notes.join(' ')).toContain('a pick among 650-1,100 words');
    expect(step('states')?.notes.join(' ')).toContain('On step 1’s sentence the four copies');
    expect(step('compare')?.notes.join(' ')).toContain('right 31.5% of the time');
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
      if (sentence === undefined) return;
      const words = splitWords(sentence.text);
      for (const mask of sentence.masks) expect(words[mask]?.text).toMatch(/^\p{L}+$/u);
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
      ].filter((w): w is string => w !== undefined);
      for (const word of words) {
        expect(quotes, `${where} names “${word}”, which its step does not quote`).toContain(word);
      }
      if (claim.fill !== undefined) {
        // The whole fill, or how it ends ("the fill ends “in the first city”").
        const fill = normalised(claim.fill);
        const quotesFill = quotes.some(
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
