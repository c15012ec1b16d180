// Where a model folder's files come from. The loader only sees this interface, so the same code
// loads from a URL prefix in the browser (here) and from a directory in Node (node-source.ts, the
// only file that touches fs, kept out of the browser bundle).

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

type Fetch = (url: string) => Promise<Response>;

/**
 * Files fetched from `prefix` (for example '/models/exlm-en-small/'); a missing trailing slash is
 * added. `fetchFn` defaults to the global fetch (browser, worker, Node 20).
 */
export function urlSource(prefix: string, fetchFn: Fetch = (url) => fetch(url)): ModelSource {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const pathOf = (file: string): string => `${base}${file}`;
  const get = async (file: string): Promise<Response> => {
    const url = pathOf(file);
    let response: Response;
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
