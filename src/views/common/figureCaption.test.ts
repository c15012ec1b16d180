import { describe, expect, it } from 'vitest';

import { captionMarkup, captionSvg, withCaption, wrapLine } from './figureCaption';

const CAPTION = {
  title: 'ExLM Playground · Attention',
  lines: ['Sentence: the cat <sat> on the [MASK] .', 'layer: 2 of 4 · head: head 3'],
};

describe('figure captions', () => {
  it('wrap long lines at spaces', () => {
    expect(wrapLine('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapLine('averylongword x', 5)).toEqual(['averylongword', 'x']);
  });

  it('print the title and every line, escaped', () => {
    const { markup, height } = captionMarkup(CAPTION);
    expect(markup).toContain('>ExLM Playground · Attention</text>');
    expect(markup).toContain('the cat &lt;sat&gt; on the [MASK] .');
    expect(markup).toContain('layer: 2 of 4 · head: head 3');
    expect(markup).not.toContain('linearGradient');
    expect(height).toBeGreaterThan(3 * 18);
  });

  it('draw a colour scale from 0 to its largest value', () => {
    const { markup } = captionMarkup({
      ...CAPTION,
      scale: { max: '0.412', colour: (t) => (t < 0.5 ? '#ffffff' : '#000000'), label: 'largest' },
    });
    expect(markup).toContain('<linearGradient');
    expect(markup).toContain('stop-color="#ffffff"');
    expect(markup).toContain('>0</text>');
    expect(markup).toContain('0.412 · largest');
  });

  it('stack the figure under the caption in one parseable SVG', () => {
    const figure = {
      markup:
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="50" height="40"><rect/></svg>\n',
      width: 50,
      height: 40,
    };
    const image = withCaption(figure, CAPTION, '#ffffff');
    expect(image.width).toBeGreaterThan(50);
    expect(image.height).toBe(40 + image.captionHeight);
    expect(image.markup.match(/<\?xml/g)).toHaveLength(1);
    expect(image.markup).toContain(`<svg x="0" y="${image.captionHeight}" xmlns=`);
    const alone = captionSvg(CAPTION, 900, '#ffffff');
    expect(alone.width).toBe(900);
    expect(alone.height).toBe(image.captionHeight);
  });
});
