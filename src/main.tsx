// Entry point: restore the link's state, start URL sync and the model worker, render the page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { createController } from './runtime/controller';
import { installTestHook } from './state/testHook';
import { playgroundStore } from './state/store';
import { applyHash, startUrlSync } from './state/urlSync';

applyHash(playgroundStore, window.location.hash);
startUrlSync(playgroundStore);
const controller = createController(playgroundStore);
installTestHook(playgroundStore, controller);

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element.');
createRoot(rootElement).render(
  <StrictMode>
    <App controller={controller} />
  </StrictMode>,
);
void controller.start();
