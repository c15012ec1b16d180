// The pure parts of the figure export; the DOM parts run in e2e/export.spec.ts.
import { describe, expect, it } from 'vitest';

import { pngScale, presentationAttributes, svgDataUrl, xmlSafe, xmlText } from './exportImage';

const styles =
  (values: Record<string, string>) =>
  (property: string): string =>
    values[property] ?? '';

describe('presentationAttributes', () => {
  it('writes every computed property on the root, inherited ones only where they change', () => {
    const root = styles({ fill: 'rgb(0, 0, 0)', 'font-size': '15px', opacity: '1' });
    expect(presentationAttributes(root, null)).toEqual([
      ['fill', 'rgb(0, 0, 0)'],
      ['font-size', '15px'],
    ]);
    const child = styles({ fill: 'rgb(213, 94, 0)', 'font-size': '15px', opacity: '0.5' });
    expect(presentationAttributes(child, root)).toEqual([
      ['fill', 'rgb(213, 94, 0)'],
      ['opacity', '0.5'],
    ]);
  });
  it('keeps a hidden mark hidden', () => {
    const parent = styles({ visibility: 'visible' });
    expect(presentationAttributes(styles({ visibility: 'hidden' }), parent)).toEqual([
      ['visibility', 'hidden'],
    ]);
  });
});

describe('markup helpers', () => {
  it('replaces what XML 1.0 cannot hold, keeps tabs, line ends and emoji', () => {
    expect(xmlSafe('a\u0000b\u0007c\u001fd\ufffe\ud800e')).toBe(
      'a\ufffdb\ufffdc\ufffdd\ufffd\ufffde',
    );
    expect(xmlSafe('tab\tline\nreturn\r😀')).toBe('tab\tline\nreturn\r😀');
  });
  it('escapes text for elements and attributes', () => {
    expect(xmlText('<b> & "q"')).toBe('&lt;b&gt; &amp; &quot;q&quot;');
  });
  it('makes a data: URL an <img> can load under img-src data:', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"># %</svg>');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(url).not.toMatch(/[#% ](?![0-9A-F]{2})/);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toContain('># %<');
  });
  it('draws PNGs at 2x, less for a figure too big for a canvas', () => {
    expect(pngScale(800, 600)).toBe(2);
    expect(pngScale(0, 0)).toBe(2);
    expect(pngScale(10_000, 100)).toBeCloseTo(1.6384, 6);
    const big = pngScale(8000, 8000);
    expect(big).toBeLessThan(2);
    expect(8000 * big * 8000 * big).toBeLessThanOrEqual(120_000_000 + 1);
  });
});
