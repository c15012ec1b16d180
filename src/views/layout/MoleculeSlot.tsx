// The place of the structure view (src/views/molecule/) on the page: only in molecule mode, first
// among the result views. It hands the view the editor's SMILES as typed, its tokens and masks, and
// the ExLM's analysis of exactly that input (none while it is on its way), so that what the view
// draws always belongs to the SMILES on screen.
import { selectCurrentResult, selectEffectiveMasks, selectWords } from '../../state/selectors';
import { usePlayground } from '../../state/store';
import { MoleculeView } from '../molecule/MoleculeView';

export function MoleculeSlot() {
  const mode = usePlayground((s) => s.mode);
  const smiles = usePlayground((s) => s.text);
  const tokens = usePlayground(selectWords);
  const masks = usePlayground(selectEffectiveMasks);
  const analysis = usePlayground((s) => selectCurrentResult(s)?.exlm ?? null);
  const modelName = usePlayground((s) => s.modelNames.exlm);
  const presentation = usePlayground((s) => s.presentation);
  if (mode !== 'molecules') return null;
  return (
    <MoleculeView
      smiles={smiles}
      tokens={tokens}
      masks={masks}
      analysis={analysis}
      modelName={modelName}
      presentation={presentation}
    />
  );
}
