// Entry point of the `exlm` command (npm run exlm, bin/exlm.mjs): runs the CLI on this process.
// exitCode rather than process.exit(), so that piped stdout is flushed before Node exits.
import { runCli } from './cli';
import { processIo } from './io';

process.exitCode = await runCli(process.argv.slice(2), processIo);
