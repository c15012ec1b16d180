// Node-only: a model folder on disk. Imported from node/index.ts only, never from the browser-safe ../index.ts, so that the
// browser bundle does not pull in fs.

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { ModelFileError, type ModelSource } from '../source';

/** Files read from the directory `dir` (relative paths resolve against the working directory). */
export function folderSource(dir: string): ModelSource {
  const root = resolve(dir);
  const pathOf = (file: string): string => join(root, file);
  const read = async (file: string): Promise<Buffer> => {
    const path = pathOf(file);
    try {
      return await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ModelFileError(path, code === 'ENOENT' ? 'no such file' : (error as Error).message);
    }
  };
  return {
    location: root,
    pathOf,
    readText: async (file) => (await read(file)).toString('utf8'),
    readBinary: async (file) => {
      const bytes = await read(file);
      // Copy out of Node's pooled buffer so the caller owns a standalone ArrayBuffer.
      return bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer;
    },
  };
}
