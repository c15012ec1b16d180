// Exit codes of the `exlm` command and the errors that map onto them.

export const EXIT_CODES = {
  /** Every input was analyzed. */
  ok: 0,
  /** Some inputs failed (bad text, bad --input line); the others were still processed. */
  inputsFailed: 1,
  /** Nothing could run: bad arguments, or a model folder that cannot be loaded. */
  unusable: 2,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Arguments that make no sense together or miss a value: exit 2, with a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The model folder cannot be used (missing file, malformed config, bad weights): exit 2. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/** One input cannot be analyzed (empty, too long, malformed line): reported, the rest goes on. */
export class InputError extends Error {
  override name = 'InputError';
}

/** The message of anything thrown, without a stack trace (users get a sentence, not a trace). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
