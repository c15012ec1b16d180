// The mask-ratio experiment (the ExLM paper's "corrupted semantics" study), live: hide more and
// more of each sentence and watch the models' guesses get worse and less certain. Runs on the
// held-out sample shipped with the page or on the editor's sentence; the view only states intents
// (startExperiment, cancelExperiment) and draws what the worker reports, each number with its 95%
// bootstrap interval over the sentences, and the ExLM's lead over its twin in a chart of its own.
import { useEffect, useMemo, useRef, useState } from 'react';

import type { Interval } from '../../model/bootstrap';
import type { MeasureIntervals } from '../../model/experimentIntervals';
import { EXPERIMENT_RATIOS, SENTENCE_REPEATS } from '../../model/maskRatio';
import type { Architecture } from '../../core/catalog';
import { type ExperimentState, experimentBusy } from '../../state/slices/experimentSlice';
import { usePlayground } from '../../state/store';
import {
  formatEntropyValue,
  formatNats,
  formatPercent,
  formatWholePercent,
} from '../common/format';
import { downloadBlob } from '../common/exportImage';
import {
  ARCHITECTURE_LABELS,
  DIFFERENCE_LABEL,
  differenceRange,
  formatInterval,
  pointKey,
  type SeriesId,
  entropyAxisBottom,
  axisTop,
  chartLines,
  experimentCsv,
  MODEL_COLORS,
} from './experimentData';
import { CHART_SIZE, drawExperimentChart, type ExperimentChartSpec } from './drawExperimentChart';
import { RunEstimate } from './RunEstimate';
import { wholeSampleLabel, wholeSampleSize } from './sampleSize';
import './Experiment.css';
import './ExperimentUncertainty.css';

/** Sample sizes offered; '' is the whole sample. */
const SIZES = ['5', '25', '50', ''] as const;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function statusText(e: ExperimentState): string {
  const what =
    e.kind === 'sample'
      ? `${e.sentences} sample sentence${e.sentences === 1 ? '' : 's'}`
      : `${e.repeats} random maskings of your sentence`;
  const models = e.models.length === 2 ? 'ExLM and its MLM twin' : 'the ExLM alone';
  const finished = e.results[0]?.points.length ?? 0;
  switch (e.status) {
    case 'idle':
      return 'Not run yet.';
    case 'starting':
      return e.cancelRequested ? 'Cancelling…' : 'Starting (reading the sample, loading the twin)…';
    case 'running': {
      if (e.cancelRequested) return 'Cancelling after the current sentence…';
      const p = e.progress;
      if (p === null) return `Running on ${what}, ${models}…`;
      const unit = e.kind === 'sample' ? 'sentence' : 'masking';
      return (
        `Masking ${formatWholePercent(p.ratio)} of the words (ratio ${p.ratioIndex + 1} of ` +
        `${p.ratioCount}): ${unit} ${p.done} of ${p.perRatio}, ${models}.`
      );
    }
    case 'done':
      return `Done in ${seconds(e.elapsedMs ?? 0)}: ${what} at ${finished} ratios, ${models}.`;
    case 'cancelled':
      return `Cancelled: ${finished} of ${EXPERIMENT_RATIOS.length} ratios finished (${what}).`;
    case 'error':
      return `The experiment stopped: ${e.error ?? 'unknown error'}`;
  }
}

/** Share of the run done, 0..1. */
function progressShare(e: ExperimentState): number {
  const p = e.progress;
  if (p === null || p.perRatio === 0) return 0;
  return (p.ratioIndex * p.perRatio + p.done) / (p.ratioCount * p.perRatio);
}

function Chart({ spec, testId }: { spec: ExperimentChartSpec; testId: string }) {
  const svgRef = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (svgRef.current) drawExperimentChart(svgRef.current, spec);
  }, [spec]);
  return (
    <svg
      ref={svgRef}
      className="experiment__chart"
      data-testid={testId}
      width={CHART_SIZE.width}
      height={CHART_SIZE.height}
    />
  );
}

function Legend({ architectures, spread }: { architectures: Architecture[]; spread: boolean }) {
  return (
    <ul className="experiment__legend" aria-label="Legend">
      {architectures.map((a) => (
        <li key={a}>
          <svg width="28" height="12" aria-hidden="true">
            <line
              x1="0"
              x2="28"
              y1="6"
              y2="6"
              style={{ stroke: MODEL_COLORS[a] }}
              strokeWidth="3"
            />
          </svg>
          {ARCHITECTURE_LABELS[a]}
        </li>
      ))}
      <li>
        <svg width="28" height="12" aria-hidden="true">
          <line className="experiment-key" x1="0" x2="28" y1="6" y2="6" strokeWidth="2.5" />
          <circle className="experiment-key experiment-key--filled" cx="14" cy="6" r="4" />
        </svg>
        top-1, mean entropy
      </li>
      <li>
        <svg width="28" height="12" aria-hidden="true">
          <line
            x1="0"
            x2="28"
            y1="6"
            y2="6"
            className="experiment-key"
            strokeWidth="2.5"
            strokeDasharray="7 4"
          />
          <circle className="experiment-key" cx="14" cy="6" r="4" strokeWidth="2" />
        </svg>
        top-5
      </li>
      <li>
        <svg width="28" height="12" aria-hidden="true">
          <rect
            className="experiment-key experiment-key--spread"
            x="0"
            y="1"
            width="28"
            height="10"
          />
        </svg>
        shaded: where the value could lie with other {spread ? 'maskings' : 'sentences'} (95%,
        bootstrap)
      </li>
      {spread ? (
        <li>
          <svg width="14" height="16" aria-hidden="true">
            <line className="experiment-key" x1="7" x2="7" y1="0" y2="16" strokeWidth="1.5" />
            <rect
              className="experiment-key experiment-key--spread"
              x="3"
              y="4"
              width="8"
              height="8"
            />
          </svg>
          entropy over the {SENTENCE_REPEATS} maskings: box the middle half, whiskers all
        </li>
      ) : null}
    </ul>
  );
}

/** A table value's 95% interval, under it. */
function IntervalText({
  series,
  interval,
}: {
  series: SeriesId;
  interval: Interval | null | undefined;
}) {
  if (interval === null || interval === undefined) return null;
  return (
    <span className="experiment-interval-text" title="95% bootstrap interval">
      {formatInterval(series, interval)}
    </span>
  );
}

function NumbersTable({
  experiment,
  intervals,
}: {
  experiment: ExperimentState;
  intervals: ReadonlyMap<string, MeasureIntervals>;
}) {
  const spread = experiment.kind === 'sentence';
  const rows = EXPERIMENT_RATIOS.flatMap((ratio) =>
    experiment.results.flatMap((r) => {
      const p = r.points.find((point) => point.ratio === ratio);
      return p === undefined ? [] : [{ r, p, interval: intervals.get(pointKey(r.model, p.ratio)) }];
    }),
  );
  const sizeLabel = experiment.kind === 'sample' ? 'Sentences' : 'Maskings';
  const columns = [
    'Masked',
    'Model',
    sizeLabel,
    'Masks',
    'Share of all words',
    'Top-1',
    'Top-5',
    'Mean entropy',
    ...(spread ? ['Entropy range (middle half)'] : []),
    'Time per analysis',
  ];
  // Explicit roles: where the panel is narrow the CSS lays each row out as a card of labelled
  // values (Experiment.css), and the roles keep it a table for screen readers.
  return (
    <div className="experiment__table-fit">
      <table className="experiment__table" role="table" data-testid="experiment-table">
        <caption>The numbers behind the charts</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th key={column} scope="col" role="columnheader">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map(({ r, p, interval }) => (
            <tr key={`${r.model}:${p.ratio}`} role="row">
              <th scope="row" role="rowheader" data-label={columns[0]}>
                {formatWholePercent(p.ratio)}
              </th>
              <td role="cell" data-label={columns[1]}>
                {ARCHITECTURE_LABELS[r.architecture]}
              </td>
              <td role="cell" data-label={sizeLabel}>
                {p.sentences}
              </td>
              <td role="cell" data-label="Masks">
                {p.masks}
              </td>
              <td role="cell" data-label="Share of all words">
                {p.words > 0 ? formatPercent(p.masks / p.words) : '–'}
              </td>
              <td role="cell" data-label="Top-1">
                {formatPercent(p.top1)}
                <IntervalText series="top1" interval={interval?.top1} />
              </td>
              <td role="cell" data-label="Top-5">
                {formatPercent(p.top5)}
                <IntervalText series="top5" interval={interval?.top5} />
              </td>
              <td role="cell" data-label="Mean entropy">
                {formatNats(p.entropy)}
                <IntervalText series="entropy" interval={interval?.entropy} />
              </td>
              {spread ? (
                <td role="cell" data-label="Entropy range (middle half)">
                  {formatEntropyValue(p.entropySpread.min)}–
                  {formatEntropyValue(p.entropySpread.max)} (
                  {formatEntropyValue(p.entropySpread.q25)}–
                  {formatEntropyValue(p.entropySpread.q75)})
                </td>
              ) : null}
              <td role="cell" data-label="Time per analysis">
                {p.mean_ms.toFixed(1)} ms
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TwinNote() {
  const name = usePlayground((s) => s.modelNames.mlm);
  const load = usePlayground((s) => s.modelLoad.mlm);
  let note: string | null = null;
  if (name === null) note = 'This model has no MLM twin: the experiment runs the ExLM alone.';
  else if (load.phase === 'loading') note = `Loading the MLM twin "${name}"; a run waits for it.`;
  else if (load.phase === 'error')
    note = `The MLM twin "${name}" did not load (${load.message}): runs use the ExLM alone.`;
  return note === null ? null : <p className="experiment__note">{note}</p>;
}

export function ExperimentView() {
  const experiment = usePlayground((s) => s.experiment);
  const startExperiment = usePlayground((s) => s.startExperiment);
  const cancelExperiment = usePlayground((s) => s.cancelExperiment);
  const modelReady = usePlayground((s) => s.modelLoad.exlm.phase === 'ready');
  const hasText = usePlayground((s) => s.text.trim() !== '');
  // The whole sample: with fewer sentences the curves zig-zag within their wide bands.
  const [size, setSize] = useState<(typeof SIZES)[number]>('');
  const sampleSize = usePlayground((s) => wholeSampleSize(s.experimentEstimate, s.experiment));
  const [readout, setReadout] = useState<string | null>(null);
  const busy = experimentBusy(experiment);
  const lines = useMemo(() => chartLines(experiment.results), [experiment.results]);
  const spread = experiment.kind === 'sentence';
  const hasPoints = lines.accuracy.some((l) => l.points.length > 0);
  const nothingScored =
    experiment.status === 'done' &&
    experiment.results.length > 0 &&
    experiment.results.every((r) => r.points.every((p) => p.masks === 0));

  const accuracySpec = useMemo<ExperimentChartSpec>(
    () => ({
      title: 'Top-1 and top-5 accuracy against the share of words masked',
      yLabel: 'Hidden word guessed (%)',
      yBottom: 0,
      yTop: Math.min(1, axisTop(lines.accuracy, 0.1)),
      yTickFormat: (v) => `${Math.round(100 * v)}`,
      ratios: EXPERIMENT_RATIOS,
      lines: lines.accuracy,
      showSpread: false,
      onPoint: setReadout,
    }),
    [lines],
  );
  const entropySpec = useMemo<ExperimentChartSpec>(
    () => ({
      title: 'Mean slot entropy against the share of words masked',
      yLabel: 'Mean slot entropy (nats)',
      yBottom: entropyAxisBottom(lines.entropy, spread),
      yTop: axisTop(lines.entropy, 1, spread),
      yTickFormat: (v) => v.toFixed(1),
      ratios: EXPERIMENT_RATIOS,
      lines: lines.entropy,
      showSpread: spread,
      onPoint: setReadout,
    }),
    [lines, spread],
  );
  const [differenceBottom, differenceTop] = differenceRange(lines.difference);
  const differenceSpec = useMemo<ExperimentChartSpec>(
    () => ({
      title: `${DIFFERENCE_LABEL}: top-1 and top-5 accuracy against the share of words masked`,
      yLabel: `${DIFFERENCE_LABEL} (points)`,
      yBottom: differenceBottom,
      yTop: differenceTop,
      yTickFormat: (v) => `${v > 0 ? '+' : ''}${Math.round(100 * v)}`.replace('-', '−'),
      ratios: EXPERIMENT_RATIOS,
      lines: lines.difference,
      showSpread: false,
      zeroLine: true,
      onPoint: setReadout,
    }),
    [lines, differenceBottom, differenceTop],
  );
  const hasDifference = lines.difference.some((l) => l.points.length > 0);

  const canRun = modelReady && !busy;
  return (
    <section
      className="panel experiment"
      aria-label="Mask-ratio experiment"
      data-testid="view-experiment"
    >
      <h2 className="panel__title">Mask-ratio experiment</h2>
      <p className="experiment__intro">
        The more words of a sentence are hidden, the less the rest says about them. Each run masks
        5% to 80% of every sentence’s maskable words (whole words the models read as one token), at
        random but the same every time, and scores both models’ guesses against the hidden words.
        The shaded band around each line is where its value could lie with other sentences (95%, by
        bootstrap).
      </p>
      <p className="experiment__intro">
        From about 20% on, the guesses get steadily worse and less certain as more is hidden. Below
        that, most of these short sentences get a single hidden word whatever the ratio, so the
        first points measure nearly the same thing and differ only by chance, within their bands.
        The ExLM and its MLM twin stay within a few points of each other: the third chart shows by
        how much, and where its band holds 0 these sentences cannot tell them apart.
      </p>
      <div className="experiment__controls">
        <label className="experiment__size">
          Sentences{' '}
          <select
            value={size}
            disabled={busy}
            onChange={(event) => setSize(event.target.value as (typeof SIZES)[number])}
            data-testid="experiment-size"
          >
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {s === '' ? wholeSampleLabel(sampleSize) : s}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!canRun}
          onClick={() =>
            startExperiment(
              size === '' ? { kind: 'sample' } : { kind: 'sample', limit: Number(size) },
            )
          }
        >
          Run on the sample
        </button>
        <button
          type="button"
          disabled={!canRun || !hasText}
          onClick={() => startExperiment({ kind: 'sentence' })}
        >
          Run on my sentence
        </button>
        <button
          type="button"
          disabled={!hasPoints || busy}
          onClick={() =>
            downloadBlob(
              new Blob([experimentCsv(experiment.kind, experiment.results)], {
                type: 'text/csv;charset=utf-8',
              }),
              `mask-ratio-${experiment.kind}.csv`,
            )
          }
        >
          Download CSV
        </button>
      </div>
      <RunEstimate limit={size === '' ? null : Number(size)} />
      <p className="experiment__note">
        The sample: held-out test sentences (Brown Corpus, State of the Union addresses, Moby-Dick)
        that the models never trained on. “My sentence”: {SENTENCE_REPEATS} random maskings of the
        editor’s sentence at each ratio.
      </p>
      <TwinNote />
      <div className="experiment__status" aria-live="polite">
        <p
          className={experiment.status === 'error' ? 'message message--error' : 'experiment__state'}
          data-testid="experiment-status"
          data-status={experiment.status}
          role={experiment.status === 'error' ? 'alert' : undefined}
        >
          {statusText(experiment)}
        </p>
        {busy ? (
          <div className="experiment__progress">
            <progress
              max={1}
              value={progressShare(experiment)}
              aria-label="Experiment progress"
              data-testid="experiment-progress"
            />
            <button type="button" onClick={cancelExperiment} disabled={experiment.cancelRequested}>
              Cancel
            </button>
          </div>
        ) : null}
      </div>
      {nothingScored ? (
        <p className="message message--info">
          No word of this sentence is a single token for the model, so none could be masked as one
          [MASK]: try a sentence with common words.
        </p>
      ) : null}
      {hasPoints ? (
        <>
          <div className="experiment__charts">
            <Chart spec={accuracySpec} testId="experiment-chart-accuracy" />
            <Chart spec={entropySpec} testId="experiment-chart-entropy" />
            {hasDifference ? (
              <figure className="experiment-difference" data-testid="experiment-difference">
                <Chart spec={differenceSpec} testId="experiment-chart-difference" />
                <figcaption className="experiment__note">
                  {DIFFERENCE_LABEL}, on the same maskings: above 0 the ExLM guessed more hidden
                  words. Where the band holds 0, these {spread ? 'maskings' : 'sentences'} cannot
                  tell the two apart.
                </figcaption>
              </figure>
            ) : null}
          </div>
          <Legend architectures={experiment.results.map((r) => r.architecture)} spread={spread} />
          <p className="experiment__readout" data-testid="experiment-readout">
            {readout ??
              'Point at a dot, or tab to it, to read its value and interval; every number is in the table.'}
          </p>
          <NumbersTable experiment={experiment} intervals={lines.intervals} />
        </>
      ) : null}
    </section>
  );
}
