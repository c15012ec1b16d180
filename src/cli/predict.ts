// `exlm predict`: one text, or every line of an --input file, through one loaded model.
import type { ModelTokenizer } from '../model/modelTokenizer';
import type { AnalyzeOptions, Analysis } from '../model/types';
import type { PredictArgs } from './args';
import { EXIT_CODES, type ExitCode, InputError, messageOf } from './errors';
import type { CliIo } from './io';
import { readInputLines } from './jsonl';
import { toPredictResult } from './result';
import { formatTable } from './table';

/** What predict needs from a model: the CLI's view of src/model's ExlmModel. */
export interface Predictor {
  analyze(text: string, options: AnalyzeOptions): Promise<Analysis>;
  /** Its tokenizer's type says what the model reads: English text, or molecules as SMILES. */
  readonly tokenizer: Pick<ModelTokenizer, 'type'>;
}

/** The hint for an input without [MASK], with an example in the model's own input: a molecule
 *  model guesses SMILES tokens, not words. */
export function noMaskHint(type: ModelTokenizer['type']): string {
  const example =
    type === 'smiles'
      ? 'a SMILES token (an atom, a bond, a branch or a ring digit) should be guessed, e.g. "CC(=O)[MASK]"'
      : 'a word should be guessed, e.g. "the cat sat on the [MASK] ."';
  return (
    'hint: the text has no [MASK] token, so there is nothing to predict; write [MASK] (in capitals) ' +
    `where ${example}\n`
  );
}

/** Analyzes one text; the errors it throws are about this input only (src/model says what is
 *  wrong with an empty or too long text). */
async function analyzeText(predictor: Predictor, text: string, topK: number): Promise<Analysis> {
  try {
    // Attention maps are big and the CLI never prints them.
    return await predictor.analyze(text, { topK, attention: false });
  } catch (error) {
    throw new InputError(messageOf(error));
  }
}

/** Writes one result (or the hint for a text without [MASK]); `label` prefixes messages. */
function writeResult(
  predictor: Predictor,
  analysis: Analysis,
  args: PredictArgs,
  io: CliIo,
  title: string,
  label: string,
): void {
  const result = toPredictResult(analysis);
  io.stdout(args.json ? JSON.stringify(result) + '\n' : formatTable(result, title));
  if (result.masks.length === 0) io.stderr(label + noMaskHint(predictor.tokenizer.type));
}

export async function predictText(
  predictor: Predictor,
  text: string,
  args: PredictArgs,
  io: CliIo,
): Promise<ExitCode> {
  try {
    const analysis = await analyzeText(predictor, text, args.topK);
    writeResult(predictor, analysis, args, io, text, '');
    return EXIT_CODES.ok;
  } catch (error) {
    io.stderr(`exlm predict: ${messageOf(error)}\n`);
    return EXIT_CODES.inputsFailed;
  }
}

/**
 * Every line of `file`, in order, through the one `predictor`. A line that fails is reported on
 * stderr with its number and, in JSON mode, as {"line", "error"} on stdout so that output line i
 * still belongs to input line i; the other lines go on.
 */
export async function predictFile(
  predictor: Predictor,
  file: string,
  args: PredictArgs,
  io: CliIo,
): Promise<ExitCode> {
  let failed = 0;
  let total = 0;
  for await (const line of readInputLines(file)) {
    total += 1;
    const { lineNumber } = line;
    try {
      if ('error' in line) throw line.error;
      const analysis = await analyzeText(predictor, line.text, args.topK).catch(
        (error: unknown) => {
          throw new InputError(`line ${lineNumber}: ${messageOf(error)}`);
        },
      );
      writeResult(
        predictor,
        analysis,
        args,
        io,
        `line ${lineNumber}: ${line.text}`,
        `line ${lineNumber}: `,
      );
      if (!args.json) io.stdout('\n');
    } catch (error) {
      failed += 1;
      const message = messageOf(error);
      io.stderr(`exlm predict: ${file}: ${message}\n`);
      if (args.json) io.stdout(JSON.stringify({ line: lineNumber, error: message }) + '\n');
    }
  }
  if (total === 0) io.stderr(`exlm predict: ${file} holds no input lines\n`);
  if (failed > 0) {
    io.stderr(`exlm predict: ${failed} of ${total} lines failed\n`);
    return EXIT_CODES.inputsFailed;
  }
  return EXIT_CODES.ok;
}
