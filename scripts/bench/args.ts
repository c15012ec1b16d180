// The command-line options of the bench and soak scripts, read with node:util's parseArgs in strict
// mode: each script declares its options once (placeholder, meaning, default, how to read the
// value), and gets typed values back. A mistake (an unknown option, a missing or bad value) stops
// the script before it launches anything, with one message that names the mistake and lists every
// option with its meaning; --help prints the same list.
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** One option: `--name VALUE`, or `--name` alone for a flag. */
export interface Option<T> {
  /** The value's placeholder in the usage (N, DIR, LIST); null for a flag, which takes none. */
  readonly placeholder: string | null;
  /** What the option does, for the usage. */
  readonly help: string;
  /** The value when the option is not given. */
  readonly fallback: T;
  /** The fallback as the usage shows it. */
  readonly shown: string;
  /** Reads the text given after the option; throws an Error that says what is wrong with it. */
  readonly read: (text: string) => T;
}

/** The options of one script, by name (without the leading --; --help and -h are the parser's). */
export type OptionSpec = Record<string, Option<unknown>>;

/** The values of `Spec`'s options, each given or defaulted. */
export type OptionValues<Spec extends OptionSpec> = {
  [Name in keyof Spec]: Spec[Name] extends Option<infer T> ? T : never;
};

/** A script's command line, for the usage: its npm script and the bare arguments it takes. */
export interface Command {
  /** The npm script that runs it, e.g. `bench:page`. */
  readonly name: string;
  /** The bare arguments it takes after the options (`MODEL_DIR ...`) and what they are; none
   *  when absent. */
  readonly positionals?: { readonly name: string; readonly help: string };
}

/** What `parseOptions` read: the values, the bare arguments, and whether --help was asked for. */
export interface Parsed<Spec extends OptionSpec> {
  values: OptionValues<Spec>;
  positionals: string[];
  help: boolean;
}

/** A command line that the script cannot run with; the message says why and how to call it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--name` alone: true when given. */
export function flag(help: string): Option<boolean> {
  return { placeholder: null, help, fallback: false, shown: '', read: () => true };
}

/** `--name VALUE`, read by `read` (as given when absent). */
export function option<T>(
  placeholder: string,
  help: string,
  fallback: T,
  read: (text: string) => T,
  shown = String(fallback),
): Option<T> {
  return { placeholder, help, fallback, shown, read };
}

/** `--name TEXT`: any text but an empty one. */
export function text(placeholder: string, help: string, fallback: string): Option<string> {
  return option(placeholder, help, fallback, (value) => {
    if (value === '') throw new Error('needs a value');
    return value;
  });
}

/** `--name N`: a whole number, at least `min`. */
export function integer(help: string, fallback: number, min: number): Option<number> {
  return option('N', `${help}, at least ${min}`, fallback, (value) => {
    if (!/^[+-]?\d+$/.test(value.trim())) throw new Error(`"${value}" is not a whole number`);
    const number = Number(value);
    if (number < min) throw new Error(`${number} is less than ${min}`);
    return number;
  });
}

/** `--name A,B,...`: one or more of `choices`, comma-separated, run in the order given. */
export function listOf<T extends string>(
  choices: readonly T[],
  help: string,
  fallback: readonly T[],
): Option<T[]> {
  const placeholder = choices.join(',');
  return option(
    'LIST',
    `${help}: any of ${placeholder}, comma-separated`,
    [...fallback],
    (value) => {
      const items = value.split(',').map((item) => item.trim());
      const wrong = items.filter((item) => !(choices as readonly string[]).includes(item));
      if (wrong.length > 0) {
        throw new Error(`${wrong.map((w) => `"${w}"`).join(', ')}: use ${choices.join(', ')}`);
      }
      return items as T[];
    },
    fallback.join(','),
  );
}

/** `--name X`: one of `choices`; `fallback` (shown as `shown`) when absent. */
export function oneOf<T extends string, F>(
  choices: readonly T[],
  help: string,
  fallback: F,
  shown: string,
): Option<T | F> {
  return option<T | F>(
    choices.join('|'),
    help,
    fallback,
    (value) => {
      const found = choices.find((choice) => choice === value);
      if (found === undefined) throw new Error(`"${value}": use ${choices.join(', ')}`);
      return found;
    },
    shown,
  );
}

/** The usage: how to run the script, then one line per option with its meaning and default. */
export function usage(command: Command, spec: OptionSpec): string {
  const names = Object.entries(spec).map(([name, o]) =>
    o.placeholder === null ? `--${name}` : `--${name} ${o.placeholder}`,
  );
  const rows: [string, string][] = Object.values(spec).map((o, i) => [
    names[i]!,
    o.placeholder === null || o.shown === '' ? o.help : `${o.help} (default: ${o.shown})`,
  ]);
  const bare = command.positionals;
  if (bare !== undefined) rows.push([bare.name, bare.help]);
  rows.push(['--help', 'print this and exit']);
  const width = Math.max(...rows.map(([name]) => name.length));
  const synopsis = [
    `npm run ${command.name} --`,
    ...names.map((name) => `[${name}]`),
    ...(bare === undefined ? [] : [`[${bare.name}]`]),
  ].join(' ');
  return [
    `Usage: ${synopsis}`,
    ...rows.map(([name, meaning]) => `  ${name.padEnd(width)}  ${meaning}`),
  ].join('\n');
}

/** What is wrong with `argv`, in words, from strict parseArgs' refusal `error`. */
function mistake(error: unknown, argv: readonly string[], config: ParseArgsConfig): string {
  const { code, message } = error as { code?: string; message: string };
  // A lenient second pass finds the argument the strict one stopped at.
  const { tokens = [] } = parseArgs({
    ...config,
    args: [...argv],
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = config.options ?? {};
    const unknown = tokens.find((t) => t.kind === 'option' && !(t.name in known));
    if (unknown?.kind === 'option') return `unknown option ${unknown.rawName}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const bare = tokens.find((t) => t.kind === 'positional');
    if (bare?.kind === 'positional') return `unexpected argument "${bare.value}"`;
  }
  // A value missing, or given to a flag: Node's own words name the option.
  return message;
}

/**
 * Reads `argv` (without node and the script) against `spec`. Throws a UsageError, its message
 * the mistake and then the usage, for an unknown option, a value missing or refused by its
 * option's `read`, or a bare argument where `command` takes none.
 */
export function parseOptions<Spec extends OptionSpec>(
  command: Command,
  spec: Spec,
  argv: readonly string[],
): Parsed<Spec> {
  const config: ParseArgsConfig = {
    options: {
      ...Object.fromEntries(
        Object.entries(spec).map(([name, o]) => [
          name,
          { type: o.placeholder === null ? ('boolean' as const) : ('string' as const) },
        ]),
      ),
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: command.positionals !== undefined,
  };
  const refuse = (why: string): never => {
    throw new UsageError(`${why}\n${usage(command, spec)}`);
  };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ ...config, args: [...argv] });
  } catch (error) {
    return refuse(mistake(error, argv, config));
  }
  const given = parsed.values as Record<string, string | boolean | undefined>;
  const values: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(spec)) {
    const raw = given[name];
    // A list's fallback is copied: a script that changes its values changes no other parse's.
    if (raw === undefined) values[name] = Array.isArray(o.fallback) ? [...o.fallback] : o.fallback;
    else if (typeof raw === 'boolean') values[name] = raw;
    else {
      try {
        values[name] = o.read(raw);
      } catch (error) {
        refuse(`--${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return {
    values: values as OptionValues<Spec>,
    positionals: parsed.positionals,
    help: given.help === true,
  };
}

/**
 * `parseOptions` on this process's arguments, for a script's first line: prints the usage and
 * exits 0 on --help; prints the mistake and the usage and exits 2 on a UsageError.
 */
export function readOptions<Spec extends OptionSpec>(
  command: Command,
  spec: Spec,
  argv: readonly string[] = process.argv.slice(2),
): Omit<Parsed<Spec>, 'help'> {
  try {
    const { help, ...parsed } = parseOptions(command, spec, argv);
    if (help) {
      console.log(usage(command, spec));
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${command.name}: ${error.message}`);
    process.exit(2);
  }
}
