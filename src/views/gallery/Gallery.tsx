// One click puts an example sentence with its masks into the editor.
import { maskedText } from '../../core/words';
import { usePlayground } from '../../state/store';
import { EXAMPLES } from './examples';
import './Gallery.css';

export function Gallery() {
  const setDocument = usePlayground((s) => s.setDocument);
  return (
    <section className="panel gallery" aria-label="Example sentences">
      <h2 className="panel__title">Examples</h2>
      <ul className="gallery__list">
        {EXAMPLES.map((example) => (
          <li key={`${example.text}#${example.masks.join(',')}`}>
            <button
              type="button"
              className="gallery__item"
              onClick={() => setDocument(example.text, example.masks)}
            >
              <span className="gallery__text">{maskedText(example.text, example.masks)}</span>
              <span className="gallery__why">{example.why}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
