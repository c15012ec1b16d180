// The molecule mode's structure view, as the page's molecule slot shows it. Only this small
// wrapper is in the page's first-load JavaScript: the view (StructureView.tsx, which starts RDKit's
// worker) is a chunk of its own, fetched when molecule mode first shows this. A failed download
// says so, with a button to try again.
import { type ComponentType, useEffect, useState } from 'react';

import type { MoleculeViewProps } from './moleculeViewProps';
import { STRUCTURE_TITLE } from './structureWords';

type ViewState =
  | { status: 'loading' }
  | { status: 'ready'; View: ComponentType<MoleculeViewProps> }
  | { status: 'error'; message: string };

export function MoleculeView(props: MoleculeViewProps) {
  const [state, setState] = useState<ViewState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    import('./StructureView').then(
      (module) => {
        if (live) setState({ status: 'ready', View: module.StructureView });
      },
      (error: unknown) => {
        if (!live) return;
        const why = error instanceof Error ? error.message : String(error);
        const offline = navigator.onLine ? '' : ': the page is offline';
        setState({
          status: 'error',
          message: `The structure view could not be downloaded${offline} (${why}). Connect and try again.`,
        });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  if (state.status === 'ready') return <state.View {...props} />;
  return (
    <section className="panel" aria-label={STRUCTURE_TITLE} data-testid="view-structure">
      <h2 className="panel__title">{STRUCTURE_TITLE}</h2>
      {state.status === 'loading' ? (
        <p className="message message--info" role="status">
          Loading the structure view…
        </p>
      ) : (
        <div className="message message--error" role="alert" data-testid="structure-error">
          <p>{state.message}</p>
          <button
            type="button"
            onClick={() => {
              setState({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>
        </div>
      )}
    </section>
  );
}
