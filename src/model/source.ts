// Where a model folder's files come from. The loader only sees this interface, so the same code
// loads from a URL prefix in the browser (here) and from a directory in Node (node/source.ts, the
// only file that touches fs, kept out of the browser bundle).

import { type BlobLike, type Fetch, type FetchedFile, globalFetch } from './platform';

/** A model folder: config.json, tokenizer.json, weights.json and its shards. */
export interface ModelSource {
  /** Where the files come from (a URL prefix or a directory), for messages. */
  readonly location: string;
  /** Full path or URL of one file of the folder, for messages. */
  pathOf(file: string): string;
  readText(file: string): Promise<string>;
  readBinary(file: string): Promise<ArrayBuffer>;
}

/** Thrown when a file of the model folder cannot be read; names the file's path or URL. */
export class ModelFileError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot read model file ${path}: ${reason}`);
    this.name = 'ModelFileError';
  }
}

/** The only names a model folder's files may have: letters, digits, ".", "_", "-", not starting
 *  with "." (no "..", no hidden files), no separators, no scheme, no "%" escapes. The exporter
 *  writes names such as "group1-shard1of2.bin". */
const PLAIN_FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}$/;

/** Whether `name` is a plain file name directly inside the model folder (see PLAIN_FILE_NAME). */
export function isPlainFileName(name: string): boolean {
  return PLAIN_FILE_NAME.test(name);
}

/** A name from a file, quoted for a message: JSON escapes, at most 80 characters shown. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}...` : name);
}

/** Why a name that is not plain is refused (the end of a message). */
export const NOT_A_FILE_NAME =
  'is not a file name inside the model folder (letters, digits, ".", "_" and "-" only, not starting with ".")';

/** Refuses, before anything is read, a name that is not a plain file name. */
export function checkFileName(file: string, pathOf: (file: string) => string): void {
  if (!isPlainFileName(file))
    throw new ModelFileError(pathOf(file), `${quoteName(file)} ${NOT_A_FILE_NAME}`);
}

/**
 * Files fetched from `prefix` (for example '/models/exlm-en-small/'); a missing trailing slash is
 * added. `fetchFn` defaults to the global fetch (browser, worker, Node 20).
 */
export function urlSource(prefix: string, fetchFn: Fetch = globalFetch): ModelSource {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const pathOf = (file: string): string => `${base}${file}`;
  const get = async (file: string): Promise<FetchedFile> => {
    // Defence in depth (the manifest's paths are checked already): never let a name reach
    // another folder, another host or another scheme.
    checkFileName(file, pathOf);
    const url = pathOf(file);
    let response: FetchedFile;
    try {
      response = await fetchFn(url);
    } catch (error) {
      throw new ModelFileError(url, (error as Error).message);
    }
    if (!response.ok)
      throw new ModelFileError(url, `HTTP ${response.status} ${response.statusText}`.trim());
    return response;
  };
  return {
    location: base,
    pathOf,
    readText: async (file) => (await get(file)).text(),
    readBinary: async (file) => (await get(file)).arrayBuffer(),
  };
}

/**
 * Files the user handed over (a folder opened from disk or dropped on the page), by file name.
 * `label` names the folder in messages. A name outside `files` is a missing file, so a manifest
 * cannot reach anything the user did not give.
 */
export function blobSource(files: ReadonlyMap<string, BlobLike>, label: string): ModelSource {
  const pathOf = (file: string): string => `${label}/${file}`;
  const get = (file: string): BlobLike => {
    checkFileName(file, pathOf);
    const blob = files.get(file);
    if (blob === undefined) throw new ModelFileError(pathOf(file), 'not among the files given');
    return blob;
  };
  return {
    location: label,
    pathOf,
    readText: async (file) => get(file).text(),
    readBinary: async (file) => get(file).arrayBuffer(),
  };
}
