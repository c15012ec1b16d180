// The domain (text or molecules) of a model the page shows, from the store: see domainWords.ts.
import type { InputMode } from '../../core/inputMode';
import { usePlayground } from '../../state/store';
import { modelDomain } from './domainWords';

export function useModelDomain(name: string | null): InputMode {
  return usePlayground((s) => modelDomain(s.catalog, name, s.mode));
}
