// The playground page. Side by side from 1,100 px (useWideLayout): the editor, the view checkboxes
// and the examples on the left; the lesson (while open) and the open views on the right; status on
// top. On one column (narrower, or presenting) the editor comes first, then the lesson and the
// views, and the examples after them, so that the views start on the first screen; while the
// lesson is open it chooses the views, and their checkboxes move below them too. In presentation
// mode (a class on the root) the status, view checkboxes and examples fold into one menu. The mode
// switch (Text | Molecules) sits in the header, beside the lesson's button (in molecule mode it
// starts the lesson's molecule steps); in molecule mode the example sentences, which are English,
// say so in a line and molecules to try take their place.
import { type ReactNode, useEffect } from 'react';

import { usePlayground } from '../state/store';
import { Editor } from '../views/editor/Editor';
import { MoleculeExamples } from '../views/editor/MoleculeExamples';
import { Gallery } from '../views/gallery/Gallery';
import { ModeSwitch } from '../views/layout/ModeSwitch';
import { Notices } from '../views/layout/Notices';
import { PresentationMenu, PresentationToggle } from '../views/layout/Presentation';
import { ResultViews } from '../views/layout/ResultViews';
import { ViewToggles } from '../views/layout/ViewToggles';
import { LessonPanel, LessonStartButton } from '../views/lesson/LessonPanel';
import { StatusPanel } from '../views/status/StatusPanel';
import { watchStickyEditor } from './stickyEditor';
import { useWideLayout } from './useWideLayout';
import './app.css';

function WideBody({ toggles, gallery }: { toggles: ReactNode; gallery: ReactNode }) {
  return (
    <div className="app__body app__body--wide">
      <div className="app__side">
        <Editor />
        {toggles}
        {gallery}
      </div>
      <main className="app__main">
        <LessonPanel />
        <ResultViews />
      </main>
    </div>
  );
}

function OneColumnBody({ toggles, gallery }: { toggles: ReactNode; gallery: ReactNode }) {
  const lessonOpen = usePlayground((s) => s.lessonStep !== null);
  return (
    <div className="app__body">
      <Editor />
      <LessonPanel />
      {lessonOpen ? null : toggles}
      <main className="app__main">
        <ResultViews />
      </main>
      {lessonOpen ? toggles : null}
      {gallery}
    </div>
  );
}

export function App() {
  const presenting = usePlayground((s) => s.presentation);
  const lessonOpen = usePlayground((s) => s.lessonStep !== null);
  const molecules = usePlayground((s) => s.mode === 'molecules');
  const wide = useWideLayout(presenting);
  useEffect(() => watchStickyEditor(), []);
  const toggles = presenting ? null : <ViewToggles />;
  const examples = molecules ? <MoleculeExamples /> : <Gallery />;
  const gallery = presenting ? null : examples;
  return (
    <div
      className={`app${presenting ? ' app--presenting' : ''}${lessonOpen ? ' app--lesson' : ''}`}
    >
      <header className="app__header">
        <h1 className="app__title">ExLM Playground</h1>
        <p className="app__tagline">
          {molecules
            ? 'Mask the atoms and bonds of a molecule and watch a masked language model guess them, on your own machine.'
            : 'Mask words and watch a masked language model guess them, on your own machine.'}
        </p>
        <ModeSwitch />
        <LessonStartButton />
        <PresentationToggle />
      </header>
      <Notices />
      {presenting ? (
        <PresentationMenu>
          <ViewToggles />
          <StatusPanel />
          {examples}
        </PresentationMenu>
      ) : (
        <StatusPanel />
      )}
      {wide ? (
        <WideBody toggles={toggles} gallery={gallery} />
      ) : (
        <OneColumnBody toggles={toggles} gallery={gallery} />
      )}
    </div>
  );
}
