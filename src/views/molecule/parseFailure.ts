// Why RDKit did not read a SMILES as a molecule, in words a student can act on: RDKit says it in
// its log (captured by chemistry.ts), in its own terms and with atoms counted from 0. Atoms here
// are counted from 1 in the order the SMILES writes them, as the view lists them. Pure.

interface Rule {
  pattern: RegExp;
  say: (match: RegExpMatchArray) => string;
}

const atomNumber = (zeroBased: string | undefined) => Number(zeroBased ?? 0) + 1;

const RULES: readonly Rule[] = [
  {
    pattern: /unclosed ring/,
    say: () => 'ring not closed: a ring digit has no partner to close its ring',
  },
  {
    pattern: /duplicated ring closure (\S+) bonds atom (\d+) to itself/,
    say: (m) => `ring closure ${m[1]} closes on the atom it opened at (atom ${atomNumber(m[2])})`,
  },
  {
    pattern: /ring closure (\S+) duplicates bond between atom (\d+) and atom (\d+)/,
    say: (m) =>
      `ring closure ${m[1]} repeats the bond between atoms ${atomNumber(m[2])} and ${atomNumber(m[3])}`,
  },
  {
    pattern: /extra open parentheses/,
    say: () => 'branch not closed: a "(" has no ")"',
  },
  {
    pattern: /extra close parentheses/,
    say: () => 'a ")" closes no branch',
  },
  {
    pattern: /Explicit valence for atom # ?(\d+) ([A-Za-z*]+), (\d+), is greater than permitted/,
    say: (m) =>
      `valence: ${m[2]} (atom ${atomNumber(m[1])}) would have ${m[3]} bonds, more than ${m[2]} can take`,
  },
  {
    pattern: /non-ring atom (\d+) marked aromatic/,
    say: (m) => `aromatic atom outside a ring (atom ${atomNumber(m[1])})`,
  },
  {
    pattern: /Can't kekulize mol\.?\s+Unkekulized atoms:\s*([\d ]+)/,
    say: (m) => {
      const atoms = (m[1] ?? '').trim().split(/\s+/).map(atomNumber);
      return `aromatic ring that cannot take alternating single and double bonds (atoms ${atoms.join(', ')})`;
    },
  },
  {
    pattern: /syntax error[\s\S]*?check for mistakes around position (\d+)/,
    say: (m) => `syntax error at character ${m[1]}`,
  },
  {
    pattern: /syntax error/,
    say: () => 'syntax error',
  },
];

/** RDKit's log lines without their time stamps. */
function logLines(log: string): string[] {
  return log
    .split('\n')
    .map((line) => line.replace(/^\[\d{2}:\d{2}:\d{2}\]\s*/, '').trim())
    .filter((line) => line !== '');
}

/** The reason RDKit's `log` gives for refusing a SMILES, in words; a generic one when it says
 *  nothing that is known here. */
export function parseFailureReason(log: string): string {
  const text = logLines(log).join('\n');
  for (const { pattern, say } of RULES) {
    const match = text.match(pattern);
    if (match !== null) return say(match);
  }
  const first = logLines(log)[0];
  if (first === undefined) return 'RDKit could not read it as a molecule';
  return first
    .replace(/^SMILES Parse Error:\s*/, '')
    .replace(/\s+for input: .*$/, '')
    .trim();
}
