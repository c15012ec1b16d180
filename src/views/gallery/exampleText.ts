// An example as the gallery lists it: the sentence with its masks as [MASK]. When the editor holds
// the same sentence in a quiz round, the words the round hides are masks in the list too, or the
// list would show the class the answer next to the chips.
import { maskedText } from '../../core/words';

export function exampleText(
  example: { text: string; masks: readonly number[] },
  editorText: string,
  hiddenIndices: readonly number[],
): string {
  const masks =
    example.text === editorText && hiddenIndices.length > 0
      ? [...example.masks, ...hiddenIndices]
      : example.masks;
  return maskedText(example.text, masks);
}
