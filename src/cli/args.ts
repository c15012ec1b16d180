// Parses the `exlm` command line into a plain description of what to run. No I/O here: the
// caller decides where help and errors go.
import { type ParseArgsConfig, parseArgs } from 'node:util';

import { DEFAULT_TOP_K } from '../core/defaults';
import { UsageError } from './errors';

export { DEFAULT_TOP_K };

export interface PredictArgs {
  command: 'predict';
  /** --model as given: a folder (relative to the working directory) or the name of a folder in
   *  the repository's models/; undefined means the default model. */
  model: string | undefined;
  topK: number;
  json: boolean;
  /** Exactly one of `text` and `input` is set. */
  text: string | undefined;
  input: string | undefined;
}

/** `exlm convert-fairseq`: paths as given; convert-fairseq.ts checks them and runs the converter. */
export interface ConvertFairseqArgs {
  command: 'convert-fairseq';
  checkpoint: string;
  dict: string;
  /** The base vocabulary: both GPT-2 files, or else `tokenizer`. */
  gpt2Encoder: string | undefined;
  gpt2Bpe: string | undefined;
  tokenizer: string | undefined;
  out: string;
  dtype: 'float16' | 'float32';
  /** Write into an existing non-empty --out. */
  force: boolean;
}

/** `exlm models`: the model folders in models/ (or --dir), as the playground's menu lists them. */
export interface ModelsArgs {
  command: 'models';
  /** A folder of model folders; undefined means the repository's models/. */
  dir: string | undefined;
  json: boolean;
}

export type HelpTopic = 'main' | 'predict' | 'convert-fairseq' | 'models';

export type CliArgs =
  | PredictArgs
  | ConvertFairseqArgs
  | ModelsArgs
  | { command: 'help'; topic: HelpTopic }
  /** `exlm eval ...`: its options are parsed by src/cli/eval.ts (the same as `npm run eval`). */
  | { command: 'eval'; argv: string[] }
  /** No command at all: the help goes to stderr and the exit code says the call was unusable. */
  | { command: 'none' };

const COMMANDS = ['predict', 'models', 'eval', 'convert-fairseq'] as const;

function parsePositiveInteger(value: string, option: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`${option} must be a whole number of at least 1, got "${value}".`);
  }
  return Number(value);
}

/** parseArgs (strict, its default); its own message (which option is unknown or lacks its value) becomes
 *  a UsageError, in its words. */
function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parsePredict(argv: string[]): CliArgs {
  const parsed = parseOptions({
    args: argv,
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      'top-k': { type: 'string' },
      json: { type: 'boolean', default: false },
      input: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
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

const CONVERT_DTYPES = ['float16', 'float32'] as const;

function parseConvertFairseq(argv: string[]): CliArgs {
  const parsed = parseOptions({
    args: argv,
    allowPositionals: false,
    options: {
      checkpoint: { type: 'string' },
      dict: { type: 'string' },
      'gpt2-encoder': { type: 'string' },
      'gpt2-bpe': { type: 'string' },
      tokenizer: { type: 'string' },
      out: { type: 'string' },
      dtype: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const { values } = parsed;
  if (values.help) return { command: 'help', topic: 'convert-fairseq' };
  const needed = [
    ['checkpoint', 'FILE.pt (the fairseq checkpoint)'],
    ['dict', 'dict.txt (its dictionary)'],
    ['out', 'DIR (the model folder to write)'],
  ] as const;
  for (const [option, what] of needed) {
    if (!values[option]) throw new UsageError(`convert-fairseq needs --${option} ${what}.`);
  }
  const { tokenizer } = values;
  const encoder = values['gpt2-encoder'];
  const bpe = values['gpt2-bpe'];
  for (const [option, value] of [
    ['--tokenizer', tokenizer],
    ['--gpt2-encoder', encoder],
    ['--gpt2-bpe', bpe],
  ] as const) {
    if (value === '') throw new UsageError(`${option} needs a file name.`);
  }
  const gpt2 = encoder !== undefined || bpe !== undefined;
  if (tokenizer !== undefined && gpt2) {
    throw new UsageError(
      'Give either --tokenizer or the GPT-2 files (--gpt2-encoder, --gpt2-bpe), not both.',
    );
  }
  if (tokenizer === undefined && !gpt2) {
    throw new UsageError(
      'convert-fairseq needs the vocabulary the dict symbols index into: --gpt2-encoder ' +
        'encoder.json with --gpt2-bpe vocab.bpe, or --tokenizer tokenizer.json.',
    );
  }
  if (gpt2 && (encoder === undefined || bpe === undefined)) {
    throw new UsageError('--gpt2-encoder and --gpt2-bpe go together: give both GPT-2 files.');
  }
  const dtype = CONVERT_DTYPES.find((d) => d === (values.dtype ?? 'float16'));
  if (dtype === undefined) {
    throw new UsageError(`--dtype must be float16 or float32, got "${values.dtype}".`);
  }
  return {
    command: 'convert-fairseq',
    checkpoint: values.checkpoint ?? '',
    dict: values.dict ?? '',
    gpt2Encoder: encoder,
    gpt2Bpe: bpe,
    tokenizer,
    out: values.out ?? '',
    dtype,
    force: values.force,
  };
}

function parseModels(argv: string[]): CliArgs {
  const parsed = parseOptions({
    args: argv,
    allowPositionals: false,
    options: {
      dir: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const { values } = parsed;
  if (values.help) return { command: 'help', topic: 'models' };
  if (values.dir === '') throw new UsageError('--dir needs a folder name.');
  return { command: 'models', dir: values.dir, json: values.json };
}

const HELP_TOPICS = ['predict', 'convert-fairseq', 'models'] as const;

export function parseCliArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined) return { command: 'none' };
  if (command === '--help' || command === '-h' || command === 'help') {
    return { command: 'help', topic: HELP_TOPICS.find((topic) => topic === rest[0]) ?? 'main' };
  }
  if (command === 'predict') return parsePredict(rest);
  if (command === 'models') return parseModels(rest);
  if (command === 'convert-fairseq') return parseConvertFairseq(rest);
  if (command === 'eval') return { command: 'eval', argv: rest };
  throw new UsageError(
    `Unknown command "${command}". Commands: ${COMMANDS.join(', ')}. See exlm --help.`,
  );
}
