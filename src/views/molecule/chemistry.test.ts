// RDKit's MinimalLib (the page's chemistry library) in Node: its verdicts on a golden list of
// SMILES are those of training/smiles_validity.py on Debian's RDKit, so "valid" means the same in
// the page and in the evaluation; its refusals come with a reason in words; its drawings highlight
// the atoms and bonds asked for, in markup the page's policy accepts.
//
// The golden verdicts (testdata/validity-golden.json) are rewritten from its SMILES with:
//   /usr/bin/python3 -c 'import json,sys,rdkit; from training.smiles_validity import is_valid_smiles as v; p=sys.argv[1]; d=json.load(open(p)); d["rdkit"]=rdkit.__version__; [c.update(valid=v(c["smiles"])) for c in d["cases"]]; json.dump(d,open(p,"w"),indent=2)' src/views/molecule/testdata/validity-golden.json
// and then `npx prettier --write` on the file.
import initRDKitModule from '@rdkit/rdkit';
import { beforeAll, describe, expect, it } from 'vitest';

import { type Rdkit, checkSmiles, drawSmiles } from './chemistry';
import golden from './testdata/validity-golden.json';

let rdkit: Rdkit;

beforeAll(async () => {
  rdkit = await initRDKitModule();
});

const DRAW = { width: 240, height: 180, colour: [1, 0.8, 0.4] as const, minFontSize: 15 };

describe('checkSmiles', () => {
  it('agrees with training/smiles_validity.py on every golden SMILES', () => {
    expect(golden.cases.length).toBeGreaterThan(40);
    expect(golden.cases.some((c) => c.valid)).toBe(true);
    expect(golden.cases.some((c) => !c.valid)).toBe(true);
    const disagreements = golden.cases
      .map((c) => ({ ...c, page: checkSmiles(rdkit, c.smiles).valid }))
      .filter((c) => c.page !== c.valid);
    expect(disagreements).toEqual([]);
  });

  it.each([
    ['C1CC', /^ring not closed/],
    ['CC(C', /^branch not closed/],
    ['CC)C', /closes no branch/],
    ['C(C)(C)(C)(C)C', /^valence: C \(atom 1\) would have 5 bonds/],
    ['CCO(C)C', /^valence: O \(atom 3\) would have 3 bonds/],
    ['c1ccnc1', /^aromatic ring .* \(atoms 1, 2, 3, 4, 5\)/],
    ['Cc', /^aromatic atom outside a ring \(atom 2\)/],
    ['C11', /^ring closure 1 closes on the atom it opened at/],
    ['C12CC12', /^ring closure 2 repeats the bond between atoms 1 and 3/],
    ['CC(=)C', /^syntax error at character 5/],
    ['CC(=O)[MASK]', /holds \[MASK\]/],
    ['C C', /space/],
    ['', /^empty/],
  ])('says why %j is not a molecule', (smiles, reason) => {
    const verdict = checkSmiles(rdkit, smiles);
    expect(verdict.valid).toBe(false);
    if (!verdict.valid) expect(verdict.reason).toMatch(reason);
  });

  it('keeps no refusal for the next SMILES', () => {
    expect(checkSmiles(rdkit, 'C1CC').valid).toBe(false);
    expect(checkSmiles(rdkit, 'C1CC1')).toEqual({ valid: true });
  });
});

describe('drawSmiles', () => {
  it('draws the highlighted atom and bond in the highlight colour, without style attributes', () => {
    // Aspirin's last O is atom 12; the C=O bond before it joins atoms 10 and 11.
    const svg = drawSmiles(rdkit, 'CC(=O)Oc1ccccc1C(=O)O', {
      ...DRAW,
      atoms: [12],
      bonds: [[10, 11]],
    });
    expect(svg).not.toBeNull();
    if (svg === null) return;
    expect(svg.width).toBe(240);
    expect(svg.height).toBe(180);
    expect(svg.body).not.toContain('style=');
    // RDKit writes the highlight colour as hex: [1, 0.8, 0.4] is #FFCC66.
    expect(svg.body).toMatch(/<ellipse [^>]*class="rdkit-atom-12"[^>]*fill="#FFCC66"/i);
    expect(svg.body).toMatch(
      /class="rdkit-bond-10 rdkit-atom-10 rdkit-atom-11"[^>]*fill="#FFCC66"/i,
    );
    expect(svg.body.match(/fill="#FFCC66"/gi)).toHaveLength(2);
  });

  it('numbers atoms in the order the SMILES writes them, explicit [H] atoms included', () => {
    // The C is atom 1: with the [H] atoms removed it would be atom 0.
    const svg = drawSmiles(rdkit, '[H]C([H])([H])O', { ...DRAW, atoms: [1], bonds: [] });
    expect(svg?.body).toMatch(/<ellipse [^>]*class="rdkit-atom-1"/);
  });

  it('draws nothing for a SMILES RDKit does not read', () => {
    expect(drawSmiles(rdkit, 'C1CC', { ...DRAW, atoms: [], bonds: [] })).toBeNull();
  });
});
