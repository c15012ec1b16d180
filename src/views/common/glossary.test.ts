import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import {
  definitionOf,
  GLOSSARY,
  GLOSSARY_IDS,
  type GlossaryEntry,
  type GlossaryId,
} from './glossary';
import { Term } from './Term';

/** The terms the views explain. Typed as GlossaryId: a term missing from the glossary fails the
 *  type check here, as a <Term id> in a view does. */
const TERMS_THE_VIEWS_USE: readonly GlossaryId[] = [
  'nats',
  'entropy',
  'joint-fill',
  'slot',
  'expanded-state',
  'copy',
  'position',
  'dag',
  'link',
  'path',
  'attention',
  'layer',
  'head',
  'top-k',
  'accuracy',
  'mlm-twin',
  'exlm',
  'mask',
  'marginal',
];

// @ts-expect-error: the ids are a closed union, not any string
const notATerm: GlossaryId = 'perplexity';

/** Sentences of a definition: a stop followed by a space and a capital, digit or bracket. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z0-9[('"])/);
}

describe('glossary', () => {
  it('defines every term the views use, and nothing twice', () => {
    for (const id of TERMS_THE_VIEWS_USE) expect(GLOSSARY_IDS).toContain(id);
    expect(new Set(GLOSSARY_IDS.map((id) => GLOSSARY[id].term)).size).toBe(GLOSSARY_IDS.length);
    expect(GLOSSARY_IDS).not.toContain(notATerm);
  });

  it('explains each term in two or three sentences', () => {
    for (const id of GLOSSARY_IDS) {
      const { term, definition } = GLOSSARY[id];
      expect(term.trim(), id).not.toBe('');
      expect(definition.trim(), id).not.toBe('');
      expect(definition, id).toMatch(/[.)]$/);
      const count = sentences(definition).length;
      expect(count, `${id}: ${count} sentences`).toBeGreaterThanOrEqual(2);
      expect(count, `${id}: ${count} sentences`).toBeLessThanOrEqual(3);
    }
  });

  it('states entropy as a pick among e^H words', () => {
    expect(GLOSSARY.entropy.definition).toContain('a fair pick among e^H words');
  });

  it('speaks of molecules and SMILES tokens in molecule mode, never of sentences or words', () => {
    for (const id of GLOSSARY_IDS) {
      const entry: GlossaryEntry = GLOSSARY[id];
      const molecules = definitionOf(id, 'molecules');
      expect(molecules, id).not.toMatch(/sentence|\bwords?\b/);
      expect(definitionOf(id, 'text'), id).toBe(entry.definition);
      if (entry.molecules === undefined) expect(molecules, id).toBe(entry.definition);
      else {
        expect(molecules, id).toMatch(/[.)]$/);
        const count = sentences(molecules).length;
        expect(count, `${id}: ${count} sentences`).toBeGreaterThanOrEqual(2);
        expect(count, `${id}: ${count} sentences`).toBeLessThanOrEqual(3);
      }
    }
    expect(definitionOf('entropy', 'molecules')).toContain('a fair pick among e^H SMILES tokens');
    expect(definitionOf('mask', 'molecules')).toMatch(/atom .* bond .* branch .* ring digit/);
  });
});

describe('<Term>', () => {
  it('is a button described by its definition, shown in a tooltip only when opened', () => {
    const html = renderToStaticMarkup(createElement(Term, { id: 'entropy' }, 'entropy'));
    const describedBy = /<button[^>]*aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(describedBy).toBeDefined();
    expect(html).toContain(`role="tooltip" id="${describedBy}"`);
    expect(html).toMatch(/<span role="tooltip"[^>]*hidden=""/);
    expect(html).toContain('type="button"');
    expect(html).toContain('>entropy</button>');
    expect(html).toContain(GLOSSARY.entropy.definition);
  });

  it('shows the glossary name when given no words', () => {
    const html = renderToStaticMarkup(createElement(Term, { id: 'mlm-twin' }));
    expect(html).toContain('>MLM twin</button>');
  });
});
