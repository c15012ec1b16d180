import { describe, expect, it } from 'vitest';

import { type ExperimentEstimate, INITIAL_EXPERIMENT } from '../../state/slices/experimentSlice';
import { wholeSampleLabel, wholeSampleSize } from './sampleSize';

const READY: ExperimentEstimate = {
  phase: 'ready',
  backend: 'wasm',
  models: ['exlm-en-small'],
  msPerMasking: 10,
  source: 'timing',
  sampleSentences: 143,
};

describe('the whole sample in the size menu', () => {
  it('takes the size from the estimate, which read the sample', () => {
    expect(wholeSampleSize(READY, INITIAL_EXPERIMENT)).toBe(143);
    expect(wholeSampleLabel(wholeSampleSize(READY, INITIAL_EXPERIMENT))).toBe('all (143)');
  });

  it('or from a run on all of it, but not from a shorter run or a run on one sentence', () => {
    const timing: ExperimentEstimate = { phase: 'timing', backend: 'wasm', models: [] };
    const ran = { ...INITIAL_EXPERIMENT, status: 'done' as const, sentences: 150 };
    expect(wholeSampleSize(timing, ran)).toBe(150);
    expect(wholeSampleSize(null, { ...ran, status: 'running' })).toBe(150);
    expect(wholeSampleSize(null, { ...ran, limit: 25, sentences: 25 })).toBeNull();
    expect(wholeSampleSize(null, { ...ran, kind: 'sentence', sentences: 1 })).toBeNull();
  });

  it('says only "all" while the page has not read the sample', () => {
    expect(wholeSampleSize(null, INITIAL_EXPERIMENT)).toBeNull();
    expect(
      wholeSampleSize({ phase: 'failed', backend: 'wasm', models: [] }, INITIAL_EXPERIMENT),
    ).toBeNull();
    expect(wholeSampleLabel(null)).toBe('all');
  });
});
