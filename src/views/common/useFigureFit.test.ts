import { describe, expect, it } from 'vitest';

import { figureFit } from './useFigureFit';

describe('figureFit', () => {
  it('is the box width in the drawing’s units, a pixel spare', () => {
    expect(figureFit(701, 1)).toEqual({ maxWidth: 700, scale: 1 });
    expect(figureFit(695, 1.34)).toEqual({ maxWidth: 517, scale: 1.34 });
  });

  it('lets a drawing take its own width until the box is measured', () => {
    expect(figureFit(0, 1).maxWidth).toBe(Number.POSITIVE_INFINITY);
    expect(figureFit(Number.NaN, 1.34)).toEqual({
      maxWidth: Number.POSITIVE_INFINITY,
      scale: 1.34,
    });
    expect(figureFit(500, Number.NaN)).toEqual({ maxWidth: 499, scale: 1 });
  });
});
