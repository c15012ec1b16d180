import { describe, expect, it } from 'vitest';
import { TINY } from '../common/tinyExpanded.testdata';
import {
  DEFAULT_DAG_GEOMETRY,
  edgeKey,
  edgePathData,
  fitDagGeometry,
  hasTransitions,
  layoutDag,
  pathEdgeKeys,
  strongestEdges,
  visibleEdges,
} from './dagLayout';

const G = {
  ...DEFAULT_DAG_GEOMETRY,
  nodeWidth: 100,
  nodeHeight: 40,
  columnGap: 150,
  rowGap: 60,
  marginLeft: 80,
  marginTop: 30,
  marginBottom: 60,
};

/** Links among 3 states: 0 -> 1 (0.7), 0 -> 2 (0.3), 1 -> 2 (1); every other pair has no edge. */
function threeStateLinks(): Float32Array {
  const links = new Float32Array(9).fill(-Infinity);
  links[1] = Math.log(0.7);
  links[2] = Math.log(0.3);
  links[5] = 0;
  return links;
}

describe('layoutDag', () => {
  it('puts one column per expanded token and stacks its copies', () => {
    const layout = layoutDag(TINY, G);
    expect(layout.columns.map((c) => [c.token, c.x, c.contextBefore])).toEqual([
      ['[CLS]', 130, ''],
      ['[MASK]', 280, 'the'],
      ['[SEP]', 430, 'sat'],
    ]);
    expect(layout.nodes.map((n) => [n.state, n.column, n.copy, n.x, n.y])).toEqual([
      [0, 0, 1, 130, 50],
      [1, 0, 2, 130, 110],
      [2, 1, 1, 280, 50],
      [3, 1, 2, 280, 110],
      [4, 2, 1, 430, 50],
      [5, 2, 2, 430, 110],
    ]);
    expect(layout.rows).toBe(2);
    // Room on the right for the arc between copies 1 and 2 of [SEP]: 28 + 14 px, plus 8.
    expect(layout.width).toBe(80 + 2 * 150 + 100 + 42 + 8);
    expect(layout.height).toBe(30 + 60 + 40 + 60);
  });
});

describe('visibleEdges', () => {
  it('keeps edges at or above the threshold, sorted weakest first', () => {
    const edges = visibleEdges(threeStateLinks(), 3, 0.3, Int32Array.from([]));
    expect(edges.map((e) => [e.from, e.to, Number(e.prob.toFixed(3))])).toEqual([
      [0, 2, 0.3],
      [0, 1, 0.7],
      [1, 2, 1],
    ]);
    expect(visibleEdges(threeStateLinks(), 3, 0.5, Int32Array.from([])).length).toBe(2);
  });

  it('always keeps the path edges, drawn last', () => {
    const edges = visibleEdges(threeStateLinks(), 3, 0.9, Int32Array.from([0, 2]));
    expect(edges.map((e) => [e.from, e.to, e.onPath])).toEqual([
      [1, 2, false],
      [0, 2, true],
    ]);
  });

  it('draws nothing for the MLM twin, whose links are all -Infinity', () => {
    const none = new Float32Array(9).fill(-Infinity);
    expect(visibleEdges(none, 3, 0, Int32Array.from([]))).toEqual([]);
    expect(hasTransitions(none)).toBe(false);
    expect(hasTransitions(threeStateLinks())).toBe(true);
  });

  it('rejects links of the wrong size', () => {
    expect(() => visibleEdges(new Float32Array(8), 3, 0, Int32Array.from([]))).toThrow(
      /expected 3² = 9/,
    );
  });
});

describe('strongestEdges', () => {
  it('keeps the path and the most probable others, in drawing order', () => {
    const edges = visibleEdges(threeStateLinks(), 3, 0, Int32Array.from([0, 2]));
    expect(strongestEdges(edges, 1).map((e) => [e.from, e.to])).toEqual([
      [1, 2],
      [0, 2],
    ]);
    expect(strongestEdges(edges, 5)).toBe(edges);
  });
});

describe('path edges', () => {
  it('keys consecutive path states', () => {
    expect([...pathEdgeKeys(Int32Array.from([0, 3, 5]), 6)]).toEqual([
      edgeKey(0, 3, 6),
      edgeKey(3, 5, 6),
    ]);
    expect(edgeKey(3, 5, 6)).toBe(23);
  });
});

describe('edgePathData', () => {
  it('curves from the right side of one column to the left side of the next', () => {
    const [a, , b] = layoutDag(TINY, G).nodes;
    if (!a || !b) throw new Error('layout lost nodes');
    expect(edgePathData(a, b, G)).toBe('M180,50 C205,50 205,50 230,50');
  });

  it('bulges to the right between copies of one column', () => {
    const [a, b] = layoutDag(TINY, G).nodes;
    if (!a || !b) throw new Error('layout lost nodes');
    expect(edgePathData(a, b, G)).toBe('M180,50 C222,50 222,110 180,110');
  });
});

describe('fitDagGeometry', () => {
  // TINY: three columns, two copies. At G: 80 + 2 * 150 + 100 + arcBulge(1) = 42 + 8 = 530 wide.
  it('leaves a DAG that fits as it is', () => {
    expect(layoutDag(TINY, G).width).toBe(530);
    expect(fitDagGeometry(TINY, G, 530)).toBe(G);
    expect(fitDagGeometry(TINY, G, Number.POSITIVE_INFINITY)).toBe(G);
  });

  it('draws the columns closer to fit a narrower panel', () => {
    const fitted = fitDagGeometry(TINY, G, 520);
    expect(fitted.columnGap).toBe(145);
    expect(layoutDag(TINY, fitted).width).toBe(520);
  });

  it('keeps a node and room for the edges between columns', () => {
    const fitted = fitDagGeometry(TINY, G, 200);
    expect(fitted.columnGap).toBe(G.nodeWidth + 40);
    expect(layoutDag(TINY, fitted).width).toBeGreaterThan(200);
  });
});
