// ExLM beside its MLM twin on the same input: per mask the top tokens and the entropy of each, and
// each model's fill. The twin differs only in the expansion and the transition head, so this is
// where the effect of ExLM's DAG shows.
import type { Analysis } from '../../model/types';
import type { LoadState } from '../../state/types';
import { FillLine } from '../predictions/FillLine';
import { SlotCards } from '../predictions/SlotCards';
import { formatEntropy } from '../predictions/format';
import '../predictions/Predictions.css';
import './Compare.css';

export interface CompareViewProps {
  exlm: Analysis;
  mlm: Analysis | null;
  mlmName: string | null;
  mlmLoad: LoadState;
  hiddenWords: (string | null)[];
  topK: number;
}

function meanEntropy(analysis: Analysis): number | null {
  if (analysis.masks.length === 0) return null;
  return analysis.masks.reduce((sum, m) => sum + m.entropy, 0) / analysis.masks.length;
}

function Column({
  title,
  analysis,
  hiddenWords,
  topK,
}: {
  title: string;
  analysis: Analysis;
  hiddenWords: (string | null)[];
  topK: number;
}) {
  const mean = meanEntropy(analysis);
  return (
    <div className="compare__column" data-testid={`compare-${analysis.architecture}`}>
      <h3 className="compare__model">
        {title} <span className="compare__name">{analysis.model}</span>
      </h3>
      <FillLine label="Fill:" text={analysis.fill.text} />
      {mean !== null ? <p className="compare__mean">Mean entropy {formatEntropy(mean)}</p> : null}
      <SlotCards analysis={analysis} hiddenWords={hiddenWords} topK={topK} />
    </div>
  );
}

function twinMessage(name: string | null, load: LoadState): string {
  if (name === null)
    return 'No MLM twin was found next to this model, so there is nothing to compare with.';
  if (load.phase === 'error') return `The MLM twin "${name}" could not be loaded: ${load.message}`;
  if (load.phase === 'ready') return 'Analysing with the MLM twin…';
  return `Loading the MLM twin "${name}"…`;
}

export function CompareView({ exlm, mlm, mlmName, mlmLoad, hiddenWords, topK }: CompareViewProps) {
  return (
    <section
      className="panel compare"
      aria-label="Compare with the MLM twin"
      data-testid="view-compare"
    >
      <h2 className="panel__title">ExLM against its MLM twin</h2>
      <div className="compare__columns">
        <Column title="ExLM" analysis={exlm} hiddenWords={hiddenWords} topK={topK} />
        {mlm !== null ? (
          <Column title="MLM" analysis={mlm} hiddenWords={hiddenWords} topK={topK} />
        ) : (
          <p className="message message--info compare__column">{twinMessage(mlmName, mlmLoad)}</p>
        )}
      </div>
    </section>
  );
}
