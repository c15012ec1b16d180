import { describe, expect, it } from 'vitest';

import type { ExperimentModelResult, ExperimentPoint } from '../../model/maskRatio';
import {
  axisTop,
  type ChartLine,
  chartLines,
  describePoint,
  differenceRange,
  entropyAxisBottom,
  experimentCsv,
} from './experimentData';

/** A point of five maskings of `masks / 5` masks each, the hits spread as evenly as they go. */
function point(ratio: number, share: number, entropy: number, masks = 10): ExperimentPoint {
  const each = masks / 5;
  const top1 = Math.round(share * masks) / masks;
  const top5 = Math.round((top1 + 0.2) * masks) / masks;
  const spread = (hits: number) =>
    [0, 1, 2, 3, 4].map((i) => Math.floor(((i + 1) * hits) / 5) - Math.floor((i * hits) / 5));
  return {
    ratio,
    sentences: 5,
    masks,
    top1_hits: top1 * masks,
    top5_hits: top5 * masks,
    top1,
    top5,
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
      masks: Array<number>(5).fill(each),
      top1: spread(top1 * masks),
      top5: spread(top5 * masks),
      entropy: [-0.5, -0.25, 0, 0.25, 0.5].map((d) => (entropy + d) * each),
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

  it('makes room around the values drawn, bands and spreads included when they are drawn', () => {
    const { entropy, accuracy } = chartLines(RESULTS);
    const bare = (lines: ChartLine[]) =>
      lines.map((l) => ({ ...l, points: l.points.map((p) => ({ ...p, interval: null })) }));
    expect(axisTop(bare(entropy), 0, true)).toBeCloseTo(6.2 * 1.08, 10);
    expect(axisTop(bare(entropy), 0)).toBeCloseTo(5.2 * 1.08, 10);
    expect(axisTop(bare(accuracy), 0.1)).toBeCloseTo(0.5 * 1.08, 10);
    expect(axisTop([], 0.1)).toBeCloseTo(0.108, 10);
    // Entropy starts a little below its smallest value (a spread's minimum when drawn).
    expect(entropyAxisBottom(bare(entropy), true)).toBeCloseTo(3 * 0.92, 10);
    expect(entropyAxisBottom(bare(entropy))).toBeCloseTo(4 * 0.92, 10);
    expect(entropyAxisBottom([])).toBe(0);
    // A band reaches past its value: the axis makes room for it.
    const highest = Math.max(...accuracy.flatMap((l) => l.points.map((p) => p.interval!.high)));
    expect(axisTop(accuracy, 0.1)).toBeCloseTo(highest * 1.08, 10);
  });

  it('bands each point with its bootstrap interval over the maskings', () => {
    const { accuracy, entropy } = chartLines(RESULTS);
    for (const l of [...accuracy, ...entropy]) {
      for (const p of l.points) {
        expect(p.interval!.low).toBeLessThanOrEqual(p.value);
        expect(p.interval!.high).toBeGreaterThanOrEqual(p.value);
      }
    }
    // The same for every resample: the same seed for the same numbers.
    expect(chartLines(RESULTS).accuracy).toEqual(accuracy);
  });

  it('draws the ExLM minus its twin, paired, and nothing without a twin', () => {
    const { difference } = chartLines(RESULTS);
    expect(difference.map((l) => [l.label, l.dashed])).toEqual([
      ['ExLM minus MLM twin, top-1', false],
      ['ExLM minus MLM twin, top-5', true],
    ]);
    expect(difference[0]?.points.map((p) => p.value)).toEqual([
      RESULTS[0]!.points[0]!.top1 - RESULTS[1]!.points[0]!.top1,
      RESULTS[0]!.points[1]!.top1 - RESULTS[1]!.points[1]!.top1,
    ]);
    expect(difference[0]?.points[0]?.interval).not.toBeNull();
    expect(chartLines(RESULTS.slice(0, 1)).difference).toEqual([]);
    // The axis holds 0 and every band.
    const [low, high] = differenceRange(difference);
    expect(low).toBeLessThan(0);
    expect(high).toBeGreaterThan(
      Math.max(...difference.flatMap((l) => l.points.map((p) => p.interval!.high))),
    );
  });

  it('says a point in words, with its interval', () => {
    const { accuracy, entropy, difference } = chartLines(RESULTS);
    const line = accuracy[0]!;
    const at = { ...line.points[1]!, interval: { low: 0.125, high: 0.2876 } };
    expect(describePoint(line, at)).toBe(
      'ExLM top-1 at 50% masked: 20.0% (95% interval 12.5–28.8%)',
    );
    const flat = { ...entropy[0]!.points[0]!, interval: { low: 3.5, high: 4.5 } };
    expect(describePoint(entropy[0]!, flat)).toBe(
      'ExLM mean entropy at 5% masked: 4.00 nats (95% interval 3.50–4.50 nats); maskings from 3.00 to 5.00, middle half 3.50-4.50',
    );
    const lead = {
      ...difference[0]!.points[0]!,
      value: -0.01,
      interval: { low: -0.034, high: 0.012 },
    };
    expect(describePoint(difference[0]!, lead)).toBe(
      'ExLM minus MLM twin, top-1 at 5% masked: −1.0 points (95% interval −3.4 points to +1.2 points)',
    );
    expect(describePoint(line, { ...at, interval: null })).toBe('ExLM top-1 at 50% masked: 20.0%');
  });

  it('exports a header and one row per model and ratio, quoting what needs it', () => {
    const csv = experimentCsv('sample', RESULTS);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 2 * 2);
    expect(lines[0]).toBe(
      'run,model,architecture,ratio,sentences,masks,words,top1,top5,mean_entropy_nats,' +
        'entropy_min,entropy_q25,entropy_median,entropy_q75,entropy_max,mean_ms,' +
        'top1_low,top1_high,top5_low,top5_high,entropy_low,entropy_high',
    );
    expect(
      lines[1]?.startsWith('sample,exlm-en-small,exlm,0.05,5,10,40,0.3,0.5,4,3,3.5,4,4.5,5,3.25,'),
    ).toBe(true);
    const bounds = lines[1]!.split(',').slice(16).map(Number);
    expect(bounds).toHaveLength(6);
    expect(bounds[0]).toBeLessThanOrEqual(0.3);
    expect(bounds[1]).toBeGreaterThanOrEqual(0.3);
    expect(bounds[2]).toBeLessThanOrEqual(0.5);
    expect(bounds[3]).toBeGreaterThanOrEqual(0.5);
    expect(lines[3]?.startsWith('sample,"mlm, ""twin""",mlm,0.05,')).toBe(true);
  });
});
