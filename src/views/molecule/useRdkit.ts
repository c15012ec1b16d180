// RDKit for a component: starts its worker when the component first shows (the molecule mode
// opens) and reports where it stands; `retry` tries again after a failure.
import { useCallback, useEffect, useState } from 'react';

import { type RdkitClient, loadRdkit } from './rdkitLoader';

export type RdkitState =
  | { status: 'loading' }
  | { status: 'ready'; client: RdkitClient }
  | { status: 'error'; message: string };

export function useRdkit(): { state: RdkitState; retry: () => void } {
  const [state, setState] = useState<RdkitState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    loadRdkit().then(
      (client) => {
        if (live) setState({ status: 'ready', client });
      },
      (error: unknown) => {
        if (live)
          setState({
            status: 'error',
            message: error instanceof Error ? error.message : String(error),
          });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { state, retry };
}
