// Entry point: restore the link's state, start URL sync and the model worker, render the page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { readStartupOptions } from '../runtime/client/startupOptions';
import { playgroundStore } from '../state/store';
import { applyHash, startUrlSync } from '../state/urlSync';
import { App } from './App';
import { createController } from './controller';
import { registerServiceWorker, unregisterServiceWorkers } from './serviceWorker';
import { installTestHook } from './testHook';

applyHash(playgroundStore, window.location.hash);
const startup = readStartupOptions(window.location.search);
playgroundStore.getState().requestBackend(startup.backend);
playgroundStore.getState().setDevMode(startup.dev);
for (const problem of startup.problems) playgroundStore.getState().addNotice('warning', problem);
startUrlSync(playgroundStore);
const controller = createController(playgroundStore);
installTestHook(playgroundStore, controller);

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element.');
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// The offline service worker (production builds) comes after the first models: a first visit loads
// them straight from the network, without the precache download competing for it.
if (!import.meta.env.PROD) unregisterServiceWorkers();
void controller.start().finally(() => {
  if (import.meta.env.PROD) registerServiceWorker(playgroundStore);
});
