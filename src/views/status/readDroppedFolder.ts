// Reads a model folder the user handed over, from a folder input (webkitdirectory) or from a drop:
// a dropped folder through the entries API (DataTransferItem.webkitGetAsEntry), or files dropped
// on their own. Only the folder's own files are read (a model folder has no subfolders); whether
// they make a model folder is for src/model/folderFiles.ts to say, through the store.
import { folderNameOf, type HandedOverFile } from '../../model/folderFiles';

/** Files as the store's openLocalModel takes them. */
export interface HandedOverFolder {
  folderName: string;
  files: HandedOverFile<File>[];
}

export type DropResult =
  { kind: 'folder'; folder: HandedOverFolder } | { kind: 'problem'; message: string };

/** The name shown for files dropped without their folder (the browser does not say which). */
export const LOOSE_FILES_NAME = 'dropped files';

/** The name shown for a folder input whose files carry no folder path. */
const CHOSEN_FILES_NAME = 'chosen files';

/** The files of a folder input, with their folder (the first part of webkitRelativePath). */
export function folderFromInput(files: readonly File[]): HandedOverFolder {
  const paths = files.map((file) => file.webkitRelativePath || file.name);
  return {
    folderName: folderNameOf(paths) ?? CHOSEN_FILES_NAME,
    files: files.map((file, i) => ({ path: paths[i] ?? file.name, file })),
  };
}

function entriesOf(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Every entry of a directory: readEntries hands them over in batches (100 at a time in
 *  Chromium) and says it is done with an empty batch. */
export async function readAllEntries(
  directory: FileSystemDirectoryEntry,
): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const entries: FileSystemEntry[] = [];
  for (;;) {
    const batch = await entriesOf(reader);
    if (batch.length === 0) return entries;
    entries.push(...batch);
  }
}

/** The files directly inside a dropped folder, with paths "<folder>/<file>". */
async function readDirectory(directory: FileSystemDirectoryEntry): Promise<HandedOverFolder> {
  const entries = await readAllEntries(directory);
  const fileEntries = entries.filter((entry): entry is FileSystemFileEntry => entry.isFile);
  const files = await Promise.all(
    fileEntries.map(async (entry) => ({
      path: `${directory.name}/${entry.name}`,
      file: await fileOf(entry),
    })),
  );
  return { folderName: directory.name, files };
}

const ONE_AT_A_TIME =
  'Drop one model folder, or the files of one model folder, at a time; nothing was opened.';

/**
 * What a drop handed over: one folder, or loose files; null when it held no files (dragged text).
 * The items are taken from `data` before the first await, as a DataTransfer can only be read while
 * its drop event is being handled: call it from the drop handler itself.
 */
export async function readDroppedFolder(data: DataTransfer): Promise<DropResult | null> {
  const directories: FileSystemDirectoryEntry[] = [];
  const files: File[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry?.isDirectory) {
      directories.push(entry as FileSystemDirectoryEntry);
      continue;
    }
    const file = item.getAsFile();
    if (file !== null) files.push(file);
  }
  // Without items (older browsers), data.files still holds the plain files.
  if (directories.length === 0 && files.length === 0) files.push(...Array.from(data.files ?? []));

  if (directories.length === 0 && files.length === 0) return null;
  if (directories.length > 1 || (directories.length === 1 && files.length > 0)) {
    return { kind: 'problem', message: ONE_AT_A_TIME };
  }
  const [directory] = directories;
  if (directory !== undefined) {
    try {
      return { kind: 'folder', folder: await readDirectory(directory) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        kind: 'problem',
        message: `The folder "${directory.name}" could not be read: ${reason}`,
      };
    }
  }
  return {
    kind: 'folder',
    folder: {
      folderName: LOOSE_FILES_NAME,
      files: files.map((file) => ({ path: file.name, file })),
    },
  };
}
