// The DAG's words for its nodes and edges name states as the other views do, never by index.
import { describe, expect, it } from 'vitest';

import { TINY } from '../common/tinyExpanded.testdata';
import { dagEdgeLabel, dagNodeLabel } from './dagLabels';

/** The tiny expansion (k = 2) with its one [MASK] as mask 1: states 0-1 are the [CLS] copies, 2-3
 *  the mask's, 4-5 the [SEP] copies. */
const NAMED = {
  ...TINY,
  masks: [{ position: 2 }],
  stateTop: [[{ id: 12, token: 'cat', prob: 0.25 }], [], [], [{ id: 13, token: 'dog', prob: 0.5 }]],
};

describe('dagEdgeLabel', () => {
  it('names both ends as the node labels do, with the probability as the slider reads it', () => {
    expect(dagEdgeLabel(NAMED, 1, 3, 0.42, 2)).toBe('[CLS] · copy 2 → mask 1 · copy 2 (p = 0.420)');
    expect(dagEdgeLabel(NAMED, 2, 5, 0.0049, 2)).toBe(
      'mask 1 · copy 1 → [SEP] · copy 2 (p = 0.005)',
    );
  });

  it('never speaks of states by their index', () => {
    for (let from = 0; from < 6; from++) {
      for (let to = from + 1; to < 6; to++) {
        expect(dagEdgeLabel(NAMED, from, to, 0.5, 2)).not.toMatch(/state/);
      }
    }
  });
});

describe('dagNodeLabel', () => {
  it('gives the name, the top token, the role on the path and what Enter does', () => {
    expect(dagNodeLabel(NAMED, 3, 2, { kind: 'slot', slot: 1 })).toBe(
      'mask 1 · copy 2, top token dog 50.0%, fills slot 1. Press Enter for all its top tokens.',
    );
    expect(dagNodeLabel(NAMED, 0, 2, { kind: 'start' })).toBe(
      '[CLS] · copy 1, top token cat 25.0%, path start. Press Enter for all its top tokens.',
    );
    expect(dagNodeLabel(NAMED, 4, 2, undefined)).toBe(
      '[SEP] · copy 1. Press Enter for all its top tokens.',
    );
  });
});
