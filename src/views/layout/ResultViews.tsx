// The open views, fed with the last analysis: while the text in the editor has no matching result
// yet, they keep the previous one on screen, dimmed and marked stale (StaleResult.tsx), so an edit
// never blanks the page; before the first result each open view says why there is none. While a
// lesson step is open, the view it is about comes first, right under the step's text. In molecule
// mode the structure view (MoleculeSlot) comes first of all, whatever else is open, but for a
// lesson step's view.
import { Fragment, type ReactNode } from 'react';

import { QUIZ_COVERED_VIEWS, selectQuizCover } from '../../state/quizCover';
import { selectSmilesChecks } from '../../state/selectors';
import { usePlayground } from '../../state/store';
import { VIEW_TITLES, type ViewId } from '../../state/viewIds';
import { AttentionView } from '../attention/AttentionView';
import { CompareView } from '../compare/CompareView';
import { lessonLeadView } from '../lesson/applyLessonStep';
import { DagView } from '../dag/DagView';
import { ExperimentView } from '../experiment/ExperimentView';
import { PredictionsView } from '../predictions/PredictionsView';
import { CoveredViews } from '../quiz/CoveredViews';
import { QuizView } from '../quiz/QuizView';
import { StatesView } from '../states/StatesView';
import { MoleculeSlot } from './MoleculeSlot';
import { UpdatingBadge, useShownViews } from './StaleResult';

function Waiting() {
  const exlmLoad = usePlayground((s) => s.modelLoad.exlm);
  const analyzing = usePlayground((s) => s.analyzing);
  const empty = usePlayground((s) => s.text.trim() === '');
  const molecules = usePlayground((s) => s.mode === 'molecules');
  const blocked = usePlayground((s) => selectSmilesChecks(s).some((check) => check.blocking));
  const openViews = usePlayground((s) => s.openViews);
  let message = 'Analysing…';
  if (empty) message = `Type ${molecules ? 'a SMILES' : 'a sentence'} to see the model at work.`;
  else if (blocked)
    message = 'The model reads nothing until the SMILES is fixed: see the message under it.';
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
  // The masked words, left to right; none while a quiz round is open (the class is guessing).
  const { shown, hiddenWords } = useShownViews();
  const openViews = usePlayground((s) => s.openViews);
  const topK = usePlayground((s) => s.topK);
  const hovered = usePlayground((s) => s.hoveredState);
  const setHovered = usePlayground((s) => s.setHoveredState);
  const threshold = usePlayground((s) => s.dagThreshold);
  const barScale = usePlayground((s) => s.barScale);
  const setThreshold = usePlayground((s) => s.setDagThreshold);
  const mlmName = usePlayground((s) => s.modelNames.mlm);
  const mlmLoad = usePlayground((s) => s.modelLoad.mlm);
  const quizRound = usePlayground((s) => selectQuizCover(s).active);
  const lead = usePlayground((s) => lessonLeadView(s.lessonStep));

  const molecule = <MoleculeSlot />;
  if (openViews.length === 0) {
    return (
      <div className="result-views">
        {molecule}
        <p className="message message--info">All views are closed: tick one under “Views”.</p>
      </div>
    );
  }
  // The experiment needs no analysis of the editor's text: it shows with or without one, keyed so
  // that it keeps its state while analyses come and go.
  const experiment = openViews.includes('experiment') ? <ExperimentView key="experiment" /> : null;
  if (shown === null) {
    return (
      <div className="result-views">
        {molecule}
        {openViews.some((id) => id !== 'experiment') ? <Waiting /> : null}
        {experiment}
      </div>
    );
  }
  const { result, stale } = shown;
  const analysis = result.exlm;
  // A hovered state from an older analysis may point past this one's states.
  const hoveredState = hovered !== null && hovered < analysis.states.length ? hovered : null;
  const inside = { analysis, hoveredState, onHoverState: setHovered };
  // While a quiz round is open, the views of the models' guesses wait for the reveal.
  const covered = quizRound ? QUIZ_COVERED_VIEWS.filter((id) => openViews.includes(id)) : [];
  const shows = (id: ViewId) => openViews.includes(id) && !covered.includes(id);
  // The views of the models' guesses, in the page's order, the lesson step's own view first.
  const guessViews: { id: ViewId; element: ReactNode }[] = [
    {
      id: 'predictions',
      element: shows('predictions') ? (
        <PredictionsView
          analysis={analysis}
          hiddenWords={hiddenWords}
          topK={topK}
          barScale={barScale}
        />
      ) : null,
    },
    {
      id: 'compare',
      element: shows('compare') ? (
        <CompareView
          exlm={analysis}
          mlm={result.mlm}
          mlmName={mlmName}
          mlmLoad={mlmLoad}
          hiddenWords={hiddenWords}
          topK={topK}
          barScale={barScale}
        />
      ) : null,
    },
    {
      id: 'states',
      element: shows('states') ? (
        <div className="panel" data-testid="view-states">
          <StatesView {...inside} barScale={barScale} />
        </div>
      ) : null,
    },
    {
      id: 'dag',
      element: shows('dag') ? (
        <div className="panel" data-testid="view-dag">
          <DagView
            {...inside}
            threshold={threshold}
            onThresholdChange={setThreshold}
            barScale={barScale}
          />
        </div>
      ) : null,
    },
    {
      id: 'attention',
      element: shows('attention') ? (
        <div className="panel" data-testid="view-attention">
          <AttentionView {...inside} />
        </div>
      ) : null,
    },
  ];
  guessViews.sort((a, b) => Number(b.id === lead) - Number(a.id === lead));
  // A lesson step's own view comes first, above even the structures: the step's text is about it
  // and the page shows it right under that text (the molecule steps).
  const leading = lead !== null && guessViews[0]?.id === lead ? guessViews.shift() : undefined;
  return (
    <div
      className="result-views"
      aria-busy={stale || undefined}
      data-stale={stale ? 'true' : undefined}
    >
      {leading?.element}
      {molecule}
      {openViews.includes('quiz') ? <QuizView /> : null}
      <CoveredViews views={covered} />
      {guessViews.map(({ id, element }) => (
        <Fragment key={id}>{element}</Fragment>
      ))}
      {experiment}
      <UpdatingBadge shown={shown} />
    </div>
  );
}
