// The open views, fed with the current analysis only: while the text in the editor has no
// matching result yet, each open view says so instead of showing numbers for other text.
import { useShallow } from 'zustand/react/shallow';

import { selectCurrentResult, selectEffectiveMasks, selectWords } from '../../state/selectors';
import { usePlayground } from '../../state/store';
import { VIEW_TITLES } from '../../state/viewIds';
import { AttentionView } from '../attention/AttentionView';
import { CompareView } from '../compare/CompareView';
import { DagView } from '../dag/DagView';
import { PredictionsView } from '../predictions/PredictionsView';
import { StatesView } from '../states/StatesView';

function useHiddenWords(): (string | null)[] {
  return usePlayground(
    useShallow((s) => {
      const words = selectWords(s);
      return selectEffectiveMasks(s).map((i) => {
        const word = words[i];
        return word === undefined || word.literalMask ? null : word.text;
      });
    }),
  );
}

function Waiting() {
  const exlmLoad = usePlayground((s) => s.modelLoad.exlm);
  const analyzing = usePlayground((s) => s.analyzing);
  const empty = usePlayground((s) => s.text.trim() === '');
  const openViews = usePlayground((s) => s.openViews);
  let message = 'Analysing…';
  if (empty) message = 'Type a sentence to see the model at work.';
  else if (exlmLoad.phase === 'error')
    message = 'The model did not load (see the status above), so there is nothing to show yet.';
  else if (exlmLoad.phase !== 'ready') message = 'Loading the model…';
  else if (!analyzing) message = 'Waiting for the analysis…';
  return (
    <section className="panel waiting" data-testid="views-waiting">
      <p className="message message--info">{message}</p>
      <p className="waiting__views">
        Open: {openViews.map((id) => VIEW_TITLES[id]).join(', ') || 'none'}
      </p>
    </section>
  );
}

export function ResultViews() {
  const result = usePlayground(selectCurrentResult);
  const openViews = usePlayground((s) => s.openViews);
  const topK = usePlayground((s) => s.topK);
  const hovered = usePlayground((s) => s.hoveredState);
  const setHovered = usePlayground((s) => s.setHoveredState);
  const threshold = usePlayground((s) => s.dagThreshold);
  const setThreshold = usePlayground((s) => s.setDagThreshold);
  const mlmName = usePlayground((s) => s.modelNames.mlm);
  const mlmLoad = usePlayground((s) => s.modelLoad.mlm);
  const hiddenWords = useHiddenWords();

  if (openViews.length === 0) {
    return <p className="message message--info">All views are closed: tick one under “Views”.</p>;
  }
  if (result === null) return <Waiting />;
  const analysis = result.exlm;
  // A hovered state from an older analysis may point past this one's states.
  const hoveredState = hovered !== null && hovered < analysis.states.length ? hovered : null;
  const inside = { analysis, hoveredState, onHoverState: setHovered };
  return (
    <div className="result-views">
      {openViews.includes('predictions') ? (
        <PredictionsView analysis={analysis} hiddenWords={hiddenWords} topK={topK} />
      ) : null}
      {openViews.includes('compare') ? (
        <CompareView
          exlm={analysis}
          mlm={result.mlm}
          mlmName={mlmName}
          mlmLoad={mlmLoad}
          hiddenWords={hiddenWords}
          topK={topK}
        />
      ) : null}
      {openViews.includes('states') ? (
        <div className="panel" data-testid="view-states">
          <StatesView {...inside} />
        </div>
      ) : null}
      {openViews.includes('dag') ? (
        <div className="panel" data-testid="view-dag">
          <DagView {...inside} threshold={threshold} onThresholdChange={setThreshold} />
        </div>
      ) : null}
      {openViews.includes('attention') ? (
        <div className="panel" data-testid="view-attention">
          <AttentionView {...inside} />
        </div>
      ) : null}
    </div>
  );
}
