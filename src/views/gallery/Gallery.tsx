// One click puts an example sentence with its masks into the editor. While a quiz round is open the
// notes stay closed (they name the models' answers) and the editor's sentence, if it is one of the
// examples, shows the round's masks too.
import { selectQuizCover } from '../../state/quizCover';
import { usePlayground } from '../../state/store';
import { EXAMPLES } from './examples';
import { exampleText } from './exampleText';
import './Gallery.css';

export function Gallery() {
  const setDocument = usePlayground((s) => s.setDocument);
  const editorText = usePlayground((s) => s.text);
  const cover = usePlayground(selectQuizCover);
  return (
    <section className="panel gallery" aria-label="Example sentences">
      <h2 className="panel__title">Examples</h2>
      {cover.active ? (
        <p className="gallery__covered" data-testid="gallery-covered">
          The notes open at Reveal: they name some answers.
        </p>
      ) : null}
      <ul className="gallery__list">
        {EXAMPLES.map((example) => (
          <li key={`${example.text}#${example.masks.join(',')}`}>
            <button
              type="button"
              className="gallery__item"
              onClick={() => setDocument(example.text, example.masks)}
            >
              <span className="gallery__text">
                {exampleText(example, editorText, cover.hiddenIndices)}
              </span>
              {cover.active ? null : <span className="gallery__why">{example.why}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
