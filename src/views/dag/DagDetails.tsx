import type { BarScale } from '../../core/defaults';
import type { Analysis } from '../../model/types';
import { formatNats, formatPercent } from '../common/format';
import { formatPosition, stateName } from '../common/labels';
import type { PathRole } from '../common/pathRoles';
import { describePathRole } from '../common/pathRoles';
import { barWidth } from '../common/scales';
import { Term } from '../common/Term';
import { slotProbabilities, strongestSuccessors } from './stateDetails';

interface DagDetailsProps {
  analysis: Analysis;
  state: number;
  /** Copies per expanded token (k), for the copy index. */
  copies: number;
  role: PathRole | undefined;
  onClose: () => void;
  /** Bars out of 100% or scaled to the state's top token. */
  barScale: BarScale;
}

/** How many successors the panel lists. */
const SUCCESSORS_SHOWN = 3;

/** The full top-k of one state, the slots likely to use it and where the DAG goes next. */
export function DagDetails({ analysis, state, copies, role, onClose, barScale }: DagDetailsProps) {
  const expandedIndex = analysis.states[state] ?? 0;
  const pos1 = analysis.expanded.pos1[expandedIndex] ?? 0;
  const pos2 = analysis.expanded.pos2[expandedIndex] ?? 0;
  const top = analysis.stateTop[state] ?? [];
  const best = top[0]?.prob ?? 1;
  const slots = slotProbabilities(analysis, state);
  const successors = strongestSuccessors(analysis, state, SUCCESSORS_SHOWN);
  return (
    <aside
      className="dag-details"
      aria-label={`Details of ${stateName(analysis, state, copies).full}`}
    >
      <header className="dag-details__header">
        <h3>
          {stateName(analysis, state, copies).full}{' '}
          <span className="dag-details__muted">
            at <Term id="position">{formatPosition(pos1, pos2)}</Term>
          </span>
        </h3>
        <button type="button" onClick={onClose} aria-label="Close the state details">
          ×
        </button>
      </header>
      <p className="dag-details__muted">
        State {state} · <Term id="entropy">entropy</Term>{' '}
        {formatNats(analysis.stateEntropy[state] ?? Number.NaN)}
        {role ? ` · ${describePathRole(role)}` : ' · not on the best path'}
      </p>
      <table className="dag-details__top">
        <caption>Top {top.length} tokens of this state</caption>
        <tbody>
          {top.map((t) => (
            <tr key={t.id}>
              <th scope="row">{t.token}</th>
              <td className="dag-details__bar-cell">
                <svg width={120} height={14} aria-hidden="true">
                  <rect width={barWidth(t.prob, 120, barScale, best)} height={14} rx={2} />
                </svg>
              </td>
              <td className="dag-details__num">{formatPercent(t.prob)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {slots.length > 0 && (
        <p>
          Chance that <Term id="slot">slot</Term> i uses this state:{' '}
          {slots.map((p, i) => `slot ${i + 1} ${formatPercent(p)}`).join(', ')}
        </p>
      )}
      {successors.length > 0 ? (
        <p>
          Most likely next states (<Term id="link">links</Term>):{' '}
          {successors
            .map(
              (s) =>
                `${stateName(analysis, s.state, copies).full} (state ${s.state}) ${formatPercent(s.prob)}`,
            )
            .join(', ')}
        </p>
      ) : (
        <p className="dag-details__muted">No outgoing transitions: this is the last state.</p>
      )}
    </aside>
  );
}
