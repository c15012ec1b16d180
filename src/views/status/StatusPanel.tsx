// Model name and size, backend (with a switch), load time and the last analysis time; a model that
// failed to load says what failed and offers a retry, while the rest of the page keeps working.
import { useId } from 'react';

import { BACKEND_ORDER, type BackendName, isBackendName } from '../../runtime/backends';
import { BACKEND_LABELS } from '../../runtime/backendNotice';
import { selectCurrentResult } from '../../state/selectors';
import { usePlayground } from '../../state/store';
import type { LoadState, ModelRole } from '../../state/types';
import { formatBytes, formatCount, formatMs } from '../predictions/format';
import './Status.css';

export interface StatusPanelProps {
  onRetry: () => void;
  onSwitchBackend: (name: BackendName | null) => void;
  onSelectModel: (name: string) => void;
}

const ROLE_LABELS: Record<ModelRole, string> = { exlm: 'Model', mlm: 'MLM twin' };

function ModelLine({
  role,
  name,
  load,
  onRetry,
}: {
  role: ModelRole;
  name: string | null;
  load: LoadState;
  onRetry: () => void;
}) {
  if (name === null) {
    return role === 'exlm' ? <p className="status__line">Looking for models…</p> : null;
  }
  return (
    <div className="status__line" data-testid={`status-model-${role}`} data-phase={load.phase}>
      <span className="status__key">{ROLE_LABELS[role]}</span> <strong>{name}</strong>{' '}
      {load.phase === 'loading' ? <span>loading…</span> : null}
      {load.phase === 'ready' ? (
        <span>
          {load.info.config.architecture === 'exlm'
            ? `ExLM, k = ${load.info.config.expansion}`
            : 'MLM'}
          , {formatCount(load.info.parameterCount)} parameters, {formatBytes(load.info.weightBytes)}
          ; loaded in <span data-testid={`load-ms-${role}`}>{formatMs(load.loadMs)}</span>
        </span>
      ) : null}
      {load.phase === 'error' ? (
        <span className="status__error" role="alert">
          failed to load: {load.message}{' '}
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        </span>
      ) : null}
    </div>
  );
}

/** A picker over the model folders found under /models/; hidden when there is only one. */
function ModelPicker({ onSelectModel }: { onSelectModel: (name: string) => void }) {
  const available = usePlayground((s) => s.availableModels);
  const current = usePlayground((s) => s.modelNames.exlm);
  const pickerId = useId();
  if (available.length < 2 || current === null) return null;
  return (
    <div className="status__line">
      <label htmlFor={pickerId} className="status__key">
        Choose model
      </label>{' '}
      <select id={pickerId} value={current} onChange={(event) => onSelectModel(event.target.value)}>
        {available.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function StatusPanel({ onRetry, onSwitchBackend, onSelectModel }: StatusPanelProps) {
  const names = usePlayground((s) => s.modelNames);
  const load = usePlayground((s) => s.modelLoad);
  const active = usePlayground((s) => s.activeBackend);
  const preferred = usePlayground((s) => s.preferredBackend);
  const notice = usePlayground((s) => s.backendNotice);
  const analyzing = usePlayground((s) => s.analyzing);
  const analysisError = usePlayground((s) => s.analysisError);
  const result = usePlayground(selectCurrentResult);
  const selectId = useId();

  return (
    <section className="panel status" aria-label="Status" data-testid="view-status">
      <ModelLine role="exlm" name={names.exlm} load={load.exlm} onRetry={onRetry} />
      <ModelLine role="mlm" name={names.mlm} load={load.mlm} onRetry={onRetry} />
      <ModelPicker onSelectModel={onSelectModel} />
      <div className="status__line">
        <label htmlFor={selectId} className="status__key">
          Backend
        </label>{' '}
        <select
          id={selectId}
          value={preferred ?? 'auto'}
          onChange={(event) =>
            onSwitchBackend(isBackendName(event.target.value) ? event.target.value : null)
          }
          data-testid="backend-select"
        >
          <option value="auto">best available</option>
          {BACKEND_ORDER.map((name) => (
            <option key={name} value={name}>
              {BACKEND_LABELS[name]}
            </option>
          ))}
        </select>{' '}
        in use: <strong data-testid="active-backend">{active ?? 'starting…'}</strong>
      </div>
      {notice !== null ? (
        <p className="message message--warning" data-testid="backend-notice">
          {notice}
        </p>
      ) : null}
      <div className="status__line" aria-live="polite">
        <span className="status__key">Last analysis</span>{' '}
        {result !== null ? (
          <span data-testid="analysis-ms" data-ms={result.exlm.elapsedMs}>
            {formatMs(result.exlm.elapsedMs)} in the model ({formatMs(result.roundTripMs)} round
            trip)
          </span>
        ) : (
          <span>{analyzing ? 'analysing…' : '—'}</span>
        )}
      </div>
      {analysisError !== null ? (
        <p className="message message--error" role="alert">
          The analysis failed: {analysisError}
        </p>
      ) : null}
    </section>
  );
}
