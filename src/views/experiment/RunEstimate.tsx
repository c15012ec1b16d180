// Under the experiment's Run buttons: how long a run on the sample of the chosen size takes here,
// before it is started (runEstimate.ts); nothing while no estimate fits the backend and models in
// use.
import { experimentModels } from '../../state/slices/experimentSlice';
import { usePlayground } from '../../state/store';
import { estimateText } from './runEstimate';
import './RunEstimate.css';

/** `limit`: the sentences the run takes, null for the whole sample. */
export function RunEstimate({ limit }: { limit: number | null }) {
  const estimate = usePlayground((s) => s.experimentEstimate);
  const backend = usePlayground((s) => s.activeBackend);
  const modelNames = usePlayground((s) => s.modelNames);
  const modelLoad = usePlayground((s) => s.modelLoad);
  const models = experimentModels({ modelNames, modelLoad });
  return (
    <p className="experiment-estimate" data-testid="experiment-estimate" aria-live="polite">
      {estimateText(estimate, backend, models, limit)}
    </p>
  );
}
