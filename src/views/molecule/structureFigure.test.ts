import { describe, expect, it } from 'vitest';

import { hardWrap, structureFigure } from './structureFigure';

const drawing = { width: 100, height: 80, viewBox: '0 0 100 80', body: '<path d="M 0 0 L 1 1"/>' };

describe('hardWrap', () => {
  it('cuts a SMILES without spaces into pieces that fit and joins short words', () => {
    const pieces = hardWrap('C'.repeat(30), 78);
    expect(pieces.map((p) => p.length)).toEqual([10, 10, 10]);
    expect(hardWrap('O  62.0%', 200)).toEqual(['O  62.0%']);
  });
});

describe('structureFigure', () => {
  it('places each drawing with its lines under a heading per row, escaping the text', () => {
    const image = structureFigure([
      {
        heading: 'Mask 1 (was O): its candidates',
        tiles: [
          { svg: drawing, width: 100, height: 80, lines: ['O <1%'] },
          { svg: null, width: 100, height: 80, lines: ['Cl 3.0%'], missing: 'not valid: valence' },
        ],
      },
    ]);
    expect(image.markup.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(image.markup).toContain(
      '<svg x="16" y="40" width="100" height="80" viewBox="0 0 100 80"><path d="M 0 0 L 1 1"/></svg>',
    );
    expect(image.markup).toContain('>O &lt;1%</text>');
    // The missing drawing's reason, wrapped to its box (84 px: ten characters a line).
    expect(image.markup).toContain('>not valid:</text>');
    expect(image.markup).toContain('>valence</text>');
    expect(image.width).toBeGreaterThanOrEqual(16 + 100 + 16 + 100);
    expect(image.markup).not.toContain('style=');
  });

  it('wraps a row that runs past the widest figure', () => {
    const tiles = Array.from({ length: 12 }, () => ({
      svg: drawing,
      width: 200,
      height: 80,
      lines: [],
    }));
    const image = structureFigure([{ heading: 'many', tiles }]);
    expect(image.width).toBeLessThanOrEqual(1100 + 16);
    expect(image.height).toBeGreaterThan(3 * 80);
  });
});
