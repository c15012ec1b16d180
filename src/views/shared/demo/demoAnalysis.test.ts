// The demo data must keep the invariants of a real Analysis, or the demo would hide bugs.
import { describe, expect, it } from 'vitest';
import { groupExpandedPositions } from '../expandedGroups';
import { DEMO_VARIANTS, demoAnalysis } from './demoSpecs';

describe('demo analyses', () => {
  for (const variant of DEMO_VARIANTS) {
    it(`${variant}: shapes agree with docs/design.md`, () => {
      const a = demoAnalysis(variant);
      const groups = groupExpandedPositions(a.expanded, a.tokens);
      const k = Math.max(...groups.map((g) => g.count));
      const M = a.masks.length;
      const L = a.states.length;
      expect(L).toBe(k * (M + 2));
      expect(a.expanded.pos1.length).toBe(a.tokens.length + (k - 1) * (M + 2));
      expect(a.links.length).toBe(L * L);
      expect(a.gamma.length).toBe(M * L);
      expect(a.fill.path.length).toBe(M + 2);
      expect(a.fill.path[0]).toBe(0);
      expect(a.fill.path[M + 1]).toBe(L - 1);
      // Every row of links that has successors sums to 1, every gamma row too.
      for (let s = 0; s < L - 1 && k > 1; s++) {
        const row = Array.from(a.links.subarray(s * L, (s + 1) * L));
        expect(row.reduce((sum, l) => sum + Math.exp(l), 0)).toBeCloseTo(1, 4);
      }
      for (let i = 0; i < M; i++) {
        const row = Array.from(a.gamma.subarray(i * L, (i + 1) * L));
        expect(row.reduce((sum, g) => sum + g, 0)).toBeCloseTo(1, 4);
      }
    });
  }
});
