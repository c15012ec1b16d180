// Opening a model folder from disk: a button in the status panel (behind it a folder input), and a
// drop of a folder, or of a folder's files, anywhere on the page, with a hint while dragging. Both
// hand the files to the store's openLocalModel, which checks them and asks for the model; the
// controller loads it from the files.
import { type ChangeEvent, useCallback, useEffect, useRef, useState } from 'react';

import { MODEL_FOLDER_CONTENTS } from '../../model/folderFiles';
import { usePlayground } from '../../state/store';
import { type HandedOverFolder, folderFromInput, readDroppedFolder } from './readDroppedFolder';

/** True for a drag that carries files or folders (not text or a link from the page itself). */
function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function OpenModelFolder() {
  const openLocalModel = usePlayground((s) => s.openLocalModel);
  const addNotice = usePlayground((s) => s.addNotice);
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  /** What the live region says: reading a folder, then what became of it. */
  const [message, setMessage] = useState('');

  const open = useCallback(
    (folder: HandedOverFolder) => {
      // A folder that is not a model folder becomes an error notice in the store.
      const opened = openLocalModel(folder);
      setMessage(
        opened ? `Read the folder "${folder.folderName}" (${folder.files.length} files).` : '',
      );
    },
    [openLocalModel],
  );

  useEffect(() => {
    // dragenter and dragleave fire for every element crossed: count them to know when the drag
    // has left the page.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser refuses the drop (or opens the file in the tab).
      event.preventDefault();
      if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event) || event.dataTransfer === null) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      // Reads the drop's items now, while the event lasts; the files come later.
      const reading = readDroppedFolder(event.dataTransfer);
      setMessage('Reading the dropped folder…');
      void reading.then(
        (result) => {
          if (result === null) setMessage('');
          else if (result.kind === 'folder') open(result.folder);
          else {
            setMessage('');
            addNotice('error', result.message);
          }
        },
        (error: unknown) => {
          setMessage('');
          addNotice('error', `The dropped files could not be read: ${String(error)}`);
        },
      );
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [open, addNotice]);

  const onChosen = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.currentTarget.files ?? []);
    // Cleared so that choosing the same folder again (after fixing it) is a change too.
    event.currentTarget.value = '';
    if (files.length === 0) {
      addNotice('error', `The folder chosen holds no files. ${MODEL_FOLDER_CONTENTS}`);
      return;
    }
    open(folderFromInput(files));
  };

  return (
    <div className="status__line status__open">
      <span className="status__key">Your own model</span>{' '}
      <button type="button" onClick={() => inputRef.current?.click()} data-testid="open-folder">
        Open a model folder…
      </button>{' '}
      <span className="status__hint">or drop one anywhere on the page</span>
      <input
        ref={inputRef}
        type="file"
        webkitdirectory=""
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={onChosen}
        data-testid="model-folder-input"
      />{' '}
      <span className="status__hint" aria-live="polite" data-testid="open-folder-message">
        {message}
      </span>
      <div className="drop-hint" hidden={!dragging} aria-hidden="true" data-testid="drop-hint">
        <p className="drop-hint__text">Drop a model folder to open it</p>
      </div>
    </div>
  );
}
