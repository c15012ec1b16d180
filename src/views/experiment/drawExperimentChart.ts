// D3 drawing of one chart of the mask-ratio experiment into an <svg>: the mask ratio across, a
// value up (accuracy in %, entropy in nats, or the ExLM's lead over its twin in points), a line
// and a point per model and series, and around each line a shaded band, its 95% bootstrap interval
// over the sentences; on the entropy chart of a "my sentence" run, a box (middle half of the
// maskings) and whiskers (all of them) at every ratio. Points are focusable and tell their value
// on hover and focus. Called from ExperimentView's effect only.
import {
  area as d3area,
  axisBottom,
  axisLeft,
  line as d3line,
  scaleLinear,
  type Selection,
} from 'd3';

import { clearSvg } from '../common/clearSvg';
import { type ChartLine, describePoint, type LinePoint } from './experimentData';

export interface ExperimentChartSpec {
  title: string;
  yLabel: string;
  /** The axis runs from about yBottom to about yTop (d3's nice() rounds both outwards). */
  yBottom: number;
  yTop: number;
  yTickFormat: (value: number) => string;
  ratios: readonly number[];
  lines: ChartLine[];
  /** Draw the entropy spread of each point (box and whiskers). */
  showSpread: boolean;
  /** Draw a line at 0 (the difference chart: above it the ExLM is ahead). */
  zeroLine?: boolean;
  /** The point hovered or focused, in words; null when none. */
  onPoint: (description: string | null) => void;
}

export const CHART_SIZE = { width: 440, height: 280 };
const MARGIN = { top: 14, right: 16, bottom: 50, left: 62 };

export function drawExperimentChart(svgElement: SVGSVGElement, spec: ExperimentChartSpec): void {
  const { width, height } = CHART_SIZE;
  const svg = clearSvg(svgElement, width, height);
  svg.attr('role', 'img').attr('aria-label', spec.title);
  const x = scaleLinear()
    .domain([0, Math.max(0.8, ...spec.ratios)])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([spec.yBottom, spec.yTop])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);

  svg
    .append('g')
    .attr('class', 'experiment-axis experiment-axis--x')
    .attr('transform', `translate(0,${height - MARGIN.bottom})`)
    .call(
      axisBottom(x)
        .tickValues([...spec.ratios])
        .tickFormat((v) => `${Math.round(100 * Number(v))}`),
    );
  svg
    .append('text')
    .attr('class', 'experiment-axis__label')
    .attr('x', (MARGIN.left + width - MARGIN.right) / 2)
    .attr('y', height - 10)
    .attr('text-anchor', 'middle')
    .text('Words masked (% of each sentence’s maskable words)');
  svg
    .append('g')
    .attr('class', 'experiment-axis experiment-axis--y')
    .attr('transform', `translate(${MARGIN.left},0)`)
    .call(
      axisLeft(y)
        .ticks(6)
        .tickFormat((v) => spec.yTickFormat(Number(v))),
    );
  svg
    .append('text')
    .attr('class', 'experiment-axis__label')
    .attr('transform', `translate(16,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(spec.yLabel);

  if (spec.zeroLine === true) {
    svg
      .append('line')
      .attr('class', 'experiment-zero')
      .attr('x1', MARGIN.left)
      .attr('x2', width - MARGIN.right)
      .attr('y1', y(0))
      .attr('y2', y(0))
      .style('stroke', 'var(--line)')
      .attr('stroke-width', 1);
  }

  // Bands first, so every line and point lies on top of them.
  const band = d3area<LinePoint>()
    .defined((p) => p.interval !== null)
    .x((p) => x(p.ratio))
    .y0((p) => y(p.interval?.low ?? p.value))
    .y1((p) => y(p.interval?.high ?? p.value));
  svg
    .append('g')
    .attr('class', 'experiment-intervals')
    .selectAll('path')
    .data(spec.lines)
    .join('path')
    .attr('class', 'experiment-interval')
    .attr('data-model', (l) => l.model)
    .attr('data-series', (l) => l.series)
    .style('fill', (l) => l.color)
    .attr('fill-opacity', (l) => (l.dashed ? 0.1 : 0.18))
    .attr('d', (l) => band(l.points));

  if (spec.showSpread) drawSpread(svg.append('g').attr('class', 'experiment-spread'), spec, x, y);

  const path = d3line<LinePoint>()
    .x((p) => x(p.ratio))
    .y((p) => y(p.value));
  svg
    .append('g')
    .attr('class', 'experiment-lines')
    .selectAll('path')
    .data(spec.lines)
    .join('path')
    .attr('class', 'experiment-line')
    .attr('fill', 'none')
    .style('stroke', (l) => l.color)
    .attr('stroke-width', 2.5)
    .attr('stroke-dasharray', (l) => (l.dashed ? '7 4' : null))
    .attr('d', (l) => path(l.points));

  const points = spec.lines.flatMap((l) => l.points.map((p) => ({ line: l, point: p })));
  svg
    .append('g')
    .attr('class', 'experiment-points')
    .selectAll('circle')
    .data(points)
    .join('circle')
    .attr('class', 'experiment-point')
    .attr('data-model', (d) => d.line.model)
    .attr('data-series', (d) => d.line.series)
    .attr('data-ratio', (d) => d.point.ratio)
    .attr('cx', (d) => x(d.point.ratio))
    .attr('cy', (d) => y(d.point.value))
    .attr('r', 5)
    .style('fill', (d) => (d.line.dashed ? 'var(--card)' : d.line.color))
    .style('stroke', (d) => d.line.color)
    .attr('stroke-width', 2)
    .attr('tabindex', 0)
    .attr('aria-label', (d) => describePoint(d.line, d.point))
    .on('mouseenter focus', (_event, d) => spec.onPoint(describePoint(d.line, d.point)))
    .on('mouseleave blur', () => spec.onPoint(null))
    .append('title')
    .text((d) => describePoint(d.line, d.point));
}

/** Per line and ratio: a bar over the middle half of the maskings, whiskers over all of them. */
function drawSpread(
  group: Selection<SVGGElement, unknown, null, undefined>,
  spec: ExperimentChartSpec,
  x: (v: number) => number,
  y: (v: number) => number,
): void {
  const count = Math.max(1, spec.lines.length);
  spec.lines.forEach((l, i) => {
    // Models side by side at each ratio, so the two spreads do not hide each other.
    const shift = (i - (count - 1) / 2) * 9;
    for (const p of l.points) {
      if (p.spread === null) continue;
      const cx = x(p.ratio) + shift;
      group
        .append('line')
        .attr('class', 'experiment-whisker')
        .attr('x1', cx)
        .attr('x2', cx)
        .attr('y1', y(p.spread.min))
        .attr('y2', y(p.spread.max))
        .style('stroke', l.color)
        .attr('stroke-width', 1.5);
      group
        .append('rect')
        .attr('class', 'experiment-band')
        .attr('x', cx - 4)
        .attr('width', 8)
        .attr('y', y(p.spread.q75))
        .attr('height', Math.max(1, y(p.spread.q25) - y(p.spread.q75)))
        .style('fill', l.color)
        .attr('fill-opacity', 0.3)
        .style('stroke', l.color);
    }
  });
}
