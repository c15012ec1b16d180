// The `exlm` command as a function: arguments in, exit code out, text through `io`. main.ts runs
// it on the process; tests run it in-process.
import { type CliArgs, parseCliArgs } from './args';
import { EXIT_CODES, messageOf, ModelLoadError, UsageError } from './errors';
import { CONVERT_HELP, MAIN_HELP, MODELS_HELP, PREDICT_HELP } from './help';
import type { CliIo } from './io';
import { predictFile, predictText } from './predict';

async function runPredict(args: Extract<CliArgs, { command: 'predict' }>, io: CliIo) {
  // Imported here so that --help and argument errors answer without loading tfjs.
  const { loadCliModel, resolveModelDir } = await import('./model');
  const model = await loadCliModel(resolveModelDir(args.model));
  try {
    if (args.input !== undefined) return await predictFile(model, args.input, args, io);
    return await predictText(model, args.text ?? '', args, io);
  } finally {
    model.dispose();
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'none':
        io.stderr(MAIN_HELP);
        return EXIT_CODES.unusable;
      case 'help':
        io.stdout(
          {
            main: MAIN_HELP,
            predict: PREDICT_HELP,
            'convert-fairseq': CONVERT_HELP,
            models: MODELS_HELP,
          }[args.topic],
        );
        return EXIT_CODES.ok;
      case 'predict':
        return await runPredict(args, io);
      case 'models': {
        const { runModels } = await import('./models');
        return runModels(args, io);
      }
      case 'convert-fairseq': {
        const { runConvertFairseq } = await import('./convert-fairseq');
        return await runConvertFairseq(args, io);
      }
      case 'eval': {
        const { runEval } = await import('./eval');
        return await runEval(args.argv, io);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`exlm: ${error.message}\nRun exlm --help for the options.\n`);
      return EXIT_CODES.unusable;
    }
    if (error instanceof ModelLoadError) {
      io.stderr(`exlm: ${error.message}\n`);
      return EXIT_CODES.unusable;
    }
    // Anything else is a bug in exlm or src/model: keep the stack for the report.
    io.stderr(
      `exlm: unexpected error: ${error instanceof Error ? error.stack : messageOf(error)}\n`,
    );
    return EXIT_CODES.unusable;
  }
}
