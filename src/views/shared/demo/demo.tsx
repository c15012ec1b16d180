// DEV-ONLY demo page for the inside views (states, DAG, attention) on synthetic demo data, served
// by `npx vite` at /src/views/shared/demo/demo.html. Never part of the real page. The variant comes
// from ?variant=exlm|mlm|long|no-attention and the views to show from ?views=states,dag,attention.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AttentionView } from '../../attention/AttentionView';
import { DagView } from '../../dag/DagView';
import { StatesView } from '../../states/StatesView';
import type { DemoVariant } from './demoSpecs';
import { DEMO_VARIANTS, demoAnalysis } from './demoSpecs';

const ALL_VIEWS = ['states', 'dag', 'attention'];

function readParams(): { variant: DemoVariant; views: string[] } {
  const params = new URLSearchParams(window.location.search);
  const asked = params.get('variant');
  const variant = DEMO_VARIANTS.find((v) => v === asked) ?? 'exlm';
  const views = (params.get('views') ?? ALL_VIEWS.join(',')).split(',');
  return { variant, views };
}

function Demo() {
  const [{ variant, views }] = useState(readParams);
  const [analysis] = useState(() => demoAnalysis(variant));
  const [hoveredState, setHoveredState] = useState<number | null>(null);
  const props = { analysis, hoveredState, onHoverState: setHoveredState };
  return (
    <main style={{ display: 'grid', gap: '2rem' }}>
      <p style={{ background: '#fff8d6', padding: '0.5rem', margin: 0 }}>
        Demo data (synthetic, not a model output): variant <b>{variant}</b>, &quot;{analysis.text}
        &quot; → &quot;{analysis.fill.text}&quot;. Hovered state: {hoveredState ?? 'none'}.
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
