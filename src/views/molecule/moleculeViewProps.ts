// The props the page's molecule slot gives this view (src/views/layout/MoleculeSlot.tsx).
import type { Word } from '../../core/words';
import type { Analysis } from '../../model/types';

export interface MoleculeViewProps {
  /** The SMILES in the editor, as typed: masked tokens keep their own text, a typed "[MASK]"
   *  stays "[MASK]". */
  smiles: string;
  /** Each SMILES token with its text and offsets ([CLS] not counted). */
  tokens: readonly Word[];
  /** Indices into `tokens` of the masked tokens, sorted: slot i is tokens[masks[i]]. */
  masks: readonly number[];
  /** The ExLM's analysis of exactly this masked SMILES, or null while there is none. */
  analysis: Analysis | null;
  /** The ExLM's folder name, null before it is known. */
  modelName: string | null;
  /** Presentation mode is on. */
  presentation: boolean;
}
