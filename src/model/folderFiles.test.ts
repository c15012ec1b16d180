import { describe, expect, it } from 'vitest';

import { checkModelFolder, folderNameOf, type HandedOverFile } from './folderFiles';

/** Handed-over files whose content is their path, enough to tell them apart. */
const handed = (...paths: string[]): HandedOverFile<string>[] =>
  paths.map((path) => ({ path, file: path }));

const MODEL = ['config.json', 'tokenizer.json', 'weights.json', 'group1-shard1of1.bin'];

describe('folderNameOf', () => {
  it('is the folder every webkitRelativePath starts with', () => {
    expect(folderNameOf(['my-model/config.json', 'my-model/sub/x.bin'])).toBe('my-model');
  });
  it('is null for bare file names or paths in different folders', () => {
    expect(folderNameOf(['config.json'])).toBeNull();
    expect(folderNameOf(['a/config.json', 'b/config.json'])).toBeNull();
    expect(folderNameOf([])).toBeNull();
  });
});

describe('checkModelFolder', () => {
  it('keys a folder input by file name, without the folder prefix', () => {
    const { files, problems } = checkModelFolder(
      'my-model',
      handed(...MODEL.map((name) => `my-model/${name}`)),
    );
    expect(problems).toEqual([]);
    expect([...files.keys()].sort()).toEqual([...MODEL].sort());
    expect(files.get('weights.json')).toBe('my-model/weights.json');
  });

  it('takes bare file names (files dropped on their own) as they are', () => {
    const { files, problems } = checkModelFolder('dropped files', handed(...MODEL));
    expect(problems).toEqual([]);
    expect(files.get('config.json')).toBe('config.json');
  });

  it('leaves out nested folders and hidden files', () => {
    const { files, problems } = checkModelFolder(
      'm',
      handed(
        ...MODEL.map((name) => `m/${name}`),
        'm/.DS_Store',
        'm/.git/config',
        'm/checkpoints/weights.json',
        'm/old/config.json',
      ),
    );
    expect(problems).toEqual([]);
    expect([...files.keys()].sort()).toEqual([...MODEL].sort());
    expect(files.get('weights.json')).toBe('m/weights.json');
  });

  it('names the folder and the missing file, and says what a model folder holds', () => {
    const { problems } = checkModelFolder(
      'no-weights',
      handed('no-weights/config.json', 'no-weights/tokenizer.json'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('"no-weights"');
    expect(problems[0]).toContain('it has no weights.json.');
    expect(problems[0]).toContain('A model folder holds config.json');
    expect(problems[0]).not.toContain('config.json or');
  });

  it('lists every missing file', () => {
    const { problems } = checkModelFolder('x', handed('x/README.md'));
    expect(problems[0]).toContain('it has no config.json, tokenizer.json or weights.json.');
  });

  it('does not count a hidden or nested config.json', () => {
    const { problems } = checkModelFolder(
      'x',
      handed('x/.config.json', 'x/sub/config.json', 'x/tokenizer.json', 'x/weights.json'),
    );
    expect(problems[0]).toContain('it has no config.json.');
  });

  it('points at model folders inside the folder opened', () => {
    const { problems } = checkModelFolder(
      'models',
      handed('models/tiny-random/config.json', 'models/exlm-en-small/config.json'),
    );
    expect(problems[0]).toContain('"models" is not a model folder');
    expect(problems[0]).toContain('(exlm-en-small and tiny-random): open one of them instead.');
  });

  it('says when the folder is empty', () => {
    expect(checkModelFolder('empty', []).problems).toEqual([
      expect.stringContaining('The folder "empty" holds no files.'),
    ]);
  });
});
