// The key to every mark drawDag.ts draws: nodes and their rows and columns, edge width and
// opacity, the path, the role above a path node, arcs between copies of one token, the dashed box
// of the open state, the hover colour, the italic words between two tokens and the edges the
// threshold hides, in the words of the way the DAG runs (across or down). Each swatch is a tiny SVG
// styled like the mark it stands for.
import type { ReactNode } from 'react';
import type { InputMode } from '../../core/inputMode';
import { DOMAIN_WORDS } from '../common/domainWords';
import { formatFixed } from '../common/format';
import { Term } from '../common/Term';
import type { DagFlow } from './dagLayout';
import './DagLegend.css';

export interface DagLegendProps {
  threshold: number;
  /** Most edges drawn besides the path (MAX_DRAWN_EDGES). */
  maxDrawn: number;
  /** Which way the DAG runs: a column per token (across) or a row per token (down). */
  flow: DagFlow;
  /** The model's domain: the tokens between masks are a sentence's words or a SMILES's tokens. */
  domain: InputMode;
}

const W = 44;
const H = 22;

function Swatch({ children }: { children: ReactNode }) {
  return (
    <svg
      className="dag-legend__swatch"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

function Item({ swatch, children }: { swatch: ReactNode; children: ReactNode }) {
  return (
    <li className="dag-legend__item">
      <Swatch>{swatch}</Swatch>
      <span>{children}</span>
    </li>
  );
}

/** A node's box; `kind` picks the look of a path, open or hovered state (DagLegend.css mirrors
 *  DagView.css: the DAG's own class names would make the swatches count as nodes). */
const node = (kind = '') => (
  <rect
    className={`dag-legend__node${kind === '' ? '' : ` dag-legend__node--${kind}`}`}
    x={6}
    y={3}
    width={32}
    height={16}
    rx={4}
  />
);

/** The legend's words for the lines of the DAG and the arcs beside them, whichever way it runs. */
const FLOW_LEGEND: Record<
  DagFlow,
  {
    line: string;
    named: string;
    copies: string;
    first: string;
    arcSide: string;
    between: string;
    arc: string;
  }
> = {
  across: {
    line: 'A column',
    named: 'named under it',
    copies: 'rows',
    first: 'copy 1 at the top',
    arcSide: 'an arc beside a column',
    between: 'between columns',
    arc: 'M10,3 C34,3 34,19 10,19',
  },
  down: {
    line: 'A row',
    named: 'named left of it',
    copies: 'columns',
    first: 'copy 1 at the left',
    arcSide: 'an arc under a row',
    between: 'between rows',
    arc: 'M6,4 C6,20 38,20 38,4',
  },
};

export function DagLegend({ threshold, maxDrawn, flow, domain }: DagLegendProps) {
  const words = FLOW_LEGEND[flow];
  const { input, tokens } = DOMAIN_WORDS[domain];
  return (
    <ul className="dag-legend" aria-label="How to read the DAG" data-testid="dag-legend">
      <Item swatch={node()}>
        a <Term id="expanded-state">state</Term>: its most likely token and that token&apos;s
        probability. {words.line} per [CLS], mask and [SEP], {words.named} (&quot;mask 2 @3&quot;:
        the second mask, at position 3); its {words.copies} are the <Term id="copy">copies</Term> (
        {words.first})
      </Item>
      <Item
        swatch={
          <>
            <path className="dag-legend__edge" d="M2,6 H42" strokeWidth={1} strokeOpacity={0.35} />
            <path className="dag-legend__edge" d="M2,16 H42" strokeWidth={5} strokeOpacity={0.9} />
          </>
        }
      >
        a <Term id="link">link</Term> from a state to a later one: the wider and darker, the more
        likely that step
      </Item>
      <Item
        swatch={
          <>
            <path
              className="dag-legend__edge dag-legend__edge--path"
              d="M0,11 H44"
              strokeWidth={3}
            />
            {node('path')}
          </>
        }
      >
        the best <Term id="path">path</Term> (the <Term id="joint-fill">best joint fill</Term>):
        thick box, dashed line; &quot;slot 2&quot;, &quot;start&quot; or &quot;end&quot; above a box
        says what the state does on it
      </Item>
      <Item swatch={<path className="dag-legend__edge" d={words.arc} strokeWidth={2} />}>
        {words.arcSide}: a link between two copies of the same token, such as the [SEP] copies at
        the end
      </Item>
      <Item swatch={node('selected')}>
        dashed box: the state whose details are open (click a state to open them)
      </Item>
      <Item swatch={node('hovered')}>the hovered state and its links</Item>
      <Item
        swatch={
          <text className="dag-legend__context" x={W / 2} y={15} textAnchor="middle">
            {domain === 'molecules' ? 'C' : 'cat'}
          </text>
        }
      >
        italic {tokens} {words.between}: the {input}&apos;s {tokens} between two masks, which get no
        states
      </Item>
      <Item swatch={<path className="dag-legend__hidden" d="M2,11 H42" />}>
        links below p = {formatFixed(threshold, 2)} are hidden (the slider), the path&apos;s never;
        at most {maxDrawn} others are drawn
      </Item>
    </ul>
  );
}
