// The files of a model folder the user handed over (opened from disk or dropped on the page),
// checked before anything loads: keyed by file name, as blobSource reads them, with the problems in
// words that name the folder and the file at fault. Pure: the page reads the folder, this only
// looks at paths.

/** One file as the page got it. */
export interface HandedOverFile<B> {
  /**
   * Where the file sits, relative to what the user chose: a file input's webkitRelativePath
   * ("my-model/config.json", the folder first), the same built from a dropped folder, or a bare
   * file name for files dropped on their own.
   */
  path: string;
  file: B;
}

/** The files every model folder must hold (docs/model-format.md); weights.json lists the rest. */
export const REQUIRED_MODEL_FILES = ['config.json', 'tokenizer.json', 'weights.json'] as const;

/** What a model folder holds, for messages. */
export const MODEL_FOLDER_CONTENTS =
  'A model folder holds config.json (the architecture), tokenizer.json, weights.json (the ' +
  'weights manifest) and the weight shards that weights.json lists (group1-shard*.bin).';

export interface CheckedModelFolder<B> {
  /** The folder's own files by file name (nested folders and hidden files left out). */
  files: Map<string, B>;
  /** Why the folder cannot be a model folder; empty when it can. */
  problems: string[];
}

function segmentsOf(path: string): string[] {
  return path.split(/[\\/]/).filter((segment) => segment !== '');
}

/** The folder the paths share as their first part (webkitRelativePath starts with the name of
 *  the folder chosen); null when they do not all start with the same folder. */
export function folderNameOf(paths: readonly string[]): string | null {
  let name: string | null = null;
  for (const path of paths) {
    const segments = segmentsOf(path);
    const first = segments[0];
    if (segments.length < 2 || first === undefined) return null;
    if (name !== null && first !== name) return null;
    name = first;
  }
  return name;
}

/** "a", "a or b", "a, b or c" (with "and" when asked). */
function listInWords(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/**
 * Keys the handed-over files by file name: a path "<folderName>/<file>" or a bare "<file>" is one
 * of the folder's own files; files in nested folders and hidden files (".DS_Store") are left out.
 * Requires config.json, tokenizer.json and weights.json; whether the shards weights.json lists are
 * there is for the loader to say, as it reads weights.json.
 */
export function checkModelFolder<B>(
  folderName: string,
  handed: readonly HandedOverFile<B>[],
): CheckedModelFolder<B> {
  const files = new Map<string, B>();
  const subfolders = new Set<string>();
  for (const { path, file } of handed) {
    const segments = segmentsOf(path);
    const inFolder = segments[0] === folderName && segments.length > 1;
    const rest = inFolder ? segments.slice(1) : segments;
    const base = rest[0];
    if (base === undefined || base.startsWith('.')) continue;
    if (rest.length > 1) {
      if (rest.length === 2 && rest[1] === 'config.json') subfolders.add(base);
      continue;
    }
    files.set(base, file);
  }
  const folder = JSON.stringify(folderName);
  if (handed.length === 0) {
    return { files, problems: [`The folder ${folder} holds no files. ${MODEL_FOLDER_CONTENTS}`] };
  }
  const missing = REQUIRED_MODEL_FILES.filter((name) => !files.has(name));
  if (missing.length === 0) return { files, problems: [] };
  const inside =
    subfolders.size > 0
      ? ` It holds folders with a config.json (${listInWords([...subfolders].sort(), 'and')}): open one of them instead.`
      : '';
  const problem =
    `The folder ${folder} is not a model folder: it has no ${listInWords(missing, 'or')}. ` +
    MODEL_FOLDER_CONTENTS +
    inside;
  return { files, problems: [problem] };
}
