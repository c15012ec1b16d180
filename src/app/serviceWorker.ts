// Registers the offline service worker (public/sw.js, docs/design.md "Offline") and names to it
// each model folder the page loads, so that the files fetched before it controlled the page are
// cached too. Production builds only (main.tsx): the dev server serves no precache list and must
// never be answered from a cache, so a dev page drops a worker left by `npm start` on the same
// address. Without service workers (file://, some private windows) or when
// the registration fails, the page simply works online as before.
import { isValidModelName } from '../core/catalog';
import { modelUrl } from '../runtime/client/catalog';
import type { PlaygroundStore } from '../state/store';
import type { ModelRole } from '../state/types';

const ROLES: readonly ModelRole[] = ['exlm', 'mlm'];

/** The model folders under /models/ that have loaded (a folder opened from disk has none). */
function loadedFolders(store: PlaygroundStore): string[] {
  const { modelNames, modelLoad } = store.getState();
  return ROLES.flatMap((role) => {
    const name = modelNames[role];
    return name !== null && isValidModelName(name) && modelLoad[role].phase === 'ready'
      ? [modelUrl(name)]
      : [];
  });
}

export function registerServiceWorker(store: PlaygroundStore): void {
  if (!('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  navigator.serviceWorker
    .register(`${base}sw.js`, { scope: base })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const told = new Set<string>();
      const tell = () => {
        const worker = registration.active;
        if (worker === null) return;
        for (const folder of loadedFolders(store)) {
          if (told.has(folder)) continue;
          told.add(folder);
          worker.postMessage({ type: 'cache-model', folder });
        }
      };
      tell();
      store.subscribe(tell);
    })
    .catch((error: unknown) => {
      console.info('The page works online only: no service worker.', error);
    });
}

/** Unregisters the service workers of this origin (the dev server's page: see above). */
export function unregisterServiceWorkers(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .getRegistrations()
    .then((registrations) => Promise.all(registrations.map((r) => r.unregister())))
    .catch(() => undefined);
}
