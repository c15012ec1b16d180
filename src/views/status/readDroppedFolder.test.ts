import { describe, expect, it } from 'vitest';

import { folderFromInput, LOOSE_FILES_NAME, readDroppedFolder } from './readDroppedFolder';

// Stand-ins for the entries API (Chromium's FileSystemEntry objects): only what the reader calls.
const fileEntry = (name: string) => ({
  name,
  isFile: true,
  isDirectory: false,
  file: (resolve: (file: File) => void) => resolve(new File([name], name)),
});

/** A directory whose reader hands its entries over in batches of `batch`, then an empty one. */
function directoryEntry(name: string, children: object[], batch = 2) {
  return {
    name,
    isFile: false,
    isDirectory: true,
    reads: 0,
    createReader() {
      let next = 0;
      return {
        readEntries: (resolve: (entries: object[]) => void) => {
          this.reads += 1;
          const entries = children.slice(next, next + batch);
          next += entries.length;
          setTimeout(() => resolve(entries), 0);
        },
      };
    },
  };
}

const item = (entry: object | null, file: File | null = null) => ({
  kind: 'file',
  webkitGetAsEntry: () => entry,
  getAsFile: () => file,
});

const transfer = (items: object[], files: File[] = []) =>
  ({ items, files }) as unknown as DataTransfer;

describe('readDroppedFolder', () => {
  it('reads every batch of a dropped folder until the reader returns none', async () => {
    const names = ['config.json', 'tokenizer.json', 'weights.json', 'a.bin', 'b.bin'];
    const directory = directoryEntry('my-model', [
      ...names.map(fileEntry),
      directoryEntry('nested', [fileEntry('config.json')]),
    ]);
    const result = await readDroppedFolder(transfer([item(directory)]));
    expect(result?.kind).toBe('folder');
    if (result?.kind !== 'folder') return;
    expect(result.folder.folderName).toBe('my-model');
    expect(result.folder.files.map((f) => f.path)).toEqual(names.map((n) => `my-model/${n}`));
    expect(await result.folder.files[2]?.file.text()).toBe('weights.json');
    // 6 entries in batches of 2, then the empty batch that ends the reading.
    expect(directory.reads).toBe(4);
  });

  it('takes files dropped on their own as they are', async () => {
    const files = ['config.json', 'weights.json'].map((n) => new File([n], n));
    const result = await readDroppedFolder(transfer(files.map((f) => item(fileEntry(f.name), f))));
    expect(result).toEqual({
      kind: 'folder',
      folder: {
        folderName: LOOSE_FILES_NAME,
        files: files.map((file) => ({ path: file.name, file })),
      },
    });
  });

  it('falls back to the plain file list without entries', async () => {
    const file = new File(['x'], 'config.json');
    const result = await readDroppedFolder(transfer([], [file]));
    expect(result?.kind === 'folder' && result.folder.files[0]?.file).toBe(file);
  });

  it('refuses two folders at once, and ignores a drop without files', async () => {
    const two = transfer([item(directoryEntry('a', [])), item(directoryEntry('b', []))]);
    expect(await readDroppedFolder(two)).toEqual({
      kind: 'problem',
      message: expect.stringContaining('Drop one model folder'),
    });
    expect(await readDroppedFolder(transfer([{ kind: 'string' }]))).toBeNull();
  });
});

describe('folderFromInput', () => {
  it('names the folder after the first part of webkitRelativePath', () => {
    const file = new File(['{}'], 'config.json');
    Object.defineProperty(file, 'webkitRelativePath', { value: 'tiny/config.json' });
    expect(folderFromInput([file])).toEqual({
      folderName: 'tiny',
      files: [{ path: 'tiny/config.json', file }],
    });
  });
});
