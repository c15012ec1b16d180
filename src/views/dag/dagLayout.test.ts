import { describe, expect, it } from 'vitest';
import { TINY as TINY_EXPANSION } from '../common/tinyExpanded.testdata';
import {
  arcBulge,
  type DagGeometry,
  type DagInput,
  DEFAULT_DAG_STYLE,
  edgeKey,
  edgePathData,
  fitDag,
  fitDagGeometry,
  groupLabel,
  hasTransitions,
  layoutDag,
  pathEdgeKeys,
  PRESENTATION_DAG_STYLE,
  strongestEdges,
  visibleEdges,
} from './dagLayout';

/** "[CLS] the [MASK] sat [SEP]", k = 2, its [MASK] as mask 1. */
const TINY: DagInput = { ...TINY_EXPANSION, masks: [{ position: 2 }] };

const G: DagGeometry = {
  ...DEFAULT_DAG_STYLE.across,
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
    expect(layout.flow).toBe('across');
    expect(layout.groups.map((c) => [c.label, c.x, c.y, c.contextBefore])).toEqual([
      ['[CLS] @0', 130, 50, ''],
      ['mask 1 @2', 280, 50, 'the'],
      ['[SEP] @4', 430, 50, 'sat'],
    ]);
    expect(layout.nodes.map((n) => [n.state, n.group, n.copy, n.x, n.y])).toEqual([
      [0, 0, 1, 130, 50],
      [1, 0, 2, 130, 110],
      [2, 1, 1, 280, 50],
      [3, 1, 2, 280, 110],
      [4, 2, 1, 430, 50],
      [5, 2, 2, 430, 110],
    ]);
    expect(layout.copies).toBe(2);
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

/** TINY laid out down, in a geometry whose numbers are easy to follow by hand. */
const D: DagGeometry = {
  ...DEFAULT_DAG_STYLE.down,
  nodeWidth: 100,
  nodeHeight: 40,
  columnGap: 130,
  rowGap: 90,
  marginLeft: 60,
  marginTop: 50,
  fontSize: 10,
};

describe('layoutDag down', () => {
  it('puts one row per expanded token, its copies side by side', () => {
    const layout = layoutDag(TINY, D);
    expect(layout.flow).toBe('down');
    // The longest label, "mask 1 @2", is 9 characters: ceil(9 * 0.72 * 10) + 2 * 8 = 81 > 60.
    expect(layout.marginLeft).toBe(81);
    expect(layout.groups.map((g) => [g.label, g.x, g.y, g.contextBefore])).toEqual([
      ['[CLS] @0', 131, 70, ''],
      ['mask 1 @2', 131, 160, 'the'],
      ['[SEP] @4', 131, 250, 'sat'],
    ]);
    expect(layout.nodes.map((n) => [n.state, n.group, n.copy, n.x, n.y])).toEqual([
      [0, 0, 1, 131, 70],
      [1, 0, 2, 261, 70],
      [2, 1, 1, 131, 160],
      [3, 1, 2, 261, 160],
      [4, 2, 1, 131, 250],
      [5, 2, 2, 261, 250],
    ]);
    expect(layout.width).toBe(81 + 130 + 100 + 8);
    // Room under the last row for the arc between its two copies: arcBulge(1) + 8.
    expect(layout.height).toBe(50 + 2 * 90 + 40 + arcBulge(1) + 8);
  });

  it('keeps the least left margin where the labels are short', () => {
    expect(layoutDag(TINY, { ...D, marginLeft: 100 }).marginLeft).toBe(100);
  });

  it('curves from the bottom of a node to the top of a later row, and arcs under a row', () => {
    const [a, b, c, d] = layoutDag(TINY, D).nodes;
    if (!a || !b || !c || !d) throw new Error('layout lost nodes');
    expect(edgePathData(a, c, D)).toBe('M131,90 C131,115 131,115 131,140');
    expect(edgePathData(a, d, D)).toBe('M131,90 C131,115 261,115 261,140');
    expect(edgePathData(a, b, D)).toBe('M131,90 C131,132 261,132 261,90');
  });

  it('draws the copies closer to fit, down to a node and a small gap', () => {
    expect(fitDagGeometry(TINY, D, 309).columnGap).toBe(120);
    expect(layoutDag(TINY, fitDagGeometry(TINY, D, 309)).width).toBe(309);
    expect(fitDagGeometry(TINY, D, 200).columnGap).toBe(D.nodeWidth + 16);
  });
});

describe('groupLabel', () => {
  it('names a mask by its number and any group by its source position', () => {
    expect(groupLabel('[MASK]', 2, 3)).toBe('mask 2 @3');
    expect(groupLabel('[SEP]', null, 7)).toBe('[SEP] @7');
  });
});

/** A sentence of `tokens` ([CLS] and [SEP] included) expanded as ExLM does: k copies of [CLS],
 *  each [MASK] and [SEP], one entry for any other word; the copies are the states. */
function expansion(tokens: string[], k: number): DagInput {
  const pos1: number[] = [];
  const pos2: number[] = [];
  tokens.forEach((token, position) => {
    const copies = token.startsWith('[') ? k : 1;
    for (let copy = 1; copy <= copies; copy++) {
      pos1.push(position);
      pos2.push(copies === 1 ? 0 : copy);
    }
  });
  const states = pos2.flatMap((copy, index) => (copy > 0 ? [index] : []));
  return {
    tokens,
    expanded: {
      pos1: Int32Array.from(pos1),
      pos2: Int32Array.from(pos2),
      tokenIds: Int32Array.from(pos1.map(() => 0)),
    },
    states: Int32Array.from(states),
    masks: tokens.flatMap((token, position) => (token === '[MASK]' ? [{ position }] : [])),
  };
}

/** "the cat sat on the mat" with `masks` of its words hidden, expanded with k = 4. */
function catSentence(masks: number[]): DagInput {
  const words = 'the cat sat on the mat'
    .split(' ')
    .map((w, i) => (masks.includes(i) ? '[MASK]' : w));
  return expansion(['[CLS]', ...words, '[SEP]'], 4);
}

/** The DAG's panel on an 800-px page in presentation mode, and on a 1,024-px one. */
const PANEL_800 = 694;
const PANEL_1024 = 918;

describe('fitDag', () => {
  it('runs across where the columns fit, closer if need be', () => {
    const { geometry, layout } = fitDag(catSentence([1, 5]), PRESENTATION_DAG_STYLE, PANEL_800);
    expect(geometry.flow).toBe('across');
    expect(layout.width).toBeLessThanOrEqual(PANEL_800);
    expect(fitDag(TINY, DEFAULT_DAG_STYLE, Number.POSITIVE_INFINITY).geometry).toBe(
      DEFAULT_DAG_STYLE.across,
    );
  });

  it('runs down in 20-px type where the columns of up to 4 masks do not fit 800 px', () => {
    for (const masks of [[0], [1, 5], [1, 3, 5], [0, 2, 3, 5], [0, 1, 2, 3]]) {
      for (const panel of [PANEL_800, PANEL_1024]) {
        const { geometry, layout } = fitDag(catSentence(masks), PRESENTATION_DAG_STYLE, panel);
        expect(layout.width, `masks ${masks.join(',')} in ${panel} px`).toBeLessThanOrEqual(panel);
        expect(geometry.fontSize).toBe(20);
      }
    }
    expect(fitDag(catSentence([1, 3, 5]), PRESENTATION_DAG_STYLE, PANEL_800).layout.flow).toBe(
      'down',
    );
    expect(fitDag(catSentence([1, 3, 5]), PRESENTATION_DAG_STYLE, PANEL_1024).layout.flow).toBe(
      'across',
    );
    expect(fitDag(catSentence([0, 2, 3, 5]), PRESENTATION_DAG_STYLE, PANEL_1024).layout.flow).toBe(
      'down',
    );
  });

  it('takes the narrower where neither fits, for the CSS to shrink the least', () => {
    const { layout } = fitDag(catSentence([1, 3, 5]), PRESENTATION_DAG_STYLE, 300);
    expect(layout.flow).toBe('down');
    expect(layout.width).toBeGreaterThan(300);
    // A single token: its one column is narrower than its four copies side by side.
    const lone = expansion(['[CLS]'], 4);
    expect(fitDag(lone, PRESENTATION_DAG_STYLE, 100).layout.flow).toBe('across');
  });
});
