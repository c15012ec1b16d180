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


/**
 * Files fetched from `prefix` (for example '/models/exlm-en-small/'); a missing trailing slash is
 * added. `fetchFn` defaults to the global fetch (browser, worker, Node 20).
 */
export function urlSource(prefix: string, fetchFn: Fetch = globalFetch): ModelSource {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const pathOf = (file: string): string => `${base}${file}`;
  const get = async (file: string): Promise<FetchedFile> => {
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
