// DEMO DATA ONLY: the sentences the dev demo page draws. Each variant exercises one case of the
// inside views (ExLM with k = 4, the MLM twin, a long sequence, no attention read back).
import type { Analysis } from '../../../model/types';
import type { DemoSpec } from './demoAnalysis';
import { buildDemoAnalysis } from './demoAnalysis';

const SHORT: Omit<DemoSpec, 'expansion'> = {
  words: ['the', '[MASK]', '[MASK]', 'sat', 'on', 'the', 'mat', '.'],
  candidates: [
    ['black', 'old', 'big', 'little'],
    ['cat', 'dog', 'man', 'bird'],
  ],
  numLayers: 4,
  numHeads: 4,
  seed: 7,
};

function longSpec(): Omit<DemoSpec, 'expansion'> {
  const sentence =
    'after the long [MASK] the students walked to the [MASK] and read about [MASK] .'.split(' ');
  const words = Array.from({ length: 6 }, () => sentence).flat();
  const masks = words.filter((w) => w === '[MASK]').length;
  const pool = [
    ['day', 'war', 'winter', 'lecture'],
    ['library', 'river', 'station', 'park'],
    ['history', 'birds', 'science', 'music'],
  ];
  return {
    words,
    candidates: Array.from({ length: masks }, (_, i) => pool[i % 3] ?? []),
    numLayers: 2,
    numHeads: 4,
    seed: 11,
  };
}

export type DemoVariant = 'exlm' | 'mlm' | 'long' | 'no-attention';
export const DEMO_VARIANTS: DemoVariant[] = ['exlm', 'mlm', 'long', 'no-attention'];

export function demoAnalysis(variant: DemoVariant): Analysis {
  switch (variant) {
    case 'exlm':
      return buildDemoAnalysis({ ...SHORT, expansion: 4 });
    case 'mlm':
      return buildDemoAnalysis({ ...SHORT, expansion: 1 });
    case 'long':
      return buildDemoAnalysis({ ...longSpec(), expansion: 4 });
    case 'no-attention':
      return { ...buildDemoAnalysis({ ...SHORT, expansion: 4 }), attention: [] };
  }
}
