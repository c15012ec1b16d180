import { describe, expect, it } from 'vitest';

import { xmlText } from '../common/exportImage';
import { FIGURE_FONT } from '../common/figureCaption';
import { SLOTS_GEOMETRY, slotsFigure } from './slotsFigure';

const analysis = (model: string, tokens: [string, number][]) => ({
  model,
  masks: [
    {
      position: 2,
      top: tokens.map(([token, prob], id) => ({ id, token, prob })),
      entropy: 1.25,
    },
  ],
  fill: {
    path: Int32Array.from([0, 2, 4]),
    tokenIds: Int32Array.from([7]),
    tokens: [tokens[0]?.[0] ?? ''],
    text: `the ${tokens[0]?.[0] ?? ''} sat`,
  },
});

/** The bars' widths, track then fill, in the order drawn. */
const barWidths = (markup: string) =>
  [...markup.matchAll(/<rect x="[^"]+" y="[^"]+" width="([^"]+)" height="12"/g)].map((m) =>
    Number(m[1]),
  );

describe('slotsFigure', () => {
  it('draws one column per model with its fill, and per mask the top-k with bars', () => {
    const figure = slotsFigure({
      heading: 'ExLM against its MLM twin',
      columns: [
        {
          title: 'ExLM',
          analysis: analysis('tiny', [
            ['cat', 0.5],
            ['dog', 0.25],
            ['hat', 0.125],
          ]),
        },
        {
          title: 'MLM',
          analysis: analysis('tiny-mlm', [
            ['dog', 0.8],
            ['cat', 0.1],
          ]),
        },
      ],
      hiddenWords: ['cat'],
      topK: 2,
      barScale: 'absolute',
      domain: 'text',
    });
    const g = SLOTS_GEOMETRY;
    expect(figure.width).toBe(2 * g.margin + 2 * g.columnWidth + g.columnGap);
    expect(figure.markup).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/,
    );
    expect(figure.markup.trim().endsWith('</svg>')).toBe(true);
    // The font of every exported figure, its quoted family escaped for the attribute.
    expect(figure.markup).toContain(`font-family="${xmlText(FIGURE_FONT)}"`);
    expect(figure.markup).toContain('&quot;Segoe UI&quot;');
    for (const piece of [
      'ExLM tiny',
      'MLM tiny-mlm',
      'Fill: the cat sat',
      'Fill: the dog sat',
      'was “cat”',
      'entropy 1.25 nats',
      '50.0%',
      '80.0%',
    ]) {
      expect(figure.markup).toContain(piece);
    }
    // topK = 2: "hat" is not drawn.
    expect(figure.markup).not.toContain('>hat<');
    // Absolute scale: a track of 160 px, filled in proportion to the probability.
    expect(barWidths(figure.markup)).toEqual([160, 80, 160, 40, 160, 128, 160, 16]);
  });

  it('follows the relative bar scale, and says which scale it uses', () => {
    const figure = slotsFigure({
      heading: 'Predictions',
      columns: [
        {
          title: 'ExLM',
          analysis: analysis('tiny', [
            ['cat', 0.5],
            ['dog', 0.25],
          ]),
        },
      ],
      hiddenWords: [null],
      topK: 5,
      barScale: 'relative',
      domain: 'text',
    });
    expect(barWidths(figure.markup)).toEqual([160, 160, 160, 80]);
    expect(figure.markup).toContain('scaled to the top guess');
    expect(figure.markup).not.toContain('was “');
  });

  it('escapes tokens and words, and keeps the file well formed whatever they hold', () => {
    const figure = slotsFigure({
      heading: 'Predictions',
      columns: [
        {
          title: 'ExLM',
          analysis: analysis('tiny', [
            ['<b>&"', 0.5],
            ['\u0000x', 0.25],
          ]),
        },
      ],
      hiddenWords: ['</svg>'],
      topK: 5,
      barScale: 'absolute',
      domain: 'text',
      note: 'a & b',
    });
    expect(figure.markup).toContain('&lt;b&gt;&amp;&quot;');
    expect(figure.markup).toContain('\ufffdx');
    expect(figure.markup).toContain('was “&lt;/svg&gt;”');
    expect(figure.markup).toContain('a &amp; b');
    expect(figure.markup).not.toContain('\u0000');
    expect(figure.markup.match(/<svg/g)).toHaveLength(1);
  });

  it('says when a sentence or a molecule has no masks', () => {
    const empty = { ...analysis('tiny', []), masks: [] };
    const figure = slotsFigure({
      heading: 'Predictions',
      columns: [{ title: 'ExLM', analysis: empty }],
      hiddenWords: [],
      topK: 5,
      barScale: 'absolute',
      domain: 'text',
    });
    expect(figure.markup).toContain('No masks in this sentence.');
    const molecule = slotsFigure({
      heading: 'Predictions',
      columns: [{ title: 'ExLM', analysis: empty }],
      hiddenWords: [],
      topK: 5,
      barScale: 'absolute',
      domain: 'molecules',
    });
    expect(molecule.markup).toContain('No masks in this molecule.');
    expect(molecule.markup).not.toContain('sentence');
  });
});
