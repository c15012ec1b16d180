import { describe, expect, it } from 'vitest';
import { slotProbabilities, strongestSuccessors } from './stateDetails';

// Three states, two slots; state 0 links to 1 (0.2) and 2 (0.8), state 1 to 2 (1).
const links = new Float32Array(9).fill(-Infinity);
links[1] = Math.log(0.2);
links[2] = Math.log(0.8);
links[5] = 0;
const analysis = {
  states: Int32Array.from([0, 1, 2]),
  links,
  gamma: Float32Array.from([0, 0.9, 0.1, 0, 0.1, 0.9]),
  masks: [
    { position: 1, top: [], entropy: 0 },
    { position: 2, top: [], entropy: 0 },
  ],
};

describe('state details', () => {
  it('reads gamma of one state for every slot', () => {
    const probs = slotProbabilities(analysis, 1);
    expect(probs[0]).toBeCloseTo(0.9, 6);
    expect(probs[1]).toBeCloseTo(0.1, 6);
  });

  it('lists the strongest successors first', () => {
    expect(
      strongestSuccessors(analysis, 0, 5).map((s) => [s.state, Number(s.prob.toFixed(3))]),
    ).toEqual([
      [2, 0.8],
      [1, 0.2],
    ]);
    expect(strongestSuccessors(analysis, 0, 1).length).toBe(1);
    expect(strongestSuccessors(analysis, 2, 5)).toEqual([]);
  });
});
