// The presenter view's end of the presenter channel (presenterChannel.ts): it says hello when it
// opens (the projected window answers with its step) and bye when it closes, keeps the last step
// and sentence the projected window reported, and asks it to move.
import { useCallback, useEffect, useRef, useState } from 'react';

import { openPresenterChannel, readPresenterMessage } from './presenterChannel';

export interface PresenterLink {
  /** A projected window has answered. */
  connected: boolean;
  /** The step it shows (0-based), null while its lesson is closed. */
  step: number | null;
  /** Which of the step's sentences it shows; null once the user changed the sentence there. */
  variant: number | null;
  /** Asks the projected window to open `step` on its `variant`-th sentence, or to close (null). */
  go: (step: number | null, variant?: number) => void;
  /** The browser has no BroadcastChannel: nothing can reach the projected window. */
  unsupported: boolean;
}

export function usePresenterChannel(): PresenterLink {
  const channel = useRef<BroadcastChannel | null>(null);
  const [shown, setShown] = useState<{ step: number | null; variant: number | null } | null>(null);
  const [unsupported, setUnsupported] = useState(false);

  useEffect(() => {
    const opened = openPresenterChannel();
    if (opened === null) {
      setUnsupported(true);
      return undefined;
    }
    channel.current = opened;
    const onMessage = (event: MessageEvent) => {
      const message = readPresenterMessage(event.data);
      if (message?.kind === 'state') setShown({ step: message.step, variant: message.variant });
    };
    const sayBye = () => opened.postMessage({ kind: 'bye' });
    opened.addEventListener('message', onMessage);
    window.addEventListener('pagehide', sayBye);
    opened.postMessage({ kind: 'hello' });
    return () => {
      sayBye();
      window.removeEventListener('pagehide', sayBye);
      opened.removeEventListener('message', onMessage);
      opened.close();
      channel.current = null;
    };
  }, []);

  const go = useCallback((step: number | null, variant = 0) => {
    channel.current?.postMessage({ kind: 'go', step, variant });
  }, []);

  return {
    connected: shown !== null,
    step: shown?.step ?? null,
    variant: shown?.variant ?? null,
    go,
    unsupported,
  };
}
