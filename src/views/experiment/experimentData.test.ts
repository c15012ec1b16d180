import { describe, expect, it } from 'vitest';

import type { ExperimentModelResult, ExperimentPoint } from '../../model/maskRatio';
import {
  axisTop,
  entropyAxisBottom,
  chartLines,
  describePoint,
  experimentCsv,
} from './experimentData';

function point(ratio: number, top1: number, entropy: number, masks = 10): ExperimentPoint {
  return {
    ratio,
    sentences: 5,
    masks,
    top1_hits: Math.round(top1 * masks),
    top5_hits: masks,
    top1,
    top5: top1 + 0.2,
    entropy,
    mean_ms: 3.25,
    skipped: [],
    words: 40,
    entropySpread: {
      min: entropy - 1,
      q25: entropy - 0.5,
      median: entropy,
      q75: entropy + 0.5,
      max: entropy + 1,
    },
    maskings: {
      masks: [masks],
      top1: [Math.round(top1 * masks)],
      top5: [masks],
      entropy: [entropy * masks],
    },
  };
}

const RESULTS: ExperimentModelResult[] = [
  {
    model: 'exlm-en-small',
    architecture: 'exlm',
    points: [point(0.05, 0.3, 4), point(0.5, 0.2, 5)],
  },
  {
    model: 'mlm, "twin"',
    architecture: 'mlm',
    points: [point(0.05, 0.31, 4.1), point(0.5, 0.19, 5.2)],
  },
];

describe('the experiment view data', () => {
  it('draws top-1 and top-5 per model in one chart, entropy per model in the other', () => {
    const { accuracy, entropy } = chartLines(RESULTS);
    expect(accuracy.map((l) => l.label)).toEqual([
      'ExLM top-1',
      'ExLM top-5',
      'MLM twin top-1',
      'MLM twin top-5',
    ]);
    expect(accuracy.map((l) => l.dashed)).toEqual([false, true, false, true]);
    expect(entropy.map((l) => l.points.map((p) => p.value))).toEqual([
      [4, 5],
      [4.1, 5.2],
    ]);
    expect(entropy[0]?.points[0]?.spread?.max).toBe(5);
    expect(accuracy[0]?.points[0]?.spread).toBeNull();
    // Points = ratios x models x series.
    const all = [...accuracy, ...entropy].flatMap((l) => l.points);
    expect(all).toHaveLength(2 * 2 * 3);
  });

  it('leaves out a ratio where nothing could be scored', () => {
    const empty = [{ ...RESULTS[0]!, points: [point(0.05, 0, 0, 0), point(0.5, 0.2, 5)] }];
    expect(chartLines(empty).accuracy[0]?.points.map((p) => p.ratio)).toEqual([0.5]);
  });

  it('makes room around the values drawn, spreads included only when they are drawn', () => {
    const { entropy, accuracy } = chartLines(RESULTS);
    expect(axisTop(entropy, 0, true)).toBeCloseTo(6.2 * 1.08, 10);
    expect(axisTop(entropy, 0)).toBeCloseTo(5.2 * 1.08, 10);
    expect(axisTop(accuracy, 0.1)).toBeCloseTo(0.51 * 1.08, 10);
    expect(axisTop([], 0.1)).toBeCloseTo(0.108, 10);
    // Entropy starts a little below its smallest value (a spread's minimum when drawn).
    expect(entropyAxisBottom(entropy, true)).toBeCloseTo(3 * 0.92, 10);
    expect(entropyAxisBottom(entropy)).toBeCloseTo(4 * 0.92, 10);
    expect(entropyAxisBottom([])).toBe(0);
  });

  it('says a point in words', () => {
    const { accuracy, entropy } = chartLines(RESULTS);
    expect(describePoint(accuracy[0]!, accuracy[0]!.points[1]!)).toBe(
      'ExLM top-1 at 50% masked: 20.0%',
    );
    expect(describePoint(entropy[0]!, entropy[0]!.points[0]!)).toBe(
      'ExLM mean entropy at 5% masked: 4.00 nats; maskings from 3.00 to 5.00, middle half 3.50-4.50',
    );
  });

  it('exports a header and one row per model and ratio, quoting what needs it', () => {
    const csv = experimentCsv('sample', RESULTS);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 2 * 2);
    expect(lines[0]).toBe(
      'run,model,architecture,ratio,sentences,masks,words,top1,top5,mean_entropy_nats,' +
        'entropy_min,entropy_q25,entropy_median,entropy_q75,entropy_max,mean_ms',
    );
    expect(lines[1]).toBe('sample,exlm-en-small,exlm,0.05,5,10,40,0.3,0.5,4,3,3.5,4,4.5,5,3.25');
    expect(lines[3]?.startsWith('sample,"mlm, ""twin""",mlm,0.05,')).toBe(true);
  });
});
