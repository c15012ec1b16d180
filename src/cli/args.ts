// Parses the `exlm` command line into a plain description of what to run. No I/O here: the
// caller decides where help and errors go.
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

/** Candidates per slot when --top-k is not given: enough to see the ambiguity, short enough to read. */
export const DEFAULT_TOP_K = 5;

export interface PredictArgs {
  command: 'predict';
  /** --model as given (relative to the working directory); undefined means the default model. */
  model: string | undefined;
  topK: number;
  json: boolean;
  /** Exactly one of `text` and `input` is set. */
  text: string | undefined;
  input: string | undefined;
}

export type CliArgs =
  | PredictArgs
  | { command: 'help'; topic: 'main' | 'predict' }
  /** `exlm eval ...`: its options are parsed by src/cli/eval.ts (the same as `npm run eval`). */
  | { command: 'eval'; argv: string[] }
  /** No command at all: the help goes to stderr and the exit code says the call was unusable. */
  | { command: 'none' };

const COMMANDS = ['predict', 'eval'] as const;

function parsePositiveInteger(value: string, option: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`${option} must be a whole number of at least 1, got "${value}".`);
  }
  return Number(value);
}

function parsePredict(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        model: { type: 'string' },
        'top-k': { type: 'string' },
        json: { type: 'boolean', default: false },
        input: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // parseArgs says which option is unknown or lacks its value; keep its words.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', topic: 'predict' };

  // Unquoted words are joined, so `exlm predict the [MASK] sat` works like the quoted form.
  const text = positionals.length > 0 ? positionals.join(' ') : undefined;
  if (text !== undefined && values.input !== undefined) {
    throw new UsageError('Give either TEXT or --input FILE, not both.');
  }
  if (text === undefined && values.input === undefined) {
    throw new UsageError('Nothing to predict: give a TEXT with [MASK] tokens, or --input FILE.');
  }
  if (values.input === '') throw new UsageError('--input needs a file name.');
  if (values.model === '') throw new UsageError('--model needs a folder name.');
  const topK =
    values['top-k'] === undefined
      ? DEFAULT_TOP_K
      : parsePositiveInteger(values['top-k'], '--top-k');
  return {
    command: 'predict',
    model: values.model,
    topK,
    json: values.json,
    text,
    input: values.input,
  };
}

export function parseCliArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined) return { command: 'none' };
  if (command === '--help' || command === '-h' || command === 'help') {
    return { command: 'help', topic: rest[0] === 'predict' ? 'predict' : 'main' };
  }
  if (command === 'predict') return parsePredict(rest);
  if (command === 'eval') return { command: 'eval', argv: rest };
  throw new UsageError(
    `Unknown command "${command}". Commands: ${COMMANDS.join(', ')}. See exlm --help.`,
  );
}
