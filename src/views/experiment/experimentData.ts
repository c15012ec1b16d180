// The mask-ratio experiment's numbers as the view shows them: the lines of the charts (each point
// with its 95% bootstrap interval over the sentences, drawn as a band), the difference between the
// ExLM and its twin, the rows of the table and the CSV. Pure functions over the results in the
// store, so unit tests can pin what is drawn and exported.
import type { Interval } from '../../model/bootstrap';
import type { Spread } from '../../model/evalMetrics';
import {
  type MeasureIntervals,
  type RatioIntervals,
  runIntervals,
} from '../../model/experimentIntervals';
import type { ExperimentModelResult, ExperimentPoint } from '../../model/maskRatio';
import type { Architecture } from '../../core/catalog';
import { type CsvValue, csvText } from '../common/csv';
import {
  formatEntropyValue,
  formatNats,
  formatPercent,
  formatWholePercent,
} from '../common/format';

export type SeriesId = 'top1' | 'top5' | 'entropy';

export const SERIES_LABELS: Record<SeriesId, string> = {
  top1: 'top-1',
  top5: 'top-5',
  entropy: 'mean entropy',
};

/** Colour per model role: the page's palette (Okabe-Ito, told apart with colour blindness and in
 *  grey), as CSS values, so the drawing sets them as styles. */
export const MODEL_COLORS: Record<Architecture, string> = {
  exlm: 'var(--series-exlm)',
  mlm: 'var(--series-mlm)',
};

export const ARCHITECTURE_LABELS: Record<Architecture, string> = { exlm: 'ExLM', mlm: 'MLM twin' };

export interface LinePoint {
  ratio: number;
  value: number;
  /** Entropy only: the spread over the maskings of each one's mean slot entropy. */
  spread: Spread | null;
  /** The 95% bootstrap interval of the value over the sentences (or maskings); null when there
   *  is none (no masking scored). */
  interval: Interval | null;
}

export interface ChartLine {
  /** "<model>:<series>", unique in a chart. */
  key: string;
  model: string;
  /** null for the difference between the models. */
  architecture: Architecture | null;
  series: SeriesId;
  /** "ExLM top-1". */
  label: string;
  color: string;
  /** top-5 is drawn dashed with hollow points, top-1 and entropy solid. */
  dashed: boolean;
  points: LinePoint[];
}

/** A scored point and its intervals. */
interface ScoredPoint {
  point: ExperimentPoint;
  intervals: MeasureIntervals;
}

function line(
  result: ExperimentModelResult,
  scored: readonly ScoredPoint[],
  series: SeriesId,
): ChartLine {
  return {
    key: `${result.model}:${series}`,
    model: result.model,
    architecture: result.architecture,
    series,
    label: `${ARCHITECTURE_LABELS[result.architecture]} ${SERIES_LABELS[series]}`,
    color: MODEL_COLORS[result.architecture],
    dashed: series === 'top5',
    points: scored.map(({ point, intervals }) => ({
      ratio: point.ratio,
      value: point[series],
      spread: series === 'entropy' ? point.entropySpread : null,
      interval: intervals[series],
    })),
  };
}

/** The colour of the difference lines: neither model's. */
export const DIFFERENCE_COLOR = 'var(--series-key)';

/** "ExLM minus MLM twin". */
export const DIFFERENCE_LABEL = `${ARCHITECTURE_LABELS.exlm} minus ${ARCHITECTURE_LABELS.mlm}`;

/** The difference chart's lines: top-1 and top-5 of the ExLM minus its twin's, paired over the
 *  maskings both scored, when the run has both (the ExLM first, as runs order them). */
function differenceLines(
  results: readonly ExperimentModelResult[],
  intervals: readonly RatioIntervals[],
): ChartLine[] {
  if (results[0]?.architecture !== 'exlm' || results[1]?.architecture !== 'mlm') return [];
  const differences = intervals.flatMap((r) => (r.difference === null ? [] : [r.difference]));
  return (['top1', 'top5'] as const).map((series) => ({
    key: `difference:${series}`,
    model: 'difference',
    architecture: null,
    series,
    label: `${DIFFERENCE_LABEL}, ${SERIES_LABELS[series]}`,
    color: DIFFERENCE_COLOR,
    dashed: series === 'top5',
    points: differences.map((d) => ({
      ratio: d.ratio,
      value: d.values[series],
      spread: null,
      interval: d.intervals[series],
    })),
  }));
}

/** The key of a model's point at a ratio in chartLines' `intervals`. */
export function pointKey(model: string, ratio: number): string {
  return `${model}:${ratio}`;
}

/** The accuracy chart's lines (top-1 and top-5 per model), the entropy chart's (one per model)
 *  and the difference chart's (top-1 and top-5, ExLM minus twin; none without a twin), and each
 *  scored point's intervals by pointKey (for the table). */
export function chartLines(results: readonly ExperimentModelResult[]): {
  accuracy: ChartLine[];
  entropy: ChartLine[];
  difference: ChartLine[];
  intervals: Map<string, MeasureIntervals>;
} {
  const byRatio = runIntervals(results);
  const intervals = new Map<string, MeasureIntervals>();
  for (const { ratio, points } of byRatio) {
    points.forEach((p, m) => {
      if (p !== null) intervals.set(pointKey(results[m]!.model, ratio), p);
    });
  }
  const scored = results.map((r) =>
    r.points
      .filter((point) => point.masks > 0)
      .map((point) => ({ point, intervals: intervals.get(pointKey(r.model, point.ratio))! })),
  );
  return {
    intervals,
    accuracy: results.flatMap((r, m) => [line(r, scored[m]!, 'top1'), line(r, scored[m]!, 'top5')]),
    entropy: results.map((r, m) => line(r, scored[m]!, 'entropy')),
    difference: differenceLines(results, byRatio),
  };
}

/** The highest and lowest a point reaches as drawn: its value, its band, and its spread when
 *  spreads are drawn. */
function reach(p: LinePoint, withSpread: boolean): [number, number] {
  const values = [p.value];
  if (p.interval !== null) values.push(p.interval.low, p.interval.high);
  if (withSpread && p.spread !== null) values.push(p.spread.min, p.spread.max);
  return [Math.min(...values), Math.max(...values)];
}

/** The top of a y axis: the highest a point reaches as drawn (bands, and spreads when they are
 *  drawn), at least `floor`, with a little room above. */
export function axisTop(lines: readonly ChartLine[], floor: number, withSpread = false): number {
  let max = floor;
  for (const l of lines) for (const p of l.points) max = Math.max(max, reach(p, withSpread)[1]);
  return max * 1.08;
}

/** The bottom of the entropy axis: a little below the lowest a point reaches as drawn, so the
 *  rise with the ratio shows; entropy has no zero to start from the way a share has. */
export function entropyAxisBottom(lines: readonly ChartLine[], withSpread = false): number {
  let min = Infinity;
  for (const l of lines) for (const p of l.points) min = Math.min(min, reach(p, withSpread)[0]);
  return Number.isFinite(min) ? Math.max(0, min * 0.92) : 0;
}

/** The difference chart's y range: around 0 and every band, with a little room. */
export function differenceRange(lines: readonly ChartLine[]): [number, number] {
  let low = 0;
  let high = 0;
  for (const l of lines) {
    for (const p of l.points) {
      const [min, max] = reach(p, false);
      low = Math.min(low, min);
      high = Math.max(high, max);
    }
  }
  const room = Math.max(0.02, high - low) * 0.08;
  return [low - room, high + room];
}

/** A point's value as the chart's read-out says it. */
export function formatValue(series: SeriesId, value: number): string {
  return series === 'entropy' ? formatNats(value) : formatPercent(value);
}

/** A difference of shares in percentage points, signed ("+2.4 points", "−1.0 points"). */
export function formatPoints(value: number): string {
  const points = (100 * value).toFixed(1);
  const sign = value > 0 && points !== '0.0' ? '+' : '';
  return `${sign}${points.replace('-', '−')} points`;
}

/** An interval as the read-out and the table say it ("21.0–28.7%", "3.91–4.20 nats"). */
export function formatInterval(series: SeriesId, interval: Interval, difference = false): string {
  if (difference) return `${formatPoints(interval.low)} to ${formatPoints(interval.high)}`;
  if (series === 'entropy') {
    return `${formatEntropyValue(interval.low)}–${formatEntropyValue(interval.high)} nats`;
  }
  return `${formatPercent(interval.low).replace('%', '')}–${formatPercent(interval.high)}`;
}

/** "ExLM top-1 at 30% masked: 24.8% (95% interval 21.0–28.7%)" */
export function describePoint(l: ChartLine, p: LinePoint): string {
  const difference = l.architecture === null;
  const value = difference ? formatPoints(p.value) : formatValue(l.series, p.value);
  const interval =
    p.interval === null
      ? ''
      : ` (95% interval ${formatInterval(l.series, p.interval, difference)})`;
  const spread =
    p.spread !== null && p.spread.max > p.spread.min
      ? `; maskings from ${formatEntropyValue(p.spread.min)} to ${formatEntropyValue(p.spread.max)}, ` +
        `middle half ${formatEntropyValue(p.spread.q25)}-${formatEntropyValue(p.spread.q75)}`
      : '';
  return `${l.label} at ${formatWholePercent(p.ratio)} masked: ${value}${interval}${spread}`;
}

/** One exported row per model and ratio. */
const CSV_COLUMNS = [
  'run',
  'model',
  'architecture',
  'ratio',
  'sentences',
  'masks',
  'words',
  'top1',
  'top5',
  'mean_entropy_nats',
  'entropy_min',
  'entropy_q25',
  'entropy_median',
  'entropy_q75',
  'entropy_max',
  'mean_ms',
  'top1_low',
  'top1_high',
  'top5_low',
  'top5_high',
  'entropy_low',
  'entropy_high',
] as const;

function csvRow(
  kind: string,
  result: ExperimentModelResult,
  p: ExperimentPoint,
  intervals: MeasureIntervals | undefined,
): CsvValue[] {
  const s = p.entropySpread;
  const bounds = (['top1', 'top5', 'entropy'] as const).flatMap((m) => {
    const interval = intervals?.[m] ?? null;
    return interval === null ? [null, null] : [interval.low, interval.high];
  });
  const values: (string | number | null)[] = [
    kind,
    result.model,
    result.architecture,
    p.ratio,
    p.sentences,
    p.masks,
    p.words,
    p.top1,
    p.top5,
    p.entropy,
    s.min,
    s.q25,
    s.median,
    s.q75,
    s.max,
    p.mean_ms,
    ...bounds,
  ];
  // Six significant digits: the measurements carry no more.
  return values.map((v) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v));
}

/** The numbers as CSV (../common/csv.ts): a header row, then one row per model and ratio
 *  ("sentences" counts the maskings: one per sentence for the sample, many of the one sentence
 *  for "my sentence"); *_low and *_high bound the 95% bootstrap interval, empty when there is
 *  none. */
export function experimentCsv(kind: string, results: readonly ExperimentModelResult[]): string {
  const { intervals } = chartLines(results);
  const rows = results.flatMap((r) =>
    r.points.map((p) => csvRow(kind, r, p, intervals.get(pointKey(r.model, p.ratio)))),
  );
  return csvText([[...CSV_COLUMNS], ...rows]);
}
