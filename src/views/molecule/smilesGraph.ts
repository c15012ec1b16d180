// Which atom or bond each SMILES token writes, so that a masked token can be shown on RDKit's
// drawing. RDKit numbers atoms in the order the SMILES writes them (when it keeps explicit [H]
// atoms: chemistry.ts parses drawings with removeHs off), so the n-th atom token is atom n. A bond,
// branch or ring-closure token writes no atom: it stands for a bond, named here by its two atoms
// (RDKit's own bond numbering is looked up from the parsed molecule):
// - a bond symbol ("=", "#", "/", ...): the bond it sets, to the next atom or across a ring closure;
// - a ring-closure digit: the bond that closes the ring (both digits of the pair);
// - "(": the bond from the branch point into the branch; ")": the next bond from the branch point.
// Pure: it reads token texts only, and gives what it can for a SMILES that does not parse.

export type SmilesTokenKind =
  'atom' | 'bond' | 'branch-open' | 'branch-close' | 'ring-closure' | 'dot' | 'other';

/** An organic-subset atom, an aromatic one, a bracket atom (not a special token) or "*". */
const ATOM = /^(?:Br|Cl|[BCNOSPFI]|[bcnosp]|\*|\[(?!(?:MASK|CLS|SEP|PAD|UNK)\])[^\]]+\])$/;
const BOND = /^[-=#$:/\\]$/;
const RING_CLOSURE = /^(?:[0-9]|%[0-9]{2})$/;

export function smilesTokenKind(token: string): SmilesTokenKind {
  if (ATOM.test(token)) return 'atom';
  if (BOND.test(token)) return 'bond';
  if (RING_CLOSURE.test(token)) return 'ring-closure';
  if (token === '(') return 'branch-open';
  if (token === ')') return 'branch-close';
  if (token === '.') return 'dot';
  return 'other';
}

/** What a token of each kind is called in the view's sentences. */
export const TOKEN_KIND_NAMES: Readonly<Record<SmilesTokenKind, string>> = {
  atom: 'an atom',
  bond: 'a bond',
  'branch-open': 'a branch opening',
  'branch-close': 'a branch closing',
  'ring-closure': 'a ring-closure digit',
  dot: 'a dot (a break between molecules)',
  other: 'a symbol that is neither atom nor bond',
};

/** The two atoms of a bond, in the order the SMILES reaches them. */
export type AtomPair = readonly [number, number];

export interface SmilesGraph {
  kinds: SmilesTokenKind[];
  /** Per token: the index of the atom it writes, or null. */
  atomOf: (number | null)[];
  /** Per token that is not an atom: the bond it sets or stands for, or null (none, or unclosed). */
  bondOf: (AtomPair | null)[];
  atomCount: number;
}

export function smilesGraph(tokens: readonly string[]): SmilesGraph {
  const kinds = tokens.map(smilesTokenKind);
  const atomOf: (number | null)[] = tokens.map(() => null);
  const bondOf: (AtomPair | null)[] = tokens.map(() => null);
  let atomCount = 0;
  /** The atom the next atom bonds to (null at the start and after a dot). */
  let previous: number | null = null;
  const branchPoints: (number | null)[] = [];
  /** Tokens waiting for the next bond from `previous`: bond symbols and parentheses. */
  let pending: number[] = [];
  /** Open ring closures: digit -> the atom it opened at and the tokens of that bond. */
  const openRings = new Map<string, { atom: number; tokens: number[] }>();

  const settle = (pair: AtomPair, which: readonly number[]) => {
    for (const index of which) bondOf[index] = pair;
  };

  kinds.forEach((kind, index) => {
    switch (kind) {
      case 'atom': {
        const atom = atomCount++;
        atomOf[index] = atom;
        if (previous !== null) settle([previous, atom], pending);
        pending = [];
        previous = atom;
        break;
      }
      case 'bond':
      case 'branch-open':
      case 'branch-close':
        if (kind === 'branch-open') branchPoints.push(previous);
        if (kind === 'branch-close') {
          previous = branchPoints.pop() ?? null;
          // What was pending inside the branch has no bond to wait for any more.
          pending = [];
        }
        pending.push(index);
        break;
      case 'ring-closure': {
        // A bond symbol just before the digit belongs to the ring bond, not to the next atom.
        const bondSymbols = pending.filter((i) => kinds[i] === 'bond');
        pending = pending.filter((i) => kinds[i] !== 'bond');
        const token = tokens[index] ?? '';
        const open = openRings.get(token);
        if (open === undefined) {
          if (previous !== null)
            openRings.set(token, { atom: previous, tokens: [index, ...bondSymbols] });
        } else {
          openRings.delete(token);
          if (previous !== null)
            settle([open.atom, previous], [...open.tokens, index, ...bondSymbols]);
        }
        break;
      }
      case 'dot':
        previous = null;
        pending = [];
        break;
      case 'other':
        break;
    }
  });
  return { kinds, atomOf, bondOf, atomCount };
}
