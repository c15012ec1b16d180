// The validity rule on RDKit MinimalLib itself, and on a stand-in RDKit that records what it was
// asked and what it freed. The golden list that pins the rule to training/smiles_validity.py is
// checked through both users of the rule (src/views/molecule/chemistry.test.ts, src/node).
import initRDKitModule, { type MainModule } from '@rdkit/rdkit';
import { beforeAll, describe, expect, it } from 'vitest';

import { type SmilesParser, smilesFault } from './validSmiles';

let rdkit: MainModule;

beforeAll(async () => {
  rdkit = await initRDKitModule();
});

/** A stand-in RDKit: every parse gives a molecule with `atoms` atoms, valid or not. */
function fakeRdkit(valid: boolean, atoms: number) {
  const parsed: string[] = [];
  let freed = 0;
  const parser: SmilesParser = {
    get_mol: (smiles) => {
      parsed.push(smiles);
      return {
        is_valid: () => valid,
        get_num_atoms: () => atoms,
        delete: () => {
          freed += 1;
        },
      };
    },
  };
  return { parser, parsed, freed: () => freed };
}

describe('smilesFault', () => {
  it('passes molecules RDKit sanitizes into atoms', () => {
    for (const smiles of ['CCO', 'c1ccccc1', '[Na+].[Cl-]', 'C1CC1']) {
      expect(smilesFault(rdkit, smiles), smiles).toBeNull();
    }
  });

  it('names what is wrong before RDKit is asked: empty, whitespace, a special token', () => {
    const fake = fakeRdkit(true, 3);
    expect(smilesFault(fake.parser, '')).toEqual({ kind: 'empty' });
    expect(smilesFault(fake.parser, 'CC O')).toEqual({ kind: 'whitespace' });
    expect(smilesFault(fake.parser, 'CC\tO')).toEqual({ kind: 'whitespace' });
    expect(smilesFault(fake.parser, 'CC[MASK]O')).toEqual({
      kind: 'special-token',
      token: '[MASK]',
    });
    expect(smilesFault(fake.parser, '[UNK]')).toEqual({ kind: 'special-token', token: '[UNK]' });
    expect(fake.parsed).toEqual([]);
  });

  it("says RDKit refused what it cannot parse or sanitize, as RDKit's own verdict", () => {
    expect(smilesFault(rdkit, 'C1CC')).toEqual({ kind: 'refused' });
    expect(smilesFault(rdkit, 'c1cccc1')).toEqual({ kind: 'refused' });
    expect(smilesFault(rdkit, 'C(C)(C)(C)(C)C')).toEqual({ kind: 'refused' });
    const fake = fakeRdkit(false, 3);
    expect(smilesFault(fake.parser, 'CCO')).toEqual({ kind: 'refused' });
    expect(fake.freed()).toBe(1);
  });

  it('refuses a molecule of no atoms and frees every molecule it parsed', () => {
    const fake = fakeRdkit(true, 0);
    expect(smilesFault(fake.parser, 'X')).toEqual({ kind: 'no-atom' });
    expect(smilesFault(fakeRdkit(true, 2).parser, 'CC')).toBeNull();
    expect(fake.parsed).toEqual(['X']);
    expect(fake.freed()).toBe(1);
  });
});
