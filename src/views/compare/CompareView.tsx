// ExLM beside its MLM twin on the same input: per mask the top tokens and the entropy of each, and
// each model's fill. The twin differs only in the expansion and the transition head, so this is
// where the effect of ExLM's DAG shows.
import type { BarScale } from '../../core/defaults';
import type { Analysis } from '../../model/types';
import type { LoadState } from '../../state/types';
import { ExportMenu, type FigureSource } from '../common/ExportMenu';
import { FillLine } from '../predictions/FillLine';
import { FillNote } from '../predictions/FillNote';
import { slotsExportSettings } from '../predictions/slotsExport';
import { SlotCards } from '../predictions/SlotCards';
import { DOMAIN_WORDS } from '../common/domainWords';
import { entropyInWords, formatEntropyValue } from '../common/format';
import { barScaleNote } from '../common/scales';
import { Term } from '../common/Term';
import { useModelDomain } from '../common/useModelDomain';
import { ViewIntro } from '../common/ViewIntro';
import '../predictions/Predictions.css';
import './Compare.css';

export interface CompareViewProps {
  exlm: Analysis;
  mlm: Analysis | null;
  mlmName: string | null;
  mlmLoad: LoadState;
  hiddenWords: (string | null)[];
  topK: number;
  /** How probability bars are drawn: out of 100% or relative to the top guess. */
  barScale: BarScale;
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
  barScale,
}: {
  title: 'ExLM' | 'MLM';
  analysis: Analysis;
  hiddenWords: (string | null)[];
  topK: number;
  barScale: BarScale;
}) {
  const mean = meanEntropy(analysis);
  const domain = useModelDomain(analysis.model);
  return (
    <div className="compare__column" data-testid={`compare-${analysis.architecture}`}>
      <h3 className="compare__model">
        {title === 'ExLM' ? <Term id="exlm">ExLM</Term> : <Term id="mlm-twin">MLM</Term>}{' '}
        <span className="compare__name">{analysis.model}</span>
      </h3>
      <FillLine
        label={
          <>
            <Term id="joint-fill">Fill</Term>:
          </>
        }
        text={analysis.fill.text}
      />
      <FillNote analysis={analysis} topK={topK} domain={domain} />
      {mean !== null ? (
        <p className="compare__mean">
          Mean <Term id="entropy">entropy</Term> {formatEntropyValue(mean)}{' '}
          <Term id="nats">nats</Term>: {entropyInWords(mean, DOMAIN_WORDS[domain].tokens)}
        </p>
      ) : null}
      <SlotCards
        analysis={analysis}
        hiddenWords={hiddenWords}
        topK={topK}
        barScale={barScale}
        domain={domain}
      />
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

/** The export draws both models' slots from the current analyses (slotsFigure.ts). */
const SLOTS_FIGURE: FigureSource = { kind: 'slots' };

export function CompareView({
  exlm,
  mlm,
  mlmName,
  mlmLoad,
  hiddenWords,
  topK,
  barScale,
}: CompareViewProps) {
  const domain = useModelDomain(exlm.model);
  return (
    <section
      className="panel compare"
      aria-label="Compare with the MLM twin"
      data-testid="view-compare"
    >
      <h2 className="panel__title">ExLM against its MLM twin</h2>
      <ExportMenu
        view="compare"
        title="ExLM against its MLM twin"
        figure={SLOTS_FIGURE}
        describe={() => slotsExportSettings(exlm, topK, barScale, domain)}
      />
      <ViewIntro className="compare__note">
        The same masks, read by <Term id="exlm">ExLM</Term> and by its{' '}
        <Term id="mlm-twin">MLM twin</Term>. {barScaleNote(barScale)}
      </ViewIntro>
      <div className="compare__columns">
        <Column
          title="ExLM"
          analysis={exlm}
          hiddenWords={hiddenWords}
          topK={topK}
          barScale={barScale}
        />
        {mlm !== null ? (
          <Column
            title="MLM"
            analysis={mlm}
            hiddenWords={hiddenWords}
            topK={topK}
            barScale={barScale}
          />
        ) : (
          <p className="message message--info compare__column">{twinMessage(mlmName, mlmLoad)}</p>
        )}
      </div>
    </section>
  );
}
