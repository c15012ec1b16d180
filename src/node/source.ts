// Node-only: a model folder on disk. Imported from node/index.ts only, never from the browser-safe ../index.ts, so that the
// browser bundle does not pull in fs.

import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

import { checkFileName, isPlainFileName, ModelFileError, type ModelSource } from '../model/source';

/**
 * Files read from the directory `dir` (relative paths resolve against the working directory).
 * Only plain file names are read (see isPlainFileName), and only regular files whose real path,
 * symbolic links followed, is inside the folder: a hostile folder cannot make it read anything
 * else (docs/model-format.md, "Hostile folders").
 */
export function folderSource(dir: string): ModelSource {
  const root = resolve(dir);
  // A refused name is shown as given, not resolved, so the message says what the folder asked for.
  const pathOf = (file: string): string =>
    isPlainFileName(file) ? join(root, file) : `${root}${sep}${file}`;
  let realRoot: Promise<string> | undefined;
  const read = async (file: string): Promise<Buffer> => {
    checkFileName(file, pathOf);
    const path = pathOf(file);
    try {
      const real = await realpath(path);
      realRoot ??= realpath(root);
      const inside = relative(await realRoot, real);
      if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
        throw new ModelFileError(path, 'is a link to a file outside the model folder');
      // Not a directory, a FIFO (which would block the read forever) or a device.
      if (!(await stat(real)).isFile()) throw new ModelFileError(path, 'is not a regular file');
      return await readFile(real);
    } catch (error) {
      if (error instanceof ModelFileError) throw error;
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
