// DEV-ONLY demo page for the inside views (states, DAG, attention), served by `npx vite` at
// /src/views/shared/demo/demo.html. Never part of the real page. Query parameters:
//   variant=exlm|mlm|long|no-attention  synthetic demo data (default exlm), or
//   model=<folder under models/>&text=...  a real analysis by src/model on tfjs cpu;
//   views=states,dag,attention  which views to show.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Analysis } from '../../../model/types';
import { AttentionView } from '../../attention/AttentionView';
import { DagView } from '../../dag/DagView';
import { StatesView } from '../../states/StatesView';
import { DEMO_VARIANTS, demoAnalysis } from './demoSpecs';
import { realAnalysis } from './realAnalysis';

const ALL_VIEWS = ['states', 'dag', 'attention'];
const DEFAULT_REAL_TEXT = 'the [MASK] sat on the [MASK] and it was good .';

interface Source {
  label: string;
  load: () => Promise<Analysis>;
}

function readSource(params: URLSearchParams): Source {
  const model = params.get('model');
  if (model) {
    const text = params.get('text') ?? DEFAULT_REAL_TEXT;
    return { label: `real analysis by model "${model}"`, load: () => realAnalysis(model, text) };
  }
  const asked = params.get('variant');
  const variant = DEMO_VARIANTS.find((v) => v === asked) ?? 'exlm';
  return {
    label: `demo data (synthetic, not a model output), variant ${variant}`,
    load: () => Promise.resolve(demoAnalysis(variant)),
  };
}

function Demo() {
  const [params] = useState(() => new URLSearchParams(window.location.search));
  const [source] = useState(() => readSource(params));
  const views = (params.get('views') ?? ALL_VIEWS.join(',')).split(',');
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hoveredState, setHoveredState] = useState<number | null>(null);

  useEffect(() => {
    source.load().then(setAnalysis, (e: unknown) => setError(String(e)));
  }, [source]);

  if (error) return <p role="alert">{error}</p>;
  if (!analysis) return <p>Loading {source.label}…</p>;
  const props = { analysis, hoveredState, onHoverState: setHoveredState };
  return (
    <main style={{ display: 'grid', gap: '2rem' }} data-ready="true">
      <p style={{ background: '#fff8d6', padding: '0.5rem', margin: 0 }}>
        {source.label}: &quot;{analysis.text}&quot; → &quot;{analysis.fill.text}&quot;. Hovered
        state: {hoveredState ?? 'none'}.
      </p>
      {views.includes('states') && <StatesView {...props} />}
      {views.includes('dag') && <DagView {...props} />}
      {views.includes('attention') && <AttentionView {...props} />}
    </main>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('demo.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Demo />
  </StrictMode>,
);
