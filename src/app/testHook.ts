// A read-mostly handle on window for the e2e tests (tldraw-style): they read the store instead of
// scraping numbers the page rounds for people. Only the dev server and the e2e build
// (`vite build --mode e2e`) install it; in a production build the constant below is false and the
// bundler drops the hook's code (scripts/build/check-dist.mjs fails if it is there).
import { selectCurrentResult, selectModelInput, selectTwinInAnalysis } from '../state/selectors';
import type { PlaygroundState, PlaygroundStore } from '../state/store';
import type { PlaygroundController } from './controller';

export interface ExlmTestHook {
  getState: () => PlaygroundState;
  /** The masked text the model reads for the editor's current content. */
  modelInput: () => string;
  /** True when the views show the final result for exactly the editor's current content. */
  settled: () => boolean;
  controller: PlaygroundController;
}

declare global {
  interface Window {
    __exlm?: ExlmTestHook;
  }
}

const TEST_HOOK = import.meta.env.DEV || import.meta.env.MODE === 'e2e';

export function installTestHook(store: PlaygroundStore, controller: PlaygroundController): void {
  if (!TEST_HOOK) return;
  window.__exlm = {
    getState: () => store.getState(),
    modelInput: () => selectModelInput(store.getState()),
    settled: () => {
      const state = store.getState();
      const result = selectCurrentResult(state);
      if (state.analyzing || result === null) return false;
      // While Compare needs the twin, the page is settled only once the twin's result is in (the
      // first prediction comes from the ExLM alone, ahead of the twin's load).
      const twin = state.modelLoad.mlm.phase;
      if (!selectTwinInAnalysis(state) || state.modelNames.mlm === null) return true;
      return twin === 'error' || (twin === 'ready' && result.mlm !== null);
    },
    controller,
  };
}
