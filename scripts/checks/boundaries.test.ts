// The layer boundaries are enforced by eslint.config.js (imports, import cycles) and by
// tsconfig.web.json and tsconfig.model.json (which globals exist). These tests feed each a file
// that breaks a boundary and check that it is refused, so a rule that silently stops matching
// fails here.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

const IMPORT_RULES = ['no-restricted-imports', 'import-x/no-restricted-paths', 'import-x/no-cycle'];

/** The import-rule messages ESLint gives `code` placed at `file`. */
async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, {
    filePath: join(ROOT, file),
  });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId !== null && IMPORT_RULES.includes(m.ruleId))
    .map((m) => m.message);
}

describe('import boundaries (eslint)', () => {
  const refused: [string, string, string][] = [
    [
      'src/views/v.ts',
      "import { startModelWorker as x } from '../runtime/client/modelClient';",
      'src/views may import only',
    ],
    [
      'src/views/editor/v.ts',
      "const { startModelWorker: x } = await import('../../runtime/client/modelClient');",
      'src/views may import only',
    ],
    [
      'src/model/m.ts',
      "const x = () => import('../runtime/worker/workerApi');",
      'src/model may import only',
    ],
    [
      'src/state/s.ts',
      "import { fetchCatalog as x } from '../runtime/client/catalog';",
      'src/state may import only',
    ],
    [
      'src/runtime/r.ts',
      "import { playgroundStore as x } from '../state/store';",
      'src/runtime may import only',
    ],
    [
      'src/core/c.ts',
      "import { ExlmModel as x } from '../model';",
      'src/core imports nothing else',
    ],
    [
      'src/model/m.ts',
      "import { usePlayground as x } from '../state/store';",
      'src/model may import only',
    ],
    ['src/model/m.ts', "import { useState as x } from 'react';", 'free of UI'],
    ['src/views/v.ts', "import { readFileSync as x } from 'node:fs';", 'cannot use Node modules'],
    [
      'src/runtime/worker/w.ts',
      "import { readFileSync as x } from 'fs';",
      'cannot use Node modules',
    ],
    ['src/views/v.ts', "import { folderSource as x } from '../node';", 'src/views may import only'],
    ['src/model/m.ts', "import { folderSource as x } from '../node';", 'src/model may import only'],
    [
      'src/runtime/client/p.ts',
      "import { loadModel as x } from '../worker/modelPort';",
      'only through runtime/protocol.ts',
    ],
    [
      'src/runtime/worker/w.ts',
      "import { modelUrl as x } from '../client/catalog';",
      'never imports the page side',
    ],
  ];
  it.each(refused)('%s: %s is refused', async (file, code, message) => {
    const errors = await importErrors(file, code);
    expect(errors.join('\n')).toContain(message);
  });

  const allowed: [string, string][] = [
    ['src/views/v.ts', "import { usePlayground as x } from '../state/store';"],
    ['src/app/a.ts', "import { startModelWorker as x } from '../runtime/client/modelClient';"],
    ['src/cli/c.ts', "import { readFileSync as x } from 'node:fs';"],
    ['src/node/n.ts', "import { readFileSync as x } from 'node:fs';"],
    ['src/cli/c.ts', "import { folderSource as x } from '../node';"],
    ['src/runtime/worker/w.ts', "import { fitToLimit as x } from '../../core/truncation';"],
  ];
  it.each(allowed)('%s: %s is allowed', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });

  it('refuses an import cycle, a dynamic import() included', async () => {
    const scratch = join(ROOT, 'src/core', `cycle-probe-${process.pid}`);
    mkdirSync(scratch);
    try {
      writeFileSync(join(scratch, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
      writeFileSync(
        join(scratch, 'b.ts'),
        "export const b = 1;\nexport const c = async () => (await import('./a')).a();\n",
      );
      writeFileSync(join(scratch, 'c.ts'), "import { b } from './b';\nexport const c = b;\n");
      const results = await eslint.lintFiles([join(scratch, '*.ts')]);
      const cycles = Object.fromEntries(
        results.map((r) => [
          r.filePath.slice(scratch.length + 1),
          r.messages.filter((m) => m.ruleId === 'import-x/no-cycle').length,
        ]),
      );
      expect(cycles).toEqual({ 'a.ts': 1, 'b.ts': 1, 'c.ts': 0 });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('globals per layer (tsconfig)', () => {
  const scratch = mkdtempSync(join(ROOT, 'src/model/.boundary-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** Type-checks one file with the compiler options of `project`; returns the error texts. */
  function typeErrors(project: string, code: string): string[] {
    const file = join(scratch, `probe${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(file, code);
    const config = ts.readConfigFile(join(ROOT, project), (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    const program = ts.createProgram([file], parsed.options);
    return ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  it('src/model cannot touch the DOM or Node', () => {
    expect(typeErrors('tsconfig.model.json', 'export const x = document.title;\n').join()).toMatch(
      /Cannot find name 'document'/,
    );
    expect(typeErrors('tsconfig.model.json', 'export const x = process.argv;\n').join()).toMatch(
      /Cannot find name 'process'/,
    );
    expect(typeErrors('tsconfig.model.json', 'export const x = Math.max(1, 2);\n')).toEqual([]);
  });

  it('browser code cannot touch Node', () => {
    expect(typeErrors('tsconfig.web.json', 'export const x = process.argv;\n').join()).toMatch(
      /Cannot find name 'process'/,
    );
    expect(typeErrors('tsconfig.web.json', 'export const x = document.title;\n')).toEqual([]);
  });
});
