// The handout's content: every step of the lesson as the panel shows it, each sentence with its
// hidden words, the view to look at and the prompt, and a link that opens the lesson's first step
// as the page's own links do.
import { describe, expect, it } from 'vitest';

import { splitterFor } from '../../core/inputMode';
import { createPlaygroundStore } from '../../state/store';
import { decodeHash } from '../../state/urlHash';
import { applyHash, hashStateOf } from '../../state/urlSync';
import { VIEW_TITLES } from '../../state/viewIds';
import { applyLessonStep } from './applyLessonStep';
import { buildLessonHandout, handoutSentence, lessonLink } from './lessonHandout';
import { LESSON_STEPS, LESSON_TITLES, type LessonStep, stepMode } from './lessonSteps';

const SCHOOL = { origin: 'https://school.example', pathname: '/exlm/' };

describe('buildLessonHandout', () => {
  const english = buildLessonHandout(SCHOOL, null);
  const molecules = buildLessonHandout(SCHOOL, null, 'molecules');
  // Every step in one of the two, in the lesson's order.
  const handout = { ...english, steps: [...english.steps, ...molecules.steps] };

  it('holds the steps of its mode, in order, numbered, titled and written as the lesson shows them', () => {
    expect(english.title).toBe(LESSON_TITLES.text);
    expect(molecules.title).toBe(LESSON_TITLES.molecules);
    expect(english.steps.every((s) => stepMode(LESSON_STEPS[s.number - 1]!) === 'text')).toBe(true);
    expect(molecules.steps.map((s) => s.number)).toEqual([9, 10, 11]);
    expect(handout.steps.map((s) => s.id)).toEqual(LESSON_STEPS.map((s) => s.id));
    handout.steps.forEach((shown, i) => {
      const step = LESSON_STEPS[i];
      if (step === undefined) throw new Error(`no step ${i}`);
      expect(shown.number).toBe(i + 1);
      expect(shown.title).toBe(step.title);
      expect(shown.short).toBe(step.short);
      expect(shown.tryThis).toBe(step.tryThis);
      expect(shown.tryThis.trim()).not.toBe('');
      expect(shown.lookAt).toBe(VIEW_TITLES[step.view]);
    });
  });

  it('prints every sentence of a step with the words it hides, and names the buttons of several', () => {
    handout.steps.forEach((shown, i) => {
      const step = LESSON_STEPS[i];
      if (step === undefined) throw new Error(`no step ${i}`);
      expect(shown.sentences).toHaveLength(step.variants.length);
      shown.sentences.forEach((sentence, v) => {
        const variant = step.variants[v];
        if (variant === undefined) throw new Error(`no sentence ${v} in step ${step.id}`);
        expect(sentence.pieces.map((p) => p.text).join('')).toBe(variant.text);
        const words = splitterFor(stepMode(step))(variant.text);
        const hidden = variant.masks.map((m) => words[m]?.text);
        expect(sentence.hidden).toEqual(hidden);
        expect(sentence.pieces.filter((p) => p.hidden).map((p) => p.text)).toEqual(hidden);
        expect(sentence.label).toBe(step.variants.length > 1 ? variant.label : null);
        expect(sentence.repeatsText).toBe(step.variants[v - 1]?.text === variant.text);
      });
    });
    const fourMasks = handout.steps.find((s) => s.id === 'corrupted')?.sentences[2];
    expect(fourMasks?.label).toBe('4 masks');
    expect(fourMasks?.hidden).toEqual(['york', 'city', 'united', 'states']);
    // The same sentence as the step's first: the sheet names the hidden words alone.
    expect(fourMasks?.repeatsText).toBe(true);
    const contexts = handout.steps.find((s) => s.id === 'context')?.sentences;
    expect(contexts?.map((s) => s.repeatsText)).toEqual([false, false]);
    // A molecule step's SMILES, cut at the tokens it hides.
    const nicotine = handout.steps.find((s) => s.id === 'rings')?.sentences[1];
    expect(nicotine?.pieces).toEqual([
      { text: 'CN1CCCC', hidden: false },
      { text: '1', hidden: true },
      { text: 'c1cccnc1', hidden: false },
    ]);
  });

  it('gives the page’s address without link state, and the link to its first step', () => {
    expect(english.pageUrl).toBe('https://school.example/exlm/');
    expect(english.link).toBe(lessonLink(SCHOOL, null));
    expect(english.link.startsWith('https://school.example/exlm/#')).toBe(true);
    expect(molecules.link).toBe(lessonLink(SCHOOL, null, LESSON_STEPS, 8));
    expect(molecules.link).toContain('mode=molecules');
    expect(molecules.link).toContain('step=9');
  });
});

describe('lessonLink', () => {
  it('writes the first step’s sentence, masks, views, top-k and step as the page’s links do', () => {
    const step: LessonStep = {
      id: 'one',
      title: 'One step',
      short: 'A short text.',
      notes: ['A note.'],
      tryThis: 'Try it.',
      variants: [{ label: 'the cat', text: 'the cat sat on the mat .', masks: [1, 5] }],
      openViews: ['dag', 'predictions'],
      view: 'dag',
      topK: 3,
    };
    expect(lessonLink(SCHOOL, 'exlm-en-small', [step])).toBe(
      'https://school.example/exlm/#text=the%20cat%20sat%20on%20the%20mat%20.&mask=1%2C5' +
        '&model=exlm-en-small&views=predictions%2Cdag&k=3&step=1',
    );
    // No model named: the link opens the page's default model.
    expect(lessonLink(SCHOOL, null, [step])).not.toContain('model=');
  });

  it('opens the page on the step it names, as "Start the lesson" does in each mode', () => {
    for (const [model, index] of [
      [null, 0],
      ['tiny-random', 0],
      [null, 8],
    ] as const) {
      const link = lessonLink(SCHOOL, model, LESSON_STEPS, index);
      const { state, problems } = decodeHash(link.slice(link.indexOf('#')));
      expect(problems).toEqual([]);
      expect(state.lessonStep).toBe(index);
      expect(state.model ?? null).toBe(model);

      const opened = createPlaygroundStore();
      applyHash(opened, link.slice(link.indexOf('#')));
      const started = createPlaygroundStore();
      if (model !== null) started.getState().requestModel(model);
      applyLessonStep(started.getState(), index);
      expect(hashStateOf(opened.getState())).toEqual(hashStateOf(started.getState()));
    }
  });

  it('says so when there is no step to link to', () => {
    expect(() => lessonLink(SCHOOL, null, [])).toThrow(/no steps/);
  });
});

describe('handoutSentence', () => {
  it('keeps the text as typed between the hidden words', () => {
    const sentence = handoutSentence(
      { label: 'x', text: 'new york ,  big city', masks: [0, 4] },
      null,
    );
    expect(sentence.pieces).toEqual([
      { text: 'new', hidden: true },
      { text: ' york ,  big ', hidden: false },
      { text: 'city', hidden: true },
    ]);
    expect(sentence.hidden).toEqual(['new', 'city']);
    expect(sentence.label).toBeNull();
    expect(sentence.repeatsText).toBe(false);
    const again = handoutSentence(
      { label: 'y', text: 'new york ,  big city', masks: [1] },
      'more',
      { label: 'x', text: 'new york ,  big city', masks: [0, 4] },
    );
    expect(again).toMatchObject({ label: 'more', hidden: ['york'], repeatsText: true });
  });
});
