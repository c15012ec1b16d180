// Entry point. The playground: restore the link's state, start URL sync, the presenter link and the
// model worker, render the page. Opened with ?presenter=1 (the lesson's "Presenter view"), the
// page is the presenter view instead: notes, next step and timer, no model.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { readStartupOptions } from '../runtime/client/startupOptions';
import { playgroundStore } from '../state/store';
import { applyHash, startUrlSync } from '../state/urlSync';
import { isPresenterWindow } from '../views/lesson/presenterChannel';
import { startPresenterLink } from '../views/lesson/presenterLink';
import { PresenterView } from '../views/lesson/PresenterView';
import { App } from './App';
import { createController } from './controller';
import { registerServiceWorker, unregisterServiceWorkers } from './serviceWorker';
import { installTestHook } from './testHook';
import './app.css';

function startPlayground(rootElement: HTMLElement): void {
  applyHash(playgroundStore, window.location.hash);
  const startup = readStartupOptions(window.location.search);
  playgroundStore.getState().requestBackend(startup.backend);
  playgroundStore.getState().setDevMode(startup.dev);
  for (const problem of startup.problems) playgroundStore.getState().addNotice('warning', problem);
  startUrlSync(playgroundStore);
  startPresenterLink(playgroundStore);
  const controller = createController(playgroundStore);
  installTestHook(playgroundStore, controller);

  createRoot(rootElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // The offline service worker (production builds) comes after the first models: a first visit
  // loads them straight from the network, without the precache download competing for it.
  if (!import.meta.env.PROD) unregisterServiceWorkers();
  void controller.start().finally(() => {
    if (import.meta.env.PROD) registerServiceWorker(playgroundStore);
  });
}

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element.');
if (isPresenterWindow(window.location.search)) {
  createRoot(rootElement).render(
    <StrictMode>
      <PresenterView />
    </StrictMode>,
  );
} else {
  startPlayground(rootElement);
}
