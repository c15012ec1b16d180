import { describe, expect, it } from 'vitest';

import {
  UsageError,
  flag,
  integer,
  listOf,
  oneOf,
  option,
  parseOptions,
  text,
  usage,
} from './args';

const COMMAND = { name: 'bench:test' };
const SPEC = {
  backends: listOf(['webgpu', 'wasm', 'cpu'] as const, 'the backends to time', ['wasm', 'cpu']),
  runs: integer('timed runs', 10, 3),
  model: text('NAME', 'the model folder under models/', 'tiny-random'),
  dist: option('DIR', 'the built page', '/root/dist', (value) => `/here/${value}`, 'dist'),
  profile: flag('also list the kernels'),
};

/** The message of the UsageError that `argv` gets (the test fails when it parses). */
function refusal(argv: string[]): string {
  try {
    parseOptions(COMMAND, SPEC, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('parseOptions', () => {
  it('gives every option its default when none is given', () => {
    expect(parseOptions(COMMAND, SPEC, [])).toEqual({
      values: {
        backends: ['wasm', 'cpu'],
        runs: 10,
        model: 'tiny-random',
        dist: '/root/dist',
        profile: false,
      },
      positionals: [],
      help: false,
    });
  });

  it('reads each value with its option, in either spelling', () => {
    const { values } = parseOptions(COMMAND, SPEC, [
      '--backends',
      'webgpu,wasm',
      '--runs=4',
      '--model',
      'exlm-en-small',
      '--dist',
      'out',
      '--profile',
    ]);
    expect(values).toEqual({
      backends: ['webgpu', 'wasm'],
      runs: 4,
      model: 'exlm-en-small',
      dist: '/here/out',
      profile: true,
    });
  });

  it('hands out a fresh copy of a list default each time', () => {
    const first = parseOptions(COMMAND, SPEC, []).values.backends;
    first.push('webgpu');
    expect(parseOptions(COMMAND, SPEC, []).values.backends).toEqual(['wasm', 'cpu']);
  });

  it('names an unknown option, then lists the valid ones with their meaning', () => {
    const message = refusal(['--runs', '5', '--bogus', '1']);
    const [first, ...rest] = message.split('\n');
    expect(first).toBe('unknown option --bogus');
    expect(rest).toEqual([
      'Usage: npm run bench:test -- [--backends LIST] [--runs N] [--model NAME] [--dist DIR] [--profile]',
      '  --backends LIST  the backends to time: any of webgpu,wasm,cpu, comma-separated (default: wasm,cpu)',
      '  --runs N         timed runs, at least 3 (default: 10)',
      '  --model NAME     the model folder under models/ (default: tiny-random)',
      '  --dist DIR       the built page (default: dist)',
      '  --profile        also list the kernels',
      '  --help           print this and exit',
    ]);
    expect(refusal(['-x']).split('\n')[0]).toBe('unknown option -x');
  });

  it('refuses a number that is not whole or is below the minimum', () => {
    expect(refusal(['--runs', 'ten']).split('\n')[0]).toBe('--runs: "ten" is not a whole number');
    expect(refusal(['--runs', '2.5']).split('\n')[0]).toBe('--runs: "2.5" is not a whole number');
    expect(refusal(['--runs', '2']).split('\n')[0]).toBe('--runs: 2 is less than 3');
    expect(refusal(['--runs', '']).split('\n')[0]).toBe('--runs: "" is not a whole number');
  });

  it('refuses a name outside the list, a missing value and a value given to a flag', () => {
    expect(refusal(['--backends', 'wasm,metal']).split('\n')[0]).toBe(
      '--backends: "metal": use webgpu, wasm, cpu',
    );
    expect(refusal(['--model=']).split('\n')[0]).toBe('--model: needs a value');
    expect(refusal(['--runs']).split('\n')[0]).toContain("'--runs <value>' argument missing");
    expect(refusal(['--profile=yes']).split('\n')[0]).toContain("'--profile' does not take");
  });

  it('refuses bare arguments unless the command takes them', () => {
    expect(refusal(['models/tiny-random']).split('\n')[0]).toBe(
      'unexpected argument "models/tiny-random"',
    );
    const withDirs = { name: 'bench:test', positionals: { name: 'DIR ...', help: 'folders' } };
    expect(parseOptions(withDirs, SPEC, ['a', '--profile', 'b'])).toMatchObject({
      values: { profile: true },
      positionals: ['a', 'b'],
    });
    expect(usage(withDirs, SPEC)).toContain('[--profile] [DIR ...]\n');
    expect(usage(withDirs, SPEC)).toContain('\n  DIR ...          folders\n');
  });

  it('reports --help and -h without refusing the rest', () => {
    expect(parseOptions(COMMAND, SPEC, ['--help']).help).toBe(true);
    expect(parseOptions(COMMAND, SPEC, ['-h', '--runs', '4']).help).toBe(true);
  });
});

describe('oneOf', () => {
  const spec = { backend: oneOf(['wasm', 'cpu'] as const, 'this backend only', null, 'both') };

  it('is the fallback when absent, and one of the choices when given', () => {
    expect(parseOptions(COMMAND, spec, []).values.backend).toBeNull();
    expect(parseOptions(COMMAND, spec, ['--backend', 'cpu']).values.backend).toBe('cpu');
    expect(usage(COMMAND, spec)).toContain('--backend wasm|cpu  this backend only (default: both)');
  });

  it('refuses any other name', () => {
    expect(() => parseOptions(COMMAND, spec, ['--backend', 'webgl'])).toThrow(
      '--backend: "webgl": use wasm, cpu',
    );
  });
});
