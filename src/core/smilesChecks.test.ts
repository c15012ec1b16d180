import { describe, expect, it } from 'vitest';

import { checkSmiles, checkVocabulary } from './smilesChecks';

const ids = (text: string, limitTokens: number | null = 128) =>
  checkSmiles(text, { limitTokens }).map((c) => c.id);
const only = (text: string) => {
  const checks = checkSmiles(text, { limitTokens: 128 });
  expect(checks).toHaveLength(1);
  return checks[0]!;
};

describe('checkSmiles', () => {
  it('finds nothing wrong with well-formed molecules', () => {
    for (const smiles of [
      'CC(=O)Oc1ccccc1C(=O)O',
      'CN1C=NC2=C1C(=O)N(C(=O)N2C)C',
      '[nH]1cccc1',
      'C1CC2CCC1C2',
      'CC(C)(C)C%10CC%10',
      '[13CH3][C@@H](N)C(=O)[O-].[Na+]',
      '[Xe]',
      'c1ccc2c(c1)[se]c1ccccc12',
    ]) {
      expect(ids(smiles), smiles).toEqual([]);
    }
  });

  it('says an empty input is empty, and blocks the analysis', () => {
    for (const text of ['', '   \n']) {
      const check = only(text);
      expect(check.id).toBe('empty');
      expect(check.blocking).toBe(true);
      expect(check.message).toMatch(/SMILES is empty. Type or paste a molecule/);
    }
  });

  it('finds an unbalanced parenthesis and names the token', () => {
    const open = only('CC(=O');
    expect(open).toMatchObject({ id: 'open-branch', blocking: false, tokens: [2] });
    expect(open.message).toMatch(/3rd token, “\(”, is never closed: add a “\)”/);
    const stray = only('CC)O');
    expect(stray).toMatchObject({ id: 'stray-close', tokens: [2] });
    expect(stray.message).toMatch(/closes a branch that was never opened/);
  });

  it('finds a ring closure that never closes or comes before any atom', () => {
    const unclosed = only('c1ccccc');
    expect(unclosed).toMatchObject({ id: 'ring-unclosed', tokens: [1] });
    expect(unclosed.message).toMatch(/Ring bond “1” opened by the 2nd token is never closed/);
    expect(only('C%12CC').message).toMatch(/Ring bond “%12”/);
    expect(only('1CC1').id).toBe('ring-without-atom');
    expect(ids('1CC')).toEqual(['ring-without-atom']);
    // Digits inside a bracket atom are its isotope or charge, not ring bonds.
    expect(ids('[13C][Fe+2]')).toEqual([]);
  });

  it('lets a typed [MASK] stand for the token that is missing', () => {
    expect(ids('c1cccc[MASK]')).toEqual([]);
    expect(ids('CC([MASK]')).toEqual([]);
    expect(ids('CC([MASK]C1')).toEqual(['open-branch', 'ring-unclosed']);
  });

  it('finds characters that are not SMILES and bracket atoms that name no element', () => {
    const unknown = only('CXx');
    expect(unknown).toMatchObject({ id: 'unknown-character', blocking: false, tokens: [1, 2] });
    expect(unknown.message).toMatch(
      /“X”, “x” are not SMILES .* write any other element in brackets/,
    );
    const element = only('C[Zz]C');
    expect(element).toMatchObject({ id: 'unknown-element', tokens: [1] });
    expect(element.message).toMatch(/2nd token, “\[Zz\]”, names no chemical element/);
    expect(ids('[Cq]')).toEqual(['unknown-element']);
    // An invisible character is named by its code, never pasted into the message as it is.
    expect(only('C\u200bC').message).toMatch(/^“⟨U\+200B⟩” is not SMILES \(the 2nd token\)/);
    expect(ids('[Co][Cs][Sc][Os]')).toEqual([]);
  });

  it('says pasted text is not a SMILES and blocks the analysis', () => {
    const sentence = only('the cat sat on the mat');
    expect(sentence).toMatchObject({ id: 'prose', blocking: true });
    expect(sentence.message).toMatch(/looks like text, not a SMILES: it has spaces/);
    expect(sentence.message).toMatch(/switch to Text/);
    expect(only('aspirin').message).toMatch(/“aspirin” is a word/);
    expect(only('benzene').id).toBe('prose');
    // A typo in a molecule is not a word: its characters are named instead.
    expect(ids('CXxC')).toEqual(['unknown-character']);
    expect(only('NaCl').message).toMatch(/“a” is not SMILES/);
    expect(ids('CCO CCO')).toEqual(['prose']);
  });

  it("holds a SMILES to the model's length limit once a model is known", () => {
    const long = 'C'.repeat(127);
    expect(ids(long, null)).toEqual([]);
    expect(ids('C'.repeat(126), 128)).toEqual([]);
    const check = only(long);
    expect(check).toMatchObject({ id: 'too-long', blocking: true });
    expect(check.message).toMatch(/127 tokens; the model reads at most 126 \(128 with \[CLS\]/);
  });
});

describe('checkVocabulary', () => {
  it('names the SMILES tokens the model read as [UNK]', () => {
    const check = checkVocabulary('C[Xe]C', ['[CLS]', 'C', '[UNK]', 'C', '[SEP]']);
    expect(check).toMatchObject({ id: 'unknown-token', blocking: false, tokens: [1] });
    expect(check?.message).toMatch(
      /never seen “\[Xe\]” \(the 2nd token\): it is not in its vocabulary/,
    );
  });

  it('leaves out masks and characters that are not SMILES (checkSmiles names those)', () => {
    expect(checkVocabulary('CC', ['[CLS]', 'C', '[MASK]', '[SEP]'])).toBeNull();
    expect(checkVocabulary('CX', ['[CLS]', 'C', '[UNK]', '[SEP]'])).toBeNull();
  });
});
