// What each state on the Viterbi path does: the path starts at the first [CLS] copy, visits one
// state per masked slot (any state, not necessarily a copy of that slot's [MASK]) and ends at the
// last [SEP] copy. The views print this role next to the state.

export type PathRole = { kind: 'start' } | { kind: 'end' } | { kind: 'slot'; slot: number };

/** Role of each state on the path, keyed by state index; states off the path are absent.
 *  Slots are numbered from 1, left to right, as the predictions view numbers them. */
export function pathRoles(path: Int32Array): Map<number, PathRole> {
  const roles = new Map<number, PathRole>();
  path.forEach((state, i) => {
    if (i === 0) roles.set(state, { kind: 'start' });
    else if (i === path.length - 1) roles.set(state, { kind: 'end' });
    else roles.set(state, { kind: 'slot', slot: i });
  });
  return roles;
}

/** Short text for a role: "path start", "fills slot 2", "path end". */
export function describePathRole(role: PathRole): string {
  switch (role.kind) {
    case 'start':
      return 'path start';
    case 'end':
      return 'path end';
    case 'slot':
      return `fills slot ${role.slot}`;
  }
}
