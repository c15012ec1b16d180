// The first step of every D3 drawing of an inside view: empty the <svg> the view's effect redraws
// and size it (and its viewBox, so it scales with CSS) to the layout about to be drawn. Its width
// also goes to the CSS variable --figure-width, from which the page's CSS fits the drawing to its
// panel (insideView.css).
import { type Selection, select } from 'd3';

export function clearSvg(
  svgElement: SVGSVGElement,
  width: number,
  height: number,
): Selection<SVGSVGElement, unknown, null, undefined> {
  const svg = select(svgElement);
  svg.selectAll('*').remove();
  return svg
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .style('--figure-width', `${width}px`);
}
