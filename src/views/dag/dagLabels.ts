// What the DAG says of its nodes and edges in words: the accessible label of a node and the tooltip
// of an edge. They name states as every view does (labels.ts: "mask 2 · copy 3", "[SEP] · copy 1"),
// never by their index in the list of states, which the page shows nowhere else. Pure, so the
// strings are unit tested.
import type { Analysis } from '../../model/types';
import { formatPercent, formatWeight } from '../common/format';
import { type NamedAnalysis, stateName } from '../common/labels';
import { type PathRole, describePathRole } from '../common/pathRoles';

type NamedStates = NamedAnalysis & Pick<Analysis, 'states'>;

/** A node's accessible label: its name, its top token, its role on the best path, what Enter does. */
export function dagNodeLabel(
  analysis: NamedStates & Pick<Analysis, 'stateTop'>,
  state: number,
  copies: number,
  role: PathRole | undefined,
): string {
  const top = analysis.stateTop[state]?.[0];
  return (
    stateName(analysis, state, copies).full +
    (top ? `, top token ${top.token} ${formatPercent(top.prob)}` : '') +
    (role ? `, ${describePathRole(role)}` : '') +
    '. Press Enter for all its top tokens.'
  );
}

/** An edge's tooltip: "mask 1 · copy 3 → mask 2 · copy 1 (p = 0.420)", its probability written
 *  as the threshold slider ("Hide edges below p =") reads it. */
export function dagEdgeLabel(
  analysis: NamedStates,
  from: number,
  to: number,
  prob: number,
  copies: number,
): string {
  const name = (state: number) => stateName(analysis, state, copies).full;
  return `${name(from)} → ${name(to)} (p = ${formatWeight(prob)})`;
}
