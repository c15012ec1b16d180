import { describe, expect, it } from 'vitest';
import {
  attentionColor,
  barFraction,
  barScaleNote,
  barWidth,
  edgeOpacity,
  edgeWidth,
  linkProbability,
} from './scales';

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

  it('sizes probability bars on the absolute scale by default: the track is 0-100%', () => {
    expect(barWidth(0.25, 80)).toBe(20);
    expect(barWidth(-1, 80)).toBe(0);
    expect(barWidth(3, 80)).toBe(80);
    expect(barWidth(Number.NaN, 80)).toBe(0);
    // A 3% top guess draws a 3% bar, not a full one, whatever the other guesses.
    expect(barFraction(0.03)).toBe(0.03);
    expect(barFraction(0.03, 'absolute', 0.03)).toBe(0.03);
    expect(barWidth(0.03, 200, 'absolute', 0.03)).toBeCloseTo(6, 10);
  });

  it('scales bars to the top guess only on the relative scale', () => {
    expect(barFraction(0.03, 'relative', 0.03)).toBe(1);
    expect(barFraction(0.015, 'relative', 0.03)).toBeCloseTo(0.5, 10);
    expect(barWidth(0.01, 120, 'relative', 0.04)).toBeCloseTo(30, 10);
    // Never past the track, never from a top of 0.
    expect(barFraction(0.5, 'relative', 0.25)).toBe(1);
    expect(barFraction(0.1, 'relative', 0)).toBe(0);
  });

  it('says what the bars mean on each scale', () => {
    expect(barScaleNote('absolute')).toContain('out of 100%');
    expect(barScaleNote('relative')).toContain('scaled to the top guess');
  });
});
