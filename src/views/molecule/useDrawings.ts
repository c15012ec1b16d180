// The structure view's drawings, made by the RDKit worker: the content's drawings (kept on screen
// with the content they belong to until the next are ready, so nothing jumps while typing) and one
// large drawing of a picked candidate.
import { useEffect, useState } from 'react';

import { type Drawn, type DrawnContent, LARGE } from './drawContent';
import type { RdkitClient } from './rdkitLoader';
import type { DrawingPlan, StructureContent } from './structureContent';

export interface ShownDrawings {
  content: StructureContent;
  drawn: DrawnContent;
  /** The drawings are of an older content: the newer ones are on their way. */
  stale: boolean;
}

export function useDrawings(
  client: RdkitClient | null,
  content: StructureContent,
  presenting: boolean,
): { shown: ShownDrawings | null; error: string | null } {
  const [done, setDone] = useState<{ content: StructureContent; drawn: DrawnContent } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (client === null) return;
    let live = true;
    client.drawContent(content, presenting).then(
      (drawn) => {
        if (!live) return;
        setDone({ content, drawn });
        setError(null);
      },
      (reason: unknown) => {
        if (live) setError(reason instanceof Error ? reason.message : String(reason));
      },
    );
    return () => {
      live = false;
    };
  }, [client, content, presenting]);

  const shown = done === null ? null : { ...done, stale: done.content !== content };
  return { shown, error };
}

/** `plan` drawn large, or null until it is (and without a plan). */
export function useLargeDrawing(
  client: RdkitClient | null,
  plan: DrawingPlan | null,
): Drawn | null {
  const [done, setDone] = useState<{ plan: DrawingPlan; drawn: Drawn } | null>(null);

  useEffect(() => {
    if (client === null || plan === null) return;
    let live = true;
    client.drawPlan(plan, LARGE).then(
      (drawn) => {
        if (live) setDone({ plan, drawn });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, plan]);

  return done !== null && done.plan === plan ? done.drawn : null;
}
