import { describe, expect, it } from 'vitest';

import type { ExperimentEstimate } from '../../state/slices/experimentSlice';
import { estimateText, roughDuration } from './runEstimate';

const MODELS = ['exlm-en-small', 'mlm-en-small'];
const READY: ExperimentEstimate = {
  phase: 'ready',
  backend: 'wasm',
  models: MODELS,
  msPerMasking: 10,
  source: 'timing',
  sampleSentences: 150,
};

describe('the run estimate', () => {
  it('rounds as an estimate should', () => {
    expect(roughDuration(1500)).toBe('a few seconds');
    expect(roughDuration(14_000)).toBe('about 15 s');
    expect(roughDuration(4_200)).toBe('about 5 s');
    expect(roughDuration(57_000)).toBe('about 55 s');
    expect(roughDuration(58_000)).toBe('about 1 min');
    expect(roughDuration(84_000)).toBe('about 1 min 20 s');
    expect(roughDuration(12 * 60_000)).toBe('about 12 min');
  });

  it('multiplies the time per masking by the maskings of the run, on the backend it was timed on', () => {
    expect(estimateText(READY, 'wasm', MODELS, null)).toBe(
      'Run on the sample (150 sentences): about 15 s on WebAssembly.',
    );
    expect(estimateText({ ...READY, source: 'run' }, 'wasm', MODELS, 50)).toBe(
      'Run on the sample (50 sentences): about 5 s on WebAssembly, going by the last run.',
    );
    // A timing is one worker's pace, shared out over the run's workers; a run's is its own.
    expect(estimateText({ ...READY, workers: 2 }, 'wasm', MODELS, null)).toBe(
      'Run on the sample (150 sentences): about 10 s on WebAssembly in 2 workers.',
    );
    expect(estimateText({ ...READY, source: 'run', workers: 2 }, 'wasm', MODELS, null)).toBe(
      'Run on the sample (150 sentences): about 15 s on WebAssembly in 2 workers, going by the last run.',
    );
    // No more sentences than the sample has.
    expect(estimateText(READY, 'wasm', MODELS, 500)).toMatch(
      /^Run on the sample \(150 sentences\)/,
    );
  });

  it('says nothing for another backend, other models, or a timing that failed', () => {
    expect(estimateText(READY, 'webgpu', MODELS, null)).toBeNull();
    expect(estimateText(READY, 'wasm', MODELS.slice(0, 1), null)).toBeNull();
    expect(estimateText(null, 'wasm', MODELS, null)).toBeNull();
    const failed: ExperimentEstimate = { phase: 'failed', backend: 'wasm', models: MODELS };
    expect(estimateText(failed, 'wasm', MODELS, null)).toBeNull();
    const timing: ExperimentEstimate = { phase: 'timing', backend: 'wasm', models: MODELS };
    expect(estimateText(timing, 'wasm', MODELS, null)).toBe(
      'Timing a few sentences on WebAssembly…',
    );
  });
});
