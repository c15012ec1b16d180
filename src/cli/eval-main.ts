// Entry point of `npm run eval` (src/cli/eval.ts). exitCode rather than process.exit(), so that
// piped stdout is flushed before Node exits.
import { runEval } from './eval';
import { processIo } from './io';

process.exitCode = await runEval(process.argv.slice(2), processIo);
