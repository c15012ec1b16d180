// The playground page: editor and examples on the left, the open views on the right, status on top.
import { Editor } from '../views/editor/Editor';
import { Gallery } from '../views/gallery/Gallery';
import { Notices } from '../views/layout/Notices';
import { ResultViews } from '../views/layout/ResultViews';
import { ViewToggles } from '../views/layout/ViewToggles';
import { StatusPanel } from '../views/status/StatusPanel';
import './app.css';

export function App() {
  return (
    <div className="app">
      <header className="app__header">
        <h1 className="app__title">ExLM Playground</h1>
        <p className="app__tagline">
          Mask words and watch a masked language model guess them, on your own machine.
        </p>
      </header>
      <Notices />
      <StatusPanel />
      <div className="app__body">
        <div className="app__side">
          <Editor />
          <ViewToggles />
          <Gallery />
        </div>
        <main className="app__main">
          <ResultViews />
        </main>
      </div>
    </div>
  );
}
