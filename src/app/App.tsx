// The playground page: editor and examples on the left, the open views on the right, status on top
// (stacked below 1100 px). In presentation mode (a class on the root) the editor sits above the
// views and the status, view checkboxes and examples fold into one menu.
import { useEffect } from 'react';

import { usePlayground } from '../state/store';
import { Editor } from '../views/editor/Editor';
import { Gallery } from '../views/gallery/Gallery';
import { Notices } from '../views/layout/Notices';
import { PresentationMenu, PresentationToggle } from '../views/layout/Presentation';
import { ResultViews } from '../views/layout/ResultViews';
import { ViewToggles } from '../views/layout/ViewToggles';
import { LessonPanel, LessonStartButton } from '../views/lesson/LessonPanel';
import { StatusPanel } from '../views/status/StatusPanel';
import { watchStickyEditor } from './stickyEditor';
import './app.css';

export function App() {
  const presenting = usePlayground((s) => s.presentation);
  useEffect(() => watchStickyEditor(), []);
  return (
    <div className={presenting ? 'app app--presenting' : 'app'}>
      <header className="app__header">
        <h1 className="app__title">ExLM Playground</h1>
        <p className="app__tagline">
          Mask words and watch a masked language model guess them, on your own machine.
        </p>
        <LessonStartButton />
        <PresentationToggle />
      </header>
      <LessonPanel />
      <Notices />
      {presenting ? (
        <PresentationMenu>
          <ViewToggles />
          <StatusPanel />
          <Gallery />
        </PresentationMenu>
      ) : (
        <StatusPanel />
      )}
      <div className="app__body">
        <div className="app__side">
          <Editor />
          {presenting ? null : (
            <>
              <ViewToggles />
              <Gallery />
            </>
          )}
        </div>
        <main className="app__main">
          <ResultViews />
        </main>
      </div>
    </div>
  );
}
