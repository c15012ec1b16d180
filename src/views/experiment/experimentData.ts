// The mask-ratio experiment's numbers as the view shows them: the lines of the two charts, the
// rows of the table and the CSV. Pure functions over the results in the store, so unit tests can
// pin what is drawn and exported.
import type { Spread } from '../../model/evalMetrics';
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
}

export interface ChartLine {
  /** "<model>:<series>", unique in a chart. */
  key: string;
  model: string;
  architecture: Architecture;
  series: SeriesId;
  /** "ExLM top-1". */
  label: string;
  color: string;
  /** top-5 is drawn dashed with hollow points, top-1 and entropy solid. */
  dashed: boolean;
  points: LinePoint[];
}

function line(result: ExperimentModelResult, series: SeriesId): ChartLine {
  return {
    key: `${result.model}:${series}`,
    model: result.model,
    architecture: result.architecture,
    series,
    label: `${ARCHITECTURE_LABELS[result.architecture]} ${SERIES_LABELS[series]}`,
    color: MODEL_COLORS[result.architecture],
    dashed: series === 'top5',
    points: result.points
      .filter((p) => p.masks > 0)
      .map((p) => ({
        ratio: p.ratio,
        value: p[series === 'entropy' ? 'entropy' : series],
        spread: series === 'entropy' ? p.entropySpread : null,
      })),
  };
}

/** The accuracy chart's lines (top-1 and top-5 per model) and the entropy chart's (one per model). */
export function chartLines(results: readonly ExperimentModelResult[]): {
  accuracy: ChartLine[];
  entropy: ChartLine[];
} {
  return {
    accuracy: results.flatMap((r) => [line(r, 'top1'), line(r, 'top5')]),
    entropy: results.map((r) => line(r, 'entropy')),
  };
}

/** The top of a y axis: the largest value drawn (the spreads too when they are drawn), at least
 *  `floor`, with a little room above. */
export function axisTop(lines: readonly ChartLine[], floor: number, withSpread = false): number {
  let max = floor;
  for (const l of lines) {
    for (const p of l.points) max = Math.max(max, p.value, withSpread ? (p.spread?.max ?? 0) : 0);
  }
  return max * 1.08;
}

/** The bottom of the entropy axis: a little below the smallest value drawn (the spreads too when
 *  they are drawn), so the rise with the ratio shows; entropy has no zero to start from the way a
 *  share has. */
export function entropyAxisBottom(lines: readonly ChartLine[], withSpread = false): number {
  let min = Infinity;
  for (const l of lines) {
    for (const p of l.points) {
      min = Math.min(min, p.value, withSpread ? (p.spread?.min ?? Infinity) : Infinity);
    }
  }
  return Number.isFinite(min) ? Math.max(0, min * 0.92) : 0;
}

/** A point's value as the chart's read-out says it. */
export function formatValue(series: SeriesId, value: number): string {
  return series === 'entropy' ? formatNats(value) : formatPercent(value);
}

/** "ExLM top-1 at 30% masked: 24.8% (120 masks)" */
export function describePoint(l: ChartLine, p: LinePoint): string {
  const spread =
    p.spread !== null && p.spread.max > p.spread.min
      ? `; maskings from ${formatEntropyValue(p.spread.min)} to ${formatEntropyValue(p.spread.max)}, ` +
        `middle half ${formatEntropyValue(p.spread.q25)}-${formatEntropyValue(p.spread.q75)}`
      : '';
  return `${l.label} at ${formatWholePercent(p.ratio)} masked: ${formatValue(l.series, p.value)}${spread}`;
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
] as const;

function csvRow(kind: string, result: ExperimentModelResult, p: ExperimentPoint): CsvValue[] {
  const s = p.entropySpread;
  const values: (string | number)[] = [
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
  ];
  // Six significant digits: the measurements carry no more.
  return values.map((v) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v));
}

/** The numbers as CSV (../common/csv.ts): a header row, then one row per model and ratio
 *  ("sentences" counts the maskings: one per sentence for the sample, many of the one sentence
 *  for "my sentence"). */
export function experimentCsv(kind: string, results: readonly ExperimentModelResult[]): string {
  const rows = results.flatMap((r) => r.points.map((p) => csvRow(kind, r, p)));
  return csvText([[...CSV_COLUMNS], ...rows]);
}
