import { describe, expect, it } from 'vitest';
import { describePathRole, pathRoles } from './pathRoles';

describe('pathRoles', () => {
  it('names the start, the slots and the end of the path', () => {
    const roles = pathRoles(Int32Array.from([0, 2, 5, 7]));
    expect([...roles.entries()].map(([state, role]) => [state, describePathRole(role)])).toEqual([
      [0, 'path start'],
      [2, 'fills slot 1'],
      [5, 'fills slot 2'],
      [7, 'path end'],
    ]);
    expect(roles.has(1)).toBe(false);
  });
});
