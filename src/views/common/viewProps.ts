import type { Analysis } from '../../model/types';

/** Props shared by the views that look inside one analysis (states, DAG, attention). Hover is
 *  lifted to the store so that hovering a state in one view highlights it in every other. */
export interface InsideViewProps {
  analysis: Analysis;
  /** Index into `analysis.states` of the hovered state, or null. */
  hoveredState: number | null;
  onHoverState: (state: number | null) => void;
}
