import { describe, expect, it } from 'vitest';
import { attentionColor, barWidth, edgeOpacity, edgeWidth, linkProbability } from './scales';

describe('scales', () => {
  it('turns log-probabilities into probabilities, -Infinity into 0', () => {
    expect(linkProbability(Math.log(0.25))).toBeCloseTo(0.25, 6);
    expect(linkProbability(-Infinity)).toBe(0);
  });

  it('maps probability linearly to edge width between 1 and 12 px', () => {
    expect(edgeWidth(0)).toBe(1);
    expect(edgeWidth(0.5)).toBe(6.5);
    expect(edgeWidth(1)).toBe(12);
    expect(edgeWidth(3)).toBe(12);
  });

  it('lifts small probabilities in edge opacity with a square root', () => {
    expect(edgeOpacity(0)).toBeCloseTo(0.2, 6);
    expect(edgeOpacity(0.25)).toBeCloseTo(0.6, 6);
    expect(edgeOpacity(1)).toBeCloseTo(1, 6);
  });

  it('colours attention relative to the map maximum', () => {
    expect(attentionColor(0.1, 0.1)).toBe(attentionColor(1, 1));
    expect(attentionColor(0, 0.5)).not.toBe(attentionColor(0.5, 0.5));
    expect(attentionColor(0.3, 0)).toBe(attentionColor(0, 1));
  });

  it('sizes probability bars', () => {
    expect(barWidth(0.25, 80)).toBe(20);
    expect(barWidth(-1, 80)).toBe(0);
  });
});
