// Model name and size, backend (with a switch, and for "best available" on a machine without a
// real GPU the timings it chose by), load time and the last analysis time; a model that
// failed to load says what failed and offers a retry, while the rest of the page keeps working.
// Every control states an intent in the store (requestModel, openLocalModel, requestBackend,
// retryModels); the controller follows the store, so a link and a click take the same route.
import { useId } from 'react';

import { BACKEND_LABELS, BACKEND_ORDER, isBackendName } from '../../core/backends';
import { type ModelQuality, pickerModels } from '../../core/catalog';
import type { InputMode } from '../../core/inputMode';
import { selectCurrentResult } from '../../state/selectors';
import { usePlayground } from '../../state/store';
import type { LoadState, ModelRole } from '../../state/types';
import { formatBytes, formatCount, formatMs } from '../common/format';
import { Term } from '../common/Term';
import { useModelDomain } from '../common/useModelDomain';
import { autoBackendText } from './autoBackendText';
import { OpenModelFolder } from './OpenModelFolder';
import { qualityParts } from './quality';
import './Status.css';

const ROLE_LABELS: Record<ModelRole, string> = { exlm: 'Model', mlm: 'MLM twin' };

/** The measured quality of a model, next to its name (config.json's "evaluation"), in the words of
 *  its domain (sentences and words, or molecules and SMILES tokens). */
function QualityNote({
  role,
  quality,
  domain,
}: {
  role: ModelRole;
  quality: ModelQuality;
  domain: InputMode;
}) {
  const parts = qualityParts(quality, domain);
  if (parts === null) return null;
  return (
    <span className="status__quality" data-testid={`quality-${role}`}>
      : <Term id="accuracy">top-1</Term> {parts.top1}, top-5 {parts.top5} on {parts.sample} (
      {parts.masked}){parts.valid !== null ? <>; {parts.valid}</> : null};
    </span>
  );
}

function ModelLine({
  role,
  name,
  load,
  quality,
  onRetry,
}: {
  role: ModelRole;
  name: string | null;
  load: LoadState;
  /** Its measured quality, from the catalog or the loaded config; null when never scored. */
  quality: ModelQuality | null;
  onRetry: () => void;
}) {
  const domain = useModelDomain(name);
  if (name === null) {
    return role === 'exlm' ? <p className="status__line">Looking for models…</p> : null;
  }
  return (
    <div className="status__line" data-testid={`status-model-${role}`} data-phase={load.phase}>
      <span className="status__key">
        {role === 'mlm' ? <Term id="mlm-twin">{ROLE_LABELS[role]}</Term> : ROLE_LABELS[role]}
      </span>{' '}
      <strong>{name}</strong>
      {quality !== null ? <QualityNote role={role} quality={quality} domain={domain} /> : null}{' '}
      {load.phase === 'loading' ? <span>loading…</span> : null}
      {load.phase === 'idle' && role === 'mlm' ? (
        <span>not loaded yet: it loads when Compare opens</span>
      ) : null}
      {load.phase === 'ready' ? (
        <span>
          {load.info.config.architecture === 'exlm' ? (
            <>
              <Term id="exlm">ExLM</Term>, k = {load.info.config.expansion}
            </>
          ) : (
            'MLM'
          )}
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

/** A picker over the model folders found under /models/ and the folder last opened from disk;
 *  hidden when there is only one. */
function ModelPicker() {
  const catalog = usePlayground((s) => s.catalog);
  const current = usePlayground((s) => s.modelNames.exlm);
  const local = usePlayground((s) => s.localModel?.name ?? null);
  const dev = usePlayground((s) => s.devMode);
  const shown = usePlayground((s) => s.shownModels);
  const domain = usePlayground((s) => s.mode);
  const requestModel = usePlayground((s) => s.requestModel);
  const pickerId = useId();
  // Random-weight test models only with ?dev=1, or once shown (a link may name one); only the
  // models of the page's mode (text or molecules).
  const available =
    catalog === null
      ? []
      : pickerModels(catalog, { dev, keep: shown, domain }).map((entry) => entry.name);
  if (local !== null && !available.includes(local)) available.push(local);
  if (current !== null && !available.includes(current)) available.unshift(current);
  if (available.length < 2 || current === null) return null;
  return (
    <div className="status__line">
      <label htmlFor={pickerId} className="status__key">
        Choose model
      </label>{' '}
      <select
        id={pickerId}
        value={current}
        onChange={(event) => requestModel(event.target.value)}
        data-testid="model-select"
      >
        {available.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A model's measured quality: the catalog's, else that of the config it was loaded from. */
function useQuality(name: string | null, load: LoadState): ModelQuality | null {
  const fromCatalog = usePlayground(
    (s) => s.catalog?.find((entry) => entry.name === name)?.quality ?? null,
  );
  const fromConfig = load.phase === 'ready' ? (load.info.config.evaluation ?? null) : null;
  return fromCatalog ?? fromConfig;
}

export function StatusPanel() {
  const names = usePlayground((s) => s.modelNames);
  const load = usePlayground((s) => s.modelLoad);
  const exlmQuality = useQuality(names.exlm, load.exlm);
  const mlmQuality = useQuality(names.mlm, load.mlm);
  const active = usePlayground((s) => s.activeBackend);
  const preferred = usePlayground((s) => s.preferredBackend);
  const notice = usePlayground((s) => s.backendNotice);
  const auto = usePlayground((s) => s.autoBackend);
  const autoText = preferred === null ? autoBackendText(auto) : null;
  const analyzing = usePlayground((s) => s.analyzing);
  const analysisError = usePlayground((s) => s.analysisError);
  const runtimeError = usePlayground((s) => s.runtimeError);
  const result = usePlayground(selectCurrentResult);
  const retryModels = usePlayground((s) => s.retryModels);
  const requestBackend = usePlayground((s) => s.requestBackend);
  const selectId = useId();

  return (
    <section className="panel status" aria-label="Status" data-testid="view-status">
      <ModelLine
        role="exlm"
        name={names.exlm}
        load={load.exlm}
        quality={exlmQuality}
        onRetry={retryModels}
      />
      <ModelLine
        role="mlm"
        name={names.mlm}
        load={load.mlm}
        quality={mlmQuality}
        onRetry={retryModels}
      />
      <ModelPicker />
      <OpenModelFolder />
      <div className="status__line">
        <label htmlFor={selectId} className="status__key">
          Backend
        </label>{' '}
        <select
          id={selectId}
          value={preferred ?? 'auto'}
          onChange={(event) =>
            requestBackend(isBackendName(event.target.value) ? event.target.value : null)
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
      {autoText !== null ? (
        <p
          className="status__line status__hint"
          data-testid="backend-choice"
          data-phase={auto?.phase}
        >
          {autoText}
        </p>
      ) : null}
      {runtimeError !== null ? (
        <p className="message message--error" role="alert" data-testid="runtime-error">
          {runtimeError}
        </p>
      ) : null}
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
