// Entry point: restore the link's state, start URL sync and the model worker, render the page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { readStartupOptions } from '../runtime/client/startupOptions';
import { playgroundStore } from '../state/store';
import { applyHash, startUrlSync } from '../state/urlSync';
import { App } from './App';
import { createController } from './controller';
import { installTestHook } from './testHook';

applyHash(playgroundStore, window.location.hash);
const startup = readStartupOptions(window.location.search);
playgroundStore.getState().requestBackend(startup.backend);
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
void controller.start();
