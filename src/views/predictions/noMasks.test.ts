import { describe, expect, it } from 'vitest';

import { noMasksFigureLine, noMasksMessage } from './noMasks';

describe('no masks, in the words of the domain', () => {
  it('asks a text model’s user to mask a word in the sentence', () => {
    expect(noMasksMessage('text')).toBe(
      'No masks in this sentence: mask a word to see what the model guesses.',
    );
    expect(noMasksFigureLine('text')).toBe('No masks in this sentence.');
  });

  it('asks a molecule model’s user to mask a SMILES token, never a word', () => {
    const message = noMasksMessage('molecules');
    expect(message).toMatch(/^No masks in this molecule: mask a SMILES token \(an atom, a bond/);
    expect(message).not.toMatch(/sentence|word/);
    expect(noMasksFigureLine('molecules')).toBe('No masks in this molecule.');
  });
});
