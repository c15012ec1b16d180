// Every repository path that a comment or a document names must exist: a file moved or renamed
// leaves the comments and docs that point at it behind, and nothing else notices. Scans the
// comments of .ts, .tsx, .mjs and .py files and the whole text of .md files, for paths under src/,
// training/, scripts/, docs/ and e2e/. A path with a placeholder or a glob (`models/<name>/`,
// `src/**/*.test.ts`, `{a,b}`) names no one file and is skipped.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

const TOP_FOLDERS = ['src', 'training', 'scripts', 'docs', 'e2e'];

/** A path as written: a top folder, then path characters; not the tail of a longer path
 *  (`../src/…` or `node_modules/pkg/src/…`). */
const PATH = new RegExp(
  `(?<![\\w./@-])(?:${TOP_FOLDERS.join('|')})/[\\w./*<>{}\\[\\]$-]*[\\w/*>}\\]-]`,
  'g',
);

/** Characters that make a path a pattern or a template, not one file. */
const PATTERN = /[*<>{}[\]$]/;

/** The files scanned: tracked or new, never git-ignored ones. */
function repositoryFiles(): string[] {
  const out = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return out
    .split('\0')
    .filter((file) => /\.(ts|tsx|mjs|py|md)$/.test(file))
    .filter((file) => existsSync(join(ROOT, file)));
}

/** The text of the comments of a TypeScript / JavaScript file (string contents are skipped). */
function scriptComments(source: string): string[] {
  const comments: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      comments.push(source.slice(i + 2, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end;
      comments.push(source.slice(i + 2, stop));
      i = stop + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      // Skip the string; template substitutions are rare in comments' way and skipped whole.
      i += 1;
      while (i < source.length && source[i] !== c) {
        if (source[i] === '\\') i += 1;
        if (c !== '`' && source[i] === '\n') break;
        i += 1;
      }
      i += 1;
    } else {
      i += 1;
    }
  }
  return comments;
}

/** The text of the comments and docstrings of a Python file. */
function pythonComments(source: string): string[] {
  const comments: string[] = [];
  for (const match of source.matchAll(/"""([\s\S]*?)"""|'''([\s\S]*?)'''/g)) {
    comments.push(match[1] ?? match[2] ?? '');
  }
  const withoutDocstrings = source.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''/g, '');
  for (const line of withoutDocstrings.split('\n')) {
    // A # outside quotes on the line starts a comment.
    let quote: string | null = null;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quote !== null) {
        if (c === '\\') i += 1;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === '#') {
        comments.push(line.slice(i + 1));
        break;
      }
    }
  }
  return comments;
}

/** The text of `file` that may name paths: a document whole, a program's comments. */
function prose(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  if (file.endsWith('.md')) return [source];
  if (file.endsWith('.py')) return pythonComments(source);
  return scriptComments(source);
}

/** Whether `path` names something in the repository: a file or folder, or a module written
 *  without its extension (`src/node` for its index.ts, `src/cli/eval` for eval.ts). */
function exists(path: string): boolean {
  const full = join(ROOT, path.replace(/\.$/, ''));
  if (existsSync(full)) return true;
  return ['.ts', '.tsx', '.mjs', '.py', '/index.ts'].some((ext) => existsSync(full + ext));
}

/** The paths named in `texts` that exist nowhere, each once. */
function missingPaths(texts: readonly string[]): string[] {
  const missing = new Set<string>();
  for (const text of texts) {
    for (const [raw] of text.matchAll(PATH)) {
      const path = raw.replace(/[.]+$/, '');
      if (PATTERN.test(path)) continue;
      if (!exists(path)) missing.add(path);
    }
  }
  return [...missing];
}

describe('paths named in comments and documents', () => {
  it('finds what the scan is meant to find', () => {
    expect(scriptComments("const a = 'src/nowhere.ts'; // see src/cli/main.ts\n")).toEqual([
      ' see src/cli/main.ts',
    ]);
    expect(
      pythonComments('x = "src/a.ts"  # see training/train.py\n"""Doc: docs/design.md."""'),
    ).toEqual(['Doc: docs/design.md.', ' see training/train.py']);
    expect(
      missingPaths([
        'src/cli/main.ts, src/node, docs/design.md. src/views/ and ../src/gone.ts',
        'models/<name>/, src/**/*.test.ts, src/no-such-file.ts',
      ]),
    ).toEqual(['src/no-such-file.ts']);
  });

  const files = repositoryFiles();
  it.each(files.map((file) => [file]))('%s names only paths that exist', (file) => {
    expect(missingPaths(prose(file))).toEqual([]);
  });
});
