// Syntax checks of a SMILES typed or pasted in molecule mode, each a sentence that says what is
// wrong and what to do. They read the tokens only (no chemistry library): balanced branches, ring
// closures that open and close, element symbols, characters that are not SMILES, text pasted in
// place of a molecule, the model's length limit, and (once the model has read the input) tokens
// outside its vocabulary. Whether the molecule is chemically valid (valences, aromaticity) is
// RDKit's to say, in the structure view. A typed [MASK] may stand for any token, so as many
// unbalanced branches and open rings as there are typed [MASK]s are not reported: the model may be
// asked to fill in exactly the missing one.
import { type SmilesPiece, smilesPieces } from './smilesTokens';
import { showHidden } from './words';

export type SmilesCheckId =
  | 'empty'
  | 'prose'
  | 'too-long'
  | 'unknown-character'
  | 'unknown-element'
  | 'stray-close'
  | 'open-branch'
  | 'ring-without-atom'
  | 'ring-unclosed'
  | 'unknown-token';

export interface SmilesCheck {
  id: SmilesCheckId;
  /** True when the model should not read the input at all: nothing it could say would help. */
  blocking: boolean;
  /** What is wrong and what to do, in words for the page. */
  message: string;
  /** Indices of the tokens (the editor's chips) the check is about. */
  tokens: number[];
}

/** The element symbols (IUPAC, 1 to 118). */
const ELEMENTS = new Set(
  (
    'H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se ' +
    'Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb ' +
    'Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm ' +
    'Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og'
  ).split(' '),
);
/** Aromatic symbols allowed inside brackets (OpenSMILES). */
const AROMATIC = new Set(['b', 'c', 'n', 'o', 'p', 's', 'se', 'as', 'te']);
/** Atoms outside brackets: the organic subset, aromatic forms and the wildcard. */
const BARE_ATOMS = new Set(['B', 'C', 'N', 'O', 'P', 'S', 'F', 'Cl', 'Br', 'I', '*']);
const BARE_AROMATIC = new Set(['b', 'c', 'n', 'o', 's', 'p']);
const RING_CLOSURE = /^(?:[0-9]|%[0-9]{2})$/;
/** A run of at least this many letters, most of them characters SMILES cannot read, is a word
 *  ("aspirin", "hello"), not a molecule with a typo ("CXxC", "NaCl"). */
const WORD_LETTERS = 4;

/** "1st", "2nd", ...: the chips are counted from 1 in messages. */
function ordinal(index: number): string {
  const n = index + 1;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A piece of the input inside a message: cut short, invisible characters made visible. */
const quote = (text: string): string =>
  `“${showHidden(text.length > 40 ? `${text.slice(0, 40)}…` : text)}”`;

/** The element of a bracket atom ("[13CH3]" gives "C", "[nH]" "n"), or null when it names none. */
function bracketElement(token: string): string | null {
  const inner = token.slice(1, -1).replace(/^\d+/, '');
  if (inner.startsWith('*')) return '*';
  const two = inner.slice(0, 2);
  if (ELEMENTS.has(two) || AROMATIC.has(two)) return two;
  const one = inner.slice(0, 1);
  // A second lower-case letter that makes no element ("[Zz]", "[Cq]") is a typo, not "C" + rest.
  if (/^[a-z]$/.test(inner.slice(1, 2)) && !AROMATIC.has(one)) return null;
  return ELEMENTS.has(one) || AROMATIC.has(one) ? one : null;
}

const isAtom = (piece: SmilesPiece): boolean =>
  piece.kind === 'token' &&
  (piece.text.startsWith('[') || BARE_ATOMS.has(piece.text) || BARE_AROMATIC.has(piece.text));

/** Letter runs (outside brackets) that read as words typed or pasted in molecule mode: long enough,
 *  and more than half of their letters characters SMILES cannot read. */
function proseWords(text: string, pieces: readonly SmilesPiece[]): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const start = match.index;
    const end = start + match[0].length;
    const letters = [...match[0]].length;
    if (letters < WORD_LETTERS) continue;
    const inside = pieces.filter((p) => p.start >= start && p.end <= end);
    const unknown = inside.filter((p) => p.kind === 'unknown').length;
    if (2 * unknown > letters && !inside.some((p) => p.text.startsWith('['))) words.push(match[0]);
  }
  return words;
}

/** Branches and ring closures that do not balance, in order. */
function structureChecks(pieces: readonly SmilesPiece[]): SmilesCheck[] {
  const checks: SmilesCheck[] = [];
  const openBranches: number[] = [];
  const openRings = new Map<string, number>();
  const orphans = new Set<number>();
  let atomSeen = false;
  pieces.forEach((piece, i) => {
    if (piece.kind === 'special' && piece.text === '[MASK]') atomSeen = true;
    if (piece.kind !== 'token') return;
    if (isAtom(piece)) atomSeen = true;
    if (piece.text === '(') openBranches.push(i);
    else if (piece.text === ')') {
      if (openBranches.pop() === undefined) {
        checks.push({
          id: 'stray-close',
          blocking: false,
          message: `The ${ordinal(i)} token, “)”, closes a branch that was never opened: remove it, or add a “(” where the branch starts.`,
          tokens: [i],
        });
      }
    } else if (RING_CLOSURE.test(piece.text)) {
      const digit = piece.text;
      if (openRings.has(digit)) openRings.delete(digit);
      else {
        // One report per mistake: a digit before any atom is not also an open ring.
        openRings.set(digit, i);
        if (atomSeen) return;
        orphans.add(i);
        checks.push({
          id: 'ring-without-atom',
          blocking: false,
          message: `The ${ordinal(i)} token, ring-closure digit “${digit}”, comes before any atom: a ring bond starts at the atom before its digit. Move the digit after an atom (as in c1ccccc1).`,
          tokens: [i],
        });
      }
    }
  });
  for (const i of openBranches) {
    checks.push({
      id: 'open-branch',
      blocking: false,
      message: `The branch opened by the ${ordinal(i)} token, “(”, is never closed: add a “)” where the branch ends (as in CC(=O)O), or remove the “(”.`,
      tokens: [i],
    });
  }
  for (const [digit, i] of openRings) {
    if (orphans.has(i)) continue;
    checks.push({
      id: 'ring-unclosed',
      blocking: false,
      message: `Ring bond “${digit}” opened by the ${ordinal(i)} token is never closed: every ring-closure digit comes in pairs (c1ccccc1). Add a second “${digit}” at the atom that closes the ring, or remove this one.`,
      tokens: [i],
    });
  }
  return checks;
}

export interface SmilesCheckOptions {
  /** The model's longest input in tokens, [CLS] and [SEP] included (config.max_positions); null
   *  while no model is loaded. */
  limitTokens?: number | null;
}

/** What is wrong with `text` as a SMILES, most serious first; empty when nothing is. */
export function checkSmiles(
  text: string,
  { limitTokens = null }: SmilesCheckOptions = {},
): SmilesCheck[] {
  if (text.trim() === '') {
    return [
      {
        id: 'empty',
        blocking: true,
        message:
          'The SMILES is empty. Type or paste a molecule, such as CCO (ethanol) or c1ccccc1 (benzene), then click an atom to mask it.',
        tokens: [],
      },
    ];
  }
  const pieces = smilesPieces(text);
  const checks: SmilesCheck[] = [];
  const words = proseWords(text, pieces);
  const prose = /\S\s+\S/u.test(text.trim()) || words.length > 0;
  if (prose) {
    const what =
      words.length > 0
        ? `${quote(words.slice(0, 3).join(', '))} ${words.length > 1 ? 'are words' : 'is a word'}`
        : `it has spaces between its parts (${quote(text.trim())})`;
    checks.push({
      id: 'prose',
      blocking: true,
      message: `This looks like text, not a SMILES: ${what}. A SMILES writes a molecule without spaces, such as CC(=O)Oc1ccccc1C(=O)O for aspirin. Remove the spaces and words, or switch to Text to work with sentences.`,
      tokens: [],
    });
  }
  if (limitTokens !== null && pieces.length + 2 > limitTokens) {
    checks.push({
      id: 'too-long',
      blocking: true,
      message: `The SMILES has ${pieces.length} tokens; the model reads at most ${limitTokens - 2} (${limitTokens} with [CLS] and [SEP]). Shorten it: a smaller molecule, or one part of a mixture (the parts are separated by “.”).`,
      tokens: [],
    });
  }
  const unknown = pieces.flatMap((p, i) => (p.kind === 'unknown' ? [i] : []));
  if (unknown.length > 0 && !prose) {
    const chars = [...new Set(unknown.map((i) => pieces[i]?.text ?? ''))];
    checks.push({
      id: 'unknown-character',
      blocking: false,
      message: `${chars.map(quote).join(', ')} ${chars.length > 1 ? 'are' : 'is'} not SMILES (the ${unknown.slice(0, 3).map(ordinal).join(', ')}${unknown.length > 3 ? ', …' : ''} token${unknown.length > 1 ? 's' : ''}); the model reads each as [UNK]. Outside brackets only B, C, N, O, P, S, F, Cl, Br and I (aromatic b, c, n, o, p, s) are atoms: write any other element in brackets, such as [Na+] or [Si].`,
      tokens: unknown,
    });
  }
  pieces.forEach((piece, i) => {
    if (piece.kind !== 'token' || !piece.text.startsWith('[')) return;
    if (bracketElement(piece.text) !== null) return;
    checks.push({
      id: 'unknown-element',
      blocking: false,
      message: `The ${ordinal(i)} token, ${quote(piece.text)}, names no chemical element: a bracket atom holds an element symbol, as in [Na+], [nH] or [Fe+2]. Correct the symbol.`,
      tokens: [i],
    });
  });
  const wildcards = pieces.filter((p) => p.kind === 'special' && p.text === '[MASK]').length;
  const structure = structureChecks(pieces);
  if (structure.length > wildcards) checks.push(...structure);
  return checks;
}

/**
 * The tokens the model read as [UNK] although they are SMILES (a bracket atom its vocabulary
 * lacks, such as an element no training molecule has). `modelTokens` are the tokens of the
 * model's analysis of exactly this input ([CLS] first): token i of the text is modelTokens[i + 1].
 * Characters that are not SMILES are left to checkSmiles.
 */
export function checkVocabulary(text: string, modelTokens: readonly string[]): SmilesCheck | null {
  const pieces = smilesPieces(text);
  const unseen = pieces.flatMap((p, i) =>
    p.kind === 'token' && modelTokens[i + 1] === '[UNK]' ? [i] : [],
  );
  if (unseen.length === 0) return null;
  const names = [...new Set(unseen.map((i) => pieces[i]?.text ?? ''))];
  return {
    id: 'unknown-token',
    blocking: false,
    message: `The model has never seen ${names.map(quote).join(', ')} (the ${unseen.slice(0, 3).map(ordinal).join(', ')}${unseen.length > 3 ? ', …' : ''} token${unseen.length > 1 ? 's' : ''}): ${names.length > 1 ? 'they are' : 'it is'} not in its vocabulary, so it reads ${names.length > 1 ? 'them' : 'it'} as [UNK] and knows nothing of ${names.length > 1 ? 'them' : 'it'}. Replace ${names.length > 1 ? 'them' : 'it'} with atoms the model knows, or mask ${names.length > 1 ? 'them' : 'it'} to see what it would put there.`,
    tokens: unseen,
  };
}
