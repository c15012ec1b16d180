// Molecule mode's examples, where the text mode has its gallery of sentences (which are English
// and say so): one click puts a molecule with its mask into the editor.
import { usePlayground } from '../../state/store';
import { MOLECULE_EXAMPLES } from './moleculeExamples';
import '../gallery/Gallery.css';

export function MoleculeExamples() {
  const setDocument = usePlayground((s) => s.setDocument);
  return (
    <section className="panel gallery" aria-label="Example molecules">
      <h2 className="panel__title">Molecules to try</h2>
      <p className="app__text-only" data-testid="gallery-text-only">
        The example sentences are English: switch to Text to use them.
      </p>
      <ul className="gallery__list">
        {MOLECULE_EXAMPLES.map((example) => (
          <li key={example.name}>
            <button
              type="button"
              className="gallery__item"
              onClick={() => setDocument(example.smiles, example.masks)}
              data-testid="molecule-example"
            >
              <span className="gallery__text">
                {example.name}: <code>{example.smiles}</code>
              </span>
              <span className="gallery__why">{example.why}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
